package io.ringostat.amo.testkit;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of a note: a call record ({@code call_in}/{@code call_out}, also what {@code POST
 * /api/v4/calls} creates) or a text note.
 *
 * @param id the note id
 * @param entityType {@code leads}, {@code contacts} or {@code companies}
 * @param entityId the entity it is attached to
 * @param noteType e.g. {@code call_in}, {@code call_out}, {@code common}
 * @param createdBy the author
 * @param responsibleUserId the responsible user
 * @param createdAt creation time
 * @param params the params exactly as sent, or as the last edit set them (a read-only copy)
 * @param updatedAt the last change: creation, or the last edit
 * @param edits how many times the note was edited ({@code PATCH /api/v4/{type}/notes})
 */
public record StoredNote(
    long id,
    String entityType,
    long entityId,
    String noteType,
    long createdBy,
    long responsibleUserId,
    Instant createdAt,
    Map<String, Object> params,
    Instant updatedAt,
    int edits) {
  public StoredNote {
    params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
  }

  /** {@code params.uniq}: the call id of a call record. */
  public Optional<String> uniq() {
    return param("uniq");
  }

  /** {@code params.text} of a common note. */
  public Optional<String> text() {
    return param("text");
  }

  /** A param as text, if present and not null. */
  public Optional<String> param(String name) {
    Object v = params.get(name);
    return v == null ? Optional.empty() : Optional.of(v.toString());
  }
}
