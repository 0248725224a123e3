package io.ringostat.amo.asterisk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Frames the AMI byte stream: the one-line banner, then messages of {@code Key: Value} lines ended
 * by an empty line. Lines end with CRLF; a bare LF is accepted too. Text is UTF-8.
 *
 * <p>Bounded: a line longer than {@link #MAX_LINE_BYTES} or a message with more than {@link
 * #MAX_HEADERS} headers is an {@link AmiProtocolException}. Resumable: when the socket's read
 * timeout fires mid-message ({@link SocketTimeoutException}), the partial line and headers are kept
 * and the next call continues. Not thread-safe: one reader thread.
 */
final class AmiReader {
  static final int MAX_LINE_BYTES = 64 * 1024;
  static final int MAX_HEADERS = 1024;
  static final String BANNER_PREFIX = "Asterisk Call Manager/";

  private final InputStream in;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private List<AmiMessage.Header> pending = new ArrayList<>();

  AmiReader(InputStream in) {
    this.in = in;
  }

  /**
   * Reads the banner line and returns the AMI version after {@code Asterisk Call Manager/}.
   *
   * @throws AmiProtocolException when the first line is not an AMI banner
   * @throws java.io.EOFException when the peer closes first
   */
  String readBanner() throws IOException {
    String first = readLine().orElseThrow(() -> new java.io.EOFException(
        "the connection closed before the AMI banner"));
    if (!first.startsWith(BANNER_PREFIX)) {
      throw new AmiProtocolException("expected the banner 'Asterisk Call Manager/<version>', got '"
          + abbreviate(first) + "': is this Asterisk's AMI port?");
    }
    return first.substring(BANNER_PREFIX.length()).trim();
  }

  /**
   * Reads the next message; blocks until it is complete, the read timeout fires ({@link
   * SocketTimeoutException}, state kept), or the stream ends (empty; a partial message is dropped).
   */
  Optional<AmiMessage> readMessage() throws IOException {
    while (true) {
      Optional<String> next = readLine();
      if (next.isEmpty()) {
        pending = new ArrayList<>();
        return Optional.empty();
      }
      String text = next.get();
      if (text.isEmpty()) {
        if (pending.isEmpty()) {
          continue; // stray blank line between messages
        }
        AmiMessage message = new AmiMessage(pending);
        pending = new ArrayList<>();
        return Optional.of(message);
      }
      if (pending.size() >= MAX_HEADERS) {
        throw new AmiProtocolException("an AMI message has more than " + MAX_HEADERS + " lines");
      }
      int colon = text.indexOf(':');
      if (colon < 0) {
        pending.add(new AmiMessage.Header("", text)); // e.g. output of 'Response: Follows'
      } else {
        String value = text.substring(colon + 1);
        pending.add(new AmiMessage.Header(text.substring(0, colon).trim(),
            value.startsWith(" ") ? value.substring(1) : value));
      }
    }
  }

  /** One line without its terminator; empty at end of stream (a partial last line is dropped). */
  private Optional<String> readLine() throws IOException {
    while (true) {
      int b = in.read(); // may throw SocketTimeoutException; 'line' keeps what was read
      if (b < 0) {
        line.reset();
        return Optional.empty();
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        line.reset();
        int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return Optional.of(new String(bytes, 0, len, StandardCharsets.UTF_8));
      }
      if (line.size() >= MAX_LINE_BYTES) {
        throw new AmiProtocolException("an AMI line is longer than " + MAX_LINE_BYTES + " bytes");
      }
      line.write(b);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
