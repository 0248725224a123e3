package io.ringostat.amo.testkit;

import java.util.List;
import java.util.Optional;

/** Helpers shared by the stored-entity snapshots. */
final class StoredEntities {
  private StoredEntities() {}

  static Optional<StoredField> field(List<StoredField> fields, String code) {
    return fields.stream().filter(f -> f.code().map(code::equals).orElse(false)).findFirst();
  }

  static Optional<String> firstValue(List<StoredField> fields, String code) {
    return field(fields, code).flatMap(f -> f.texts().stream().findFirst());
  }
}
