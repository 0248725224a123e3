package io.ringostat.amo.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of a contact in the emulator. Immutable and thread-safe; later changes to the emulator
 * are not reflected.
 *
 * @param id the contact id
 * @param name the name
 * @param firstName the first name (empty when not set)
 * @param lastName the last name (empty when not set)
 * @param responsibleUserId the responsible user
 * @param createdBy the creating user (0 = robot)
 * @param createdAt creation time
 * @param updatedAt last update time
 * @param fields custom-field values
 * @param tags tag names
 * @param companyId the linked company, if any
 * @param unsorted true while the contact belongs to a pending unsorted request (then it is hidden
 *     from the API's lists, as in amoCRM)
 */
public record StoredContact(
    long id,
    String name,
    String firstName,
    String lastName,
    long responsibleUserId,
    long createdBy,
    Instant createdAt,
    Instant updatedAt,
    List<StoredField> fields,
    List<String> tags,
    Optional<Long> companyId,
    boolean unsorted) {
  public StoredContact {
    fields = List.copyOf(fields);
    tags = List.copyOf(tags);
  }

  /** The PHONE values as sent, in order. */
  public List<String> phones() {
    return field("PHONE").map(StoredField::texts).orElse(List.of());
  }

  /** The field with {@code code}, if the contact has values in it. */
  public Optional<StoredField> field(String code) {
    return StoredEntities.field(fields, code);
  }

  /** The first value of the field with {@code code}. */
  public Optional<String> fieldValue(String code) {
    return StoredEntities.firstValue(fields, code);
  }
}
