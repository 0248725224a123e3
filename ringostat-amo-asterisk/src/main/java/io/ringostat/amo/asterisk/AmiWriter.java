package io.ringostat.amo.asterisk;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes AMI actions: {@code Key: Value} lines with CRLF, then an empty line.
 *
 * <p>Rejects line breaks inside keys and values (they would inject headers or actions). Not
 * thread-safe: the reader thread is the only writer. A write may block while the socket's send
 * buffer is full; actions are tiny, so in practice it does not.
 */
final class AmiWriter {
  private final OutputStream out;

  AmiWriter(OutputStream out) {
    this.out = out;
  }

  void write(AmiMessage action) throws IOException {
    StringBuilder sb = new StringBuilder(128);
    for (AmiMessage.Header h : action.headers()) {
      requireSingleLine(h.key(), h.key());
      requireSingleLine(h.key(), h.value());
      sb.append(h.key()).append(": ").append(h.value()).append("\r\n");
    }
    sb.append("\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void requireSingleLine(String key, String text) {
    if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("AMI header '" + key + "' must not contain line breaks");
    }
  }
}
