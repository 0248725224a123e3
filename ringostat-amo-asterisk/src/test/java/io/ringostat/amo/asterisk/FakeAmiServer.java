package io.ringostat.amo.asterisk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback-only stand-in for Asterisk's AMI port. Each accepted connection plays the next {@link
 * Session}: banner, login check (Username/Secret), then the session's messages, then either an abrupt
 * close or an idle wait that answers {@code Ping}s. Independent of the adapter's own framing code.
 */
public final class FakeAmiServer implements AutoCloseable {
  public static final String BANNER = "Asterisk Call Manager/13.0.0"; // include/asterisk/manager.h AMI_VERSION

  /** What one connection does. */
  public record Session(String banner, List<String> messages, boolean disconnectAfter,
      boolean acceptLogin, boolean answerPings) {
    public static Session replay(String resource) {
      return new Session(BANNER, load(resource), false, true, true);
    }

    public Session thenDisconnect() {
      return new Session(banner, messages, true, acceptLogin, answerPings);
    }

    public static Session refuseLogin() {
      return new Session(BANNER, List.of(), false, false, true);
    }

    public static Session banner(String banner) {
      return new Session(banner, List.of(), true, true, true);
    }

    public static Session silent() {
      return new Session(BANNER, List.of(), false, true, false);
    }
  }

  private final ServerSocket server;
  private final String username;
  private final String secret;
  private final List<Session> sessions;
  private final AtomicInteger accepted = new AtomicInteger();
  private final List<Map<String, String>> logins = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  public FakeAmiServer(String username, String secret, Session... sessions) throws IOException {
    this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    this.username = username;
    this.secret = secret;
    this.sessions = List.of(sessions);
    this.acceptor = new Thread(this::acceptLoop, "fake-ami-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public int connections() {
    return accepted.get();
  }

  /** The Login actions received, header by header. */
  public List<Map<String, String>> logins() {
    return logins;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        open.add(s);
        int n = accepted.getAndIncrement();
        Session session = n < sessions.size() ? sessions.get(n) : Session.silent();
        Thread t = new Thread(() -> serve(s, session), "fake-ami-session-" + n);
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket s, Session session) {
    try (s) {
      OutputStream out = s.getOutputStream();
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
          StandardCharsets.UTF_8));
      send(out, session.banner() + "\r\n");
      if (!session.banner().startsWith("Asterisk Call Manager/")) {
        return;
      }
      Map<String, String> login = readAction(in);
      logins.add(login);
      String id = login.getOrDefault("ActionID", "");
      boolean ok = session.acceptLogin() && "Login".equals(login.get("Action"))
          && username.equals(login.get("Username")) && secret.equals(login.get("Secret"));
      if (!ok) {
        send(out, "Response: Error\r\nActionID: " + id + "\r\nMessage: Authentication failed\r\n\r\n");
        return;
      }
      send(out, "Response: Success\r\nActionID: " + id + "\r\nMessage: Authentication accepted\r\n\r\n"
          + "Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 3600\r\nLastReload: 3600\r\n"
          + "Status: Fully Booted\r\n\r\n");
      for (String m : session.messages()) {
        send(out, m);
      }
      if (session.disconnectAfter()) {
        return;
      }
      while (true) { // idle: answer keep-alives until the client goes away
        Map<String, String> action = readAction(in);
        if (action.isEmpty()) {
          return;
        }
        if (session.answerPings() && "Ping".equals(action.get("Action"))) {
          send(out, "Response: Success\r\nActionID: " + action.getOrDefault("ActionID", "")
              + "\r\nPing: Pong\r\nTimestamp: 1718010000.000000\r\n\r\n");
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static Map<String, String> readAction(BufferedReader in) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isEmpty()) {
        if (headers.isEmpty()) {
          continue;
        }
        return headers;
      }
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon), line.substring(colon + 1).trim());
    }
    return headers;
  }

  private static void send(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Messages of a resource file, each rendered with CRLF line ends and a closing empty line. */
  public static List<String> load(String resource) {
    try (InputStream in = FakeAmiServer.class.getResourceAsStream("/ami/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource ami/" + resource);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> messages = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      for (String line : text.split("\n", -1)) {
        if (line.startsWith("#")) {
          continue;
        }
        if (line.isEmpty()) {
          if (current.length() > 0) {
            messages.add(current.append("\r\n").toString());
            current.setLength(0);
          }
        } else {
          current.append(line).append("\r\n");
        }
      }
      if (current.length() > 0) {
        messages.add(current.append("\r\n").toString());
      }
      return messages;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
