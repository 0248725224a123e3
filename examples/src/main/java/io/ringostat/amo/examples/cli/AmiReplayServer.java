package io.ringostat.amo.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The demo's stand-in for an Asterisk: on 127.0.0.1, a free port, it accepts one AMI connection,
 * sends the banner, accepts the login of {@code username}/{@code secret}, sends a recorded session
 * in AMI's wire format ({@code Key: Value} lines with CRLF, each message closed by an empty line)
 * and then answers keep-alive {@code Ping}s until the client goes away or it is closed.
 */
final class AmiReplayServer implements AutoCloseable {
  static final String BANNER = "Asterisk Call Manager/13.0.0";

  private final ServerSocket server;
  private final String username;
  private final String secret;
  private final List<String> messages;
  private final CountDownLatch sent = new CountDownLatch(1);
  private final Thread thread;
  private volatile Socket client;

  /** Starts serving {@code session} (the text of a recorded session, {@code #} lines skipped). */
  AmiReplayServer(String session, String username, String secret) throws IOException {
    this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    this.username = username;
    this.secret = secret;
    this.messages = messages(session);
    this.thread = new Thread(this::serve, "demo-ami-replay");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Messages of the session, events only (no banner or login exchange). */
  int size() {
    return messages.size();
  }

  /** Waits until every message of the session was written; false on timeout. */
  boolean awaitSent(long timeout, TimeUnit unit) throws InterruptedException {
    return sent.await(timeout, unit);
  }

  private void serve() {
    try (Socket s = server.accept()) {
      client = s;
      OutputStream out = s.getOutputStream();
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
          StandardCharsets.UTF_8));
      write(out, BANNER + "\r\n");
      Map<String, String> login = readAction(in);
      String id = login.getOrDefault("ActionID", "");
      if (!"Login".equalsIgnoreCase(login.get("Action"))
          || !username.equals(login.get("Username")) || !secret.equals(login.get("Secret"))) {
        write(out, "Response: Error\r\nActionID: " + id
            + "\r\nMessage: Authentication failed\r\n\r\n");
        return;
      }
      write(out, "Response: Success\r\nActionID: " + id
          + "\r\nMessage: Authentication accepted\r\n\r\n");
      for (String m : messages) {
        write(out, m);
      }
      sent.countDown();
      while (true) {
        Map<String, String> action = readAction(in);
        if (action.isEmpty()) {
          return;
        }
        if ("Ping".equalsIgnoreCase(action.get("Action"))) {
          write(out, "Response: Success\r\nActionID: " + action.getOrDefault("ActionID", "")
              + "\r\nPing: Pong\r\n\r\n");
        }
      }
    } catch (IOException e) {
      // closed by the demo, or the client went away
    }
  }

  private static Map<String, String> readAction(BufferedReader in) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isEmpty()) {
        if (!headers.isEmpty()) {
          return headers;
        }
        continue;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      }
    }
    return headers;
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Splits a session text into messages rendered with CRLF and a closing empty line. */
  static List<String> messages(String session) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : session.split("\r?\n", -1)) {
      if (line.startsWith("#")) {
        continue;
      }
      if (line.isEmpty()) {
        if (current.length() > 0) {
          out.add(current.append("\r\n").toString());
          current.setLength(0);
        }
      } else {
        current.append(line).append("\r\n");
      }
    }
    if (current.length() > 0) {
      out.add(current.append("\r\n").toString());
    }
    return out;
  }

  @Override
  public void close() {
    try {
      server.close();
      Socket s = client;
      if (s != null) {
        s.close();
      }
    } catch (IOException ignored) {
      // closing anyway
    }
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
