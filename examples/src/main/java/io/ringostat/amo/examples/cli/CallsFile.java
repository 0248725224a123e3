package io.ringostat.amo.examples.cli;

import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.json.CallEventJson;
import io.ringostat.amo.json.InvalidEventException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
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
 */
final class CallsFile {
  /** One non-blank line: an event, or the reason it is not one. */
  record Line(int number, Optional<CallEvent> event, Optional<InvalidEventException> error) {}

  private CallsFile() {}

  static List<Line> read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)));
    }
  }

  /** Reads a bundled calls file from the classpath, e.g. {@code demo/day.jsonl}. */
  static List<Line> resource(String name) {
    InputStream in = CallsFile.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing bundled resource " + name);
    }
    try (in) {
      return read(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static List<Line> read(Reader reader) throws IOException {
    List<Line> lines = new ArrayList<>();
    CallEventJson.readLines(reader,
        (n, e) -> lines.add(new Line(n, Optional.of(e), Optional.empty())),
        (n, err) -> lines.add(new Line(n, Optional.empty(), Optional.of(err))));
    return lines;
  }
}
