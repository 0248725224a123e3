package io.ringostat.amo.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's stand-in for an Asterisk: on 127.0.0.1, a free port, it accepts AMI connections, sends
 * the banner, accepts the login of {@code username}/{@code secret} and sends a recorded session in
 * AMI's wire format ({@code Key: Value} lines with CRLF, each message closed by an empty line). A
 * line {@code #! drop at <Asterisk time>} in the session ends a part: the server tells {@code
 * onDrop} that time, closes the connection there, as a restarting Asterisk or a failing network
 * would, and serves the next part on the next connection. After the last part it answers keep-alive {@code Ping}s until the client goes away
 * or it is closed.
 */
final class AmiReplayServer implements AutoCloseable {
  static final String BANNER = "Asterisk Call Manager/13.0.0";
  /** The line that ends a part of a session (the connection drops there, at that time). */
  private static final Pattern DROP = Pattern.compile("(?m)^#! drop at (\\d+(?:\\.\\d+)?).*$");

  private final ServerSocket server;
  private final String username;
  private final String secret;
  private final List<List<String>> parts = new ArrayList<>();
  private final List<Instant> dropTimes = new ArrayList<>();
  private final Consumer<Instant> onDrop;
  private final CountDownLatch sent = new CountDownLatch(1);
  private final Thread thread;
  private volatile Socket client;

  /** Starts serving {@code session} (the text of a recorded session, {@code #} lines skipped). */
  AmiReplayServer(String session, String username, String secret) throws IOException {
    this(session, username, secret, at -> { });
  }

  /** Likewise; {@code onDrop} learns the Asterisk time of each drop just before it happens. */
  AmiReplayServer(String session, String username, String secret, Consumer<Instant> onDrop)
      throws IOException {
    this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    this.username = username;
    this.secret = secret;
    this.onDrop = onDrop;
    Matcher m = DROP.matcher(session);
    int from = 0;
    while (m.find()) {
      parts.add(messages(session.substring(from, m.start())));
      dropTimes.add(Instant.ofEpochMilli(Math.round(Double.parseDouble(m.group(1)) * 1000)));
      from = m.end();
    }
    parts.add(messages(session.substring(from)));
    this.thread = new Thread(this::serve, "demo-ami-replay");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Messages of the session, events only (no banner or login exchange). */
  int size() {
    return parts.stream().mapToInt(List::size).sum();
  }

  /** How many times the session drops the connection. */
  int drops() {
    return parts.size() - 1;
  }

  /** Waits until every message of the session was written; false on timeout. */
  boolean awaitSent(long timeout, TimeUnit unit) throws InterruptedException {
    return sent.await(timeout, unit);
  }

  private void serve() {
    for (int i = 0; i < parts.size(); i++) {
      try (Socket s = server.accept()) {
        client = s;
        if (!serve(s, i)) {
          return;
        }
      } catch (IOException e) {
        return; // closed by the demo
      }
    }
  }

  /** Plays part {@code part} on {@code s}; false when the login was refused. */
  private boolean serve(Socket s, int part) {
    boolean last = part == parts.size() - 1;
    try {
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
        return false;
      }
      write(out, "Response: Success\r\nActionID: " + id
          + "\r\nMessage: Authentication accepted\r\n\r\n");
      for (String m : parts.get(part)) {
        write(out, m);
      }
      if (!last) {
        onDrop.accept(dropTimes.get(part));
        return true; // the caller closes the socket: the connection drops here
      }
      sent.countDown();
      while (true) {
        Map<String, String> action = readAction(in);
        if (action.isEmpty()) {
          return true;
        }
        if ("Ping".equalsIgnoreCase(action.get("Action"))) {
          write(out, "Response: Success\r\nActionID: " + action.getOrDefault("ActionID", "")
              + "\r\nPing: Pong\r\n\r\n");
        }
      }
    } catch (IOException e) {
      return true; // the client went away
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
