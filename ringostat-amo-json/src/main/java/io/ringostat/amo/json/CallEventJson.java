package io.ringostat.amo.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.json.internal.EventReader;
import io.ringostat.amo.json.internal.EventWriter;
import io.ringostat.amo.json.internal.JsonInput;
import io.ringostat.amo.json.internal.LineReader;
import io.ringostat.amo.json.internal.Paths;
import io.ringostat.amo.json.internal.Problems;
import io.ringostat.amo.json.internal.Redaction;
import io.ringostat.amo.json.internal.Utf8;
import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Reads and writes {@link CallEvent}s as single-line JSON objects with snake_case keys (R-IN-1),
 * as documented in {@code docs/events.md}; a file of such lines (JSONL) is what hosts log and
 * replay tools read.
 *
 * <p>Reading is strict and complete: unknown keys, wrong types, missing fields, values outside an
 * enum, unreadable instants, instants out of order and values over the limits ({@link
 * #MAX_LINE_BYTES}, {@link #MAX_STRING_CHARS}, {@link #MAX_URL_CHARS}, {@link #MAX_EXTRA_ENTRIES})
 * are all reported at once in an {@link InvalidEventException}. Phone numbers are taken as given
 * (a JSON number is accepted and converted to its digits); whether "anonymous" is a usable number
 * is the decision's business (R-PHONE), never a codec error.
 *
 * <p>All methods are static and thread-safe.
 *
 * <pre>{@code
 * CallEvent e = CallEventJson.read(line);                // throws InvalidEventException
 * String line = CallEventJson.write(e);                  // one line, reads back equal
 * CallEventJson.readLines(reader, (n, ev) -> engine.handle(ev), (n, err) -> log.warn("line {}: {}", n, err.getMessage()));
 * }</pre>
 */
public final class CallEventJson {
  /** The longest accepted line: 64 KiB of UTF-8. */
  public static final int MAX_LINE_BYTES = 64 << 10;
  /** The longest string value, in characters (call_id: {@value CallEvent#MAX_CALL_ID_LENGTH}). */
  public static final int MAX_STRING_CHARS = EventReader.MAX_STRING;
  /** The longest URL value (recording_url, tracking.landing_page, tracking.referrer). */
  public static final int MAX_URL_CHARS = EventReader.MAX_URL;
  /** The most entries in {@code tracking.extra}. */
  public static final int MAX_EXTRA_ENTRIES = EventReader.MAX_EXTRA;

  private static final int MAX_PROBLEMS = 50;

  private CallEventJson() {}

  /**
   * Reads one event from {@code jsonLine} (a leading byte-order mark is ignored).
   *
   * @throws InvalidEventException listing every problem of the line, each with the field's path;
   *     fix the host's event mapping (or drop the line) and send it again
   */
  public static CallEvent read(String jsonLine) {
    Objects.requireNonNull(jsonLine, "jsonLine");
    String line = jsonLine.startsWith("\uFEFF") ? jsonLine.substring(1) : jsonLine;
    Problems problems = new Problems(MAX_PROBLEMS);
    long bytes = Utf8.length(line);
    if (bytes > MAX_LINE_BYTES) {
      throw tooLong(bytes + " bytes");
    }
    Optional<JsonNode> root = JsonInput.EVENTS.parse(line, problems);
    Optional<CallEvent> event = root.flatMap(r -> EventReader.read(r, problems));
    if (event.isPresent()) {
      return event.get();
    }
    throw new InvalidEventException(convert(problems), root.flatMap(CallEventJson::callId));
  }

  /**
   * Writes {@code event} as one line of JSON (no line break). {@link #read(String)} of the result
   * returns an event equal to {@code event}, provided its values are within the read limits.
   */
  public static String write(CallEvent event) {
    return EventWriter.write(Objects.requireNonNull(event, "event"));
  }

  /**
   * Reads a JSONL stream line by line, handing each event to {@code onEvent} and each malformed
   * line to {@code onMalformed}, with its 1-based line number, then continues with the next line.
   * Blank lines are skipped. A line over {@link #MAX_LINE_BYTES} is reported without being held in
   * memory. Exceptions thrown by the callbacks stop reading and propagate. Does not close {@code
   * in}.
   *
   * @param in the JSONL text, UTF-8 decoded by the caller
   * @param onEvent gets each event with its line number
   * @param onMalformed gets each malformed line's problems with its line number
   * @return the number of malformed lines (0 when every non-blank line was an event)
   * @throws IOException when {@code in} fails
   */
  public static int readLines(Reader in, BiConsumer<Integer, CallEvent> onEvent,
      BiConsumer<Integer, InvalidEventException> onMalformed) throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(onEvent, "onEvent");
    Objects.requireNonNull(onMalformed, "onMalformed");
    LineReader lines = new LineReader(in, MAX_LINE_BYTES);
    int malformed = 0;
    for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
      if (line.tooLong()) {
        malformed++;
        onMalformed.accept(line.number(),
            tooLong(line.text().length() + line.cutChars() + " characters"));
        continue;
      }
      if (line.text().isBlank()) {
        continue;
      }
      CallEvent event;
      try {
        event = read(line.text());
      } catch (InvalidEventException e) {
        malformed++;
        onMalformed.accept(line.number(), e);
        continue;
      }
      onEvent.accept(line.number(), event);
    }
    return malformed;
  }

  private static InvalidEventException tooLong(String size) {
    return new InvalidEventException(List.of(new InvalidEventException.Problem(Paths.ROOT,
        "the line is " + size + " long; a call event is at most " + MAX_LINE_BYTES
            + " bytes: shorten or drop large fields")), Optional.empty());
  }

  private static List<InvalidEventException.Problem> convert(Problems problems) {
    return problems.list().stream()
        .map(p -> new InvalidEventException.Problem(p.path(), p.reason()))
        .toList();
  }

  private static Optional<String> callId(JsonNode root) {
    JsonNode id = root.path("call_id");
    return id.isTextual() && !id.textValue().isBlank()
        && id.textValue().length() <= CallEvent.MAX_CALL_ID_LENGTH
        ? Optional.of(Redaction.safe(id.textValue(), CallEvent.MAX_CALL_ID_LENGTH))
        : Optional.empty();
  }
}
