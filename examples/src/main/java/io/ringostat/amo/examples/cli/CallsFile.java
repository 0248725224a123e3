package io.ringostat.amo.examples.cli;

import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.json.CallEventJson;
import io.ringostat.amo.json.InvalidEventException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A calls file: JSON Lines, one call event per line ({@code docs/events.md}). Read whole, in
 * order; a malformed line is kept as a {@link Line} with its 1-based number and the problems, so
 * that the run reports it and goes on.
 *
 * <p>Each line is decoded as strict UTF-8: a line that is not valid UTF-8 is malformed. (A lenient
 * decoder turns every invalid byte into the same U+FFFD, so two call ids that differ only there
 * would become one, and the second call would be dropped as a duplicate.) Lines end at {@code \n}
 * or {@code \r\n}; a line over {@link CallEventJson#MAX_LINE_BYTES} is malformed without being
 * held in memory.
 */
final class CallsFile {
  /**
   * One non-blank line: an event, or the reason it is not one ({@link InvalidEventException} for
   * a line that is not a valid event, {@link IllegalArgumentException} for one that is not valid
   * UTF-8 or too long).
   */
  record Line(int number, Optional<CallEvent> event, Optional<IllegalArgumentException> error) {}

  private static final int MAX = CallEventJson.MAX_LINE_BYTES;

  private CallsFile() {}

  static List<Line> read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    }
  }

  /** Reads a bundled calls file from the classpath, e.g. {@code demo/day.jsonl}. */
  static List<Line> resource(String name) {
    InputStream in = CallsFile.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing bundled resource " + name);
    }
    try (in) {
      return read(in);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Reads JSON Lines from {@code bytes} (not closed). */
  static List<Line> read(InputStream bytes) throws IOException {
    InputStream in = new BufferedInputStream(bytes);
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    List<Line> lines = new ArrayList<>();
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    long size = 0;
    int number = 0;
    for (int b = in.read(); b != -1 || size > 0; b = in.read()) {
      if (b == '\n' || b == -1) {
        number++;
        line(number, kept.toByteArray(), size, utf8).ifPresent(lines::add);
        kept.reset();
        size = 0;
        if (b == -1) {
          break;
        }
        continue;
      }
      size++;
      if (size <= MAX + 1) { // the limit, and a '\r' after it
        kept.write(b);
      }
    }
    return lines;
  }

  /** The line, or empty when it is blank; {@code size} counts the bytes not kept too. */
  private static Optional<Line> line(int number, byte[] kept, long size, CharsetDecoder utf8) {
    int length = kept.length;
    if (length > 0 && kept[length - 1] == '\r' && size == length) {
      length--;
      size--;
    }
    if (size > MAX) {
      return malformed(number, "invalid call event: the line is " + size + " bytes long; a call"
          + " event is at most " + MAX + " bytes: shorten or drop large fields");
    }
    ByteBuffer in = ByteBuffer.wrap(kept, 0, length);
    CharBuffer out = CharBuffer.allocate(length);
    utf8.reset();
    CoderResult result = utf8.decode(in, out, true);
    if (!result.isError()) {
      result = utf8.flush(out);
    }
    if (result.isError()) {
      return malformed(number, "invalid call event: the line is not valid UTF-8 (byte "
          + (in.position() + 1) + " of the line); save the file as UTF-8");
    }
    String text = out.flip().toString();
    if (text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Line(number, Optional.of(CallEventJson.read(text)), Optional.empty()));
    } catch (InvalidEventException e) {
      return Optional.of(new Line(number, Optional.empty(), Optional.of(e)));
    }
  }

  private static Optional<Line> malformed(int number, String why) {
    return Optional.of(new Line(number, Optional.empty(),
        Optional.of(new IllegalArgumentException(why))));
  }
}
