package io.ringostat.amo.asterisk;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One logged-in AMI session over TCP: connect, banner, {@code Login}, then a stream of messages.
 *
 * <p>Nothing blocks without bound: connecting is limited by {@link AmiConfig#connectTimeout()}, the
 * banner and login response by {@link AmiConfig#loginTimeout()}; afterwards, after {@link
 * AmiConfig#pingInterval()} of silence the connection sends {@code Action: Ping}, and if another
 * interval passes without any data it gives up with an {@link AmiProtocolException} (a half-open
 * TCP connection is detected in at most two intervals).
 *
 * <p>Threading: {@link #next()} is called by one thread; {@link #close()} may be called from any
 * thread and makes a blocked {@link #next()} fail promptly.
 */
final class AmiConnection implements Closeable {
  private static final AtomicLong ACTION_IDS = new AtomicLong();

  private final Socket socket;
  private final AmiReader reader;
  private final AmiWriter writer;
  private final String version;
  private boolean pingOutstanding;

  private AmiConnection(Socket socket, AmiReader reader, AmiWriter writer, String version) {
    this.socket = socket;
    this.reader = reader;
    this.writer = writer;
    this.version = version;
  }

  /**
   * Connects {@code socket} (new, unconnected; the caller may close it from another thread to
   * abort) and logs in.
   *
   * @throws AmiLoginException when Asterisk answers the login with {@code Response: Error}
   * @throws AmiProtocolException when the peer does not speak AMI
   * @throws IOException on network failure or timeout
   */
  static AmiConnection open(AmiConfig config, Socket socket) throws IOException {
    try {
      socket.connect(new InetSocketAddress(config.host(), config.port()),
          millis(config.connectTimeout()));
      socket.setSoTimeout(millis(config.loginTimeout()));
      socket.setTcpNoDelay(true);
      socket.setKeepAlive(true);
      AmiReader reader = new AmiReader(new BufferedInputStream(socket.getInputStream()));
      AmiWriter writer = new AmiWriter(new BufferedOutputStream(socket.getOutputStream()));
      String version = reader.readBanner();
      String actionId = "ringostat-login-" + ACTION_IDS.incrementAndGet();
      writer.write(AmiMessage.of("Action", "Login", "ActionID", actionId,
          "Username", config.username(), "Secret", config.secret(), "Events", config.events()));
      AmiMessage response = awaitResponse(reader, actionId);
      if (!response.value("Response").equalsIgnoreCase("Success")) {
        throw new AmiLoginException(config.host(), config.port(), config.username(),
            response.get("Message").filter(m -> !m.isBlank()).orElse("no reason given"));
      }
      socket.setSoTimeout(millis(config.pingInterval()));
      return new AmiConnection(socket, reader, writer, version);
    } catch (IOException | RuntimeException e) {
      closeQuietly(socket);
      throw e;
    }
  }

  private static AmiMessage awaitResponse(AmiReader reader, String actionId) throws IOException {
    while (true) {
      AmiMessage m = reader.readMessage().orElseThrow(() -> new EOFException(
          "the connection closed before the login response"));
      if (m.isResponse() && m.get("ActionID").map(actionId::equals).orElse(true)) {
        return m;
      }
    }
  }

  /** The AMI protocol version from the banner, e.g. {@code 13.0.0}. */
  String version() {
    return version;
  }

  /**
   * The next message (event or response); blocks for at most two ping intervals.
   *
   * @throws EOFException when Asterisk closed the connection
   * @throws AmiProtocolException on malformed input or an unanswered keep-alive
   */
  AmiMessage next() throws IOException {
    while (true) {
      try {
        Optional<AmiMessage> m = reader.readMessage();
        if (m.isEmpty()) {
          throw new EOFException("Asterisk closed the AMI connection");
        }
        pingOutstanding = false;
        return m.get();
      } catch (SocketTimeoutException idle) {
        if (pingOutstanding) {
          throw new AmiProtocolException("no answer to the AMI keep-alive Ping within "
              + socket.getSoTimeout() + " ms; the connection is considered dead");
        }
        pingOutstanding = true;
        writer.write(AmiMessage.of("Action", "Ping",
            "ActionID", "ringostat-ping-" + ACTION_IDS.incrementAndGet()));
      }
    }
  }

  /** Closes the socket; idempotent, thread-safe, never throws. */
  @Override
  public void close() {
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing to do: the socket is unusable either way
    }
  }

  private static int millis(java.time.Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
  }
}
