package io.ringostat.amo.okhttp.internal.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One entry of {@code custom_fields_values}: the field and its values. amoCRM's examples disagree
 * on {@code enum} vs {@code enum_code} (reference §5.1); both are accepted.
 */
public record CustomFieldValues(
    Long fieldId, String fieldName, String fieldCode, String fieldType, List<Value> values) {

  /** One value; {@code value} is text for most fields but may be a number or boolean. */
  public record Value(JsonNode value, Long enumId, String enumCode,
      @JsonProperty("enum") String enumName) {
    /** The value as text, or null. */
    public String text() {
      return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }
  }

  /** True for the built-in phone field. */
  public boolean isPhone() {
    return "PHONE".equalsIgnoreCase(fieldCode);
  }

  /** The texts of every PHONE value among {@code fields}. */
  public static List<String> phones(List<CustomFieldValues> fields) {
    return Wire.list(fields).stream().filter(CustomFieldValues::isPhone)
        .flatMap(f -> Wire.list(f.values()).stream()).map(Value::text)
        .filter(java.util.Objects::nonNull).toList();
  }
}
