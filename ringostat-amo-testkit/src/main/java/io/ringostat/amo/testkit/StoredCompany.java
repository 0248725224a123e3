package io.ringostat.amo.testkit;

import java.util.List;

/**
 * A snapshot of a company in the emulator. Immutable and thread-safe.
 *
 * @param id the company id
 * @param name the name
 * @param responsibleUserId the responsible user
 * @param fields custom-field values
 * @param tags tag names
 */
public record StoredCompany(
    long id, String name, long responsibleUserId, List<StoredField> fields, List<String> tags) {
  public StoredCompany {
    fields = List.copyOf(fields);
    tags = List.copyOf(tags);
  }
}
