package io.ringostat.amo.testkit;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of an unsorted request, pending or already decided. Immutable and thread-safe.
 *
 * @param uid the request's uid
 * @param sourceUid {@code source_uid} as sent (absent for requests made through {@code
 *     leads/complex})
 * @param sourceName {@code source_name} as sent, if any
 * @param category {@code sip} or {@code forms}
 * @param pipelineId the pipeline whose Unsorted stage holds it
 * @param createdAt creation time
 * @param metadata the metadata as sent (read-only)
 * @param leadId its lead
 * @param contactId its contact, if any
 * @param state pending, accepted or declined
 * @param decidedBy the user who accepted or declined it
 */
public record StoredUnsorted(
    String uid,
    Optional<String> sourceUid,
    Optional<String> sourceName,
    String category,
    long pipelineId,
    Instant createdAt,
    Map<String, Object> metadata,
    long leadId,
    Optional<Long> contactId,
    State state,
    Optional<Long> decidedBy) {
  public StoredUnsorted {
    metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
  }

  /** Where an unsorted request stands. */
  public enum State {
    /** Waiting in Unsorted; its contact is hidden from lists. */
    PENDING,
    /** Accepted: the lead moved to a regular stage, the contact became visible. */
    ACCEPTED,
    /** Declined: its lead and contact were deleted. */
    DECLINED
  }

  /** {@code metadata.uniq}: the call id. */
  public Optional<String> uniq() {
    Object v = metadata.get("uniq");
    return v == null ? Optional.empty() : Optional.of(v.toString());
  }
}
