package io.ringostat.amo.core.plan;

import java.util.Optional;

/**
 * A custom-field value to write: the field is addressed by id or by code (amoCRM accepts either),
 * e.g. {@code UTM_SOURCE = google} (R-FIELDS).
 */
public record FieldValue(Optional<Long> fieldId, Optional<String> fieldCode, String value) {
  public FieldValue {
    if (fieldId.isEmpty() && fieldCode.isEmpty()) {
      throw new IllegalArgumentException("field: needs an id or a code");
    }
  }

  public static FieldValue byId(long id, String value) {
    return new FieldValue(Optional.of(id), Optional.empty(), value);
  }

  public static FieldValue byCode(String code, String value) {
    return new FieldValue(Optional.empty(), Optional.of(code), value);
  }

  @Override
  public String toString() {
    return fieldCode.orElseGet(() -> "field " + fieldId.get()) + "=" + value;
  }
}
