package io.ringostat.amo.json;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Thrown when a call-event line is not a valid call event (R-IN-1). {@link #problems()} lists every
 * problem at once, each with the field's path (such as {@code tracking.utm_source}) and a reason
 * that says what to send instead; the host fixes its event mapping.
 *
 * <p>The message is safe to log: it quotes at most short fragments of values, masks long digit runs
 * (phone numbers) and never repeats the raw line. Immutable and thread-safe.
 */
public final class InvalidEventException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * One problem of an event.
   *
   * @param path the field, such as {@code call_id} or {@code tracking.extra.roistat_visit_id};
   *     {@code $} for the whole line
   * @param reason what is wrong and what to send instead
   */
  public record Problem(String path, String reason) implements Serializable {
    @Override
    public String toString() {
      return path + ": " + reason;
    }
  }

  private final List<Problem> problems;
  private final String callId;

  InvalidEventException(List<Problem> problems, Optional<String> callId) {
    super(message(problems, callId));
    this.problems = List.copyOf(problems);
    this.callId = callId.orElse(null);
  }

  /** Every problem found, in the order of the fields. Never empty. */
  public List<Problem> problems() {
    return problems;
  }

  /** The event's {@code call_id}, when the line had a readable one; helps find the call. */
  public Optional<String> callId() {
    return Optional.ofNullable(callId);
  }

  private static String message(List<Problem> problems, Optional<String> callId) {
    return "invalid call event" + callId.map(id -> " '" + id + "'").orElse("") + ", "
        + problems.size() + " problem(s): "
        + problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
  }
}
