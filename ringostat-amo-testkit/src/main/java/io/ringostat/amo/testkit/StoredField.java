package io.ringostat.amo.testkit;

import java.util.List;
import java.util.Optional;

/**
 * The values an entity holds in one custom field. Immutable and thread-safe.
 *
 * @param fieldId the field's id
 * @param name the field's name
 * @param code the field's code (PHONE, UTM_SOURCE, …), if it has one
 * @param type the field type (multitext, tracking_data, text, …)
 * @param values the values, in order
 */
public record StoredField(
    long fieldId, String name, Optional<String> code, String type, List<StoredFieldValue> values) {
  public StoredField {
    values = List.copyOf(values);
  }

  /** The value texts, in order. */
  public List<String> texts() {
    return values.stream().map(StoredFieldValue::value).toList();
  }
}
