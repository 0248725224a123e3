package io.ringostat.amo.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of a lead (deal) in the emulator. Immutable and thread-safe.
 *
 * @param id the lead id
 * @param name the name
 * @param price the budget
 * @param responsibleUserId the responsible user
 * @param pipelineId the pipeline
 * @param statusId the status (142 won, 143 lost, the pipeline's Unsorted stage while pending)
 * @param createdBy the creating user
 * @param createdAt creation time
 * @param updatedAt last update time
 * @param closedAt when it was closed (won or lost)
 * @param fields custom-field values (e.g. UTM_SOURCE)
 * @param tags tag names
 * @param contactIds linked contacts, the main one first
 * @param companyId the linked company, if any
 * @param unsorted true while the lead waits in Unsorted
 */
public record StoredDeal(
    long id,
    String name,
    long price,
    long responsibleUserId,
    long pipelineId,
    long statusId,
    long createdBy,
    Instant createdAt,
    Instant updatedAt,
    Optional<Instant> closedAt,
    List<StoredField> fields,
    List<String> tags,
    List<Long> contactIds,
    Optional<Long> companyId,
    boolean unsorted) {
  public StoredDeal {
    fields = List.copyOf(fields);
    tags = List.copyOf(tags);
    contactIds = List.copyOf(contactIds);
  }

  /** True unless the deal is won (142) or lost (143). */
  public boolean isOpen() {
    return statusId != 142 && statusId != 143;
  }

  public Optional<StoredField> field(String code) {
    return StoredEntities.field(fields, code);
  }

  /** The first value of the field with {@code code}, e.g. {@code fieldValue("UTM_SOURCE")}. */
  public Optional<String> fieldValue(String code) {
    return StoredEntities.firstValue(fields, code);
  }
}
