package io.ringostat.amo.core.settings;

import io.ringostat.amo.core.plan.EntityType;
import java.util.Optional;

/**
 * Writes call parameter {@code parameter} (R-FIELDS) into a custom field of new deals or contacts
 * (addressed by id or by code, e.g. amoCRM's tracking field {@code UTM_SOURCE}), and/or adds its
 * value as a tag.
 */
public record FieldMapping(
    String parameter,
    EntityType entity,
    Optional<Long> fieldId,
    Optional<String> fieldCode,
    boolean asTag) {

  /** Maps {@code parameter} into the deal field with {@code code}. */
  public static FieldMapping dealField(String parameter, String code) {
    return new FieldMapping(parameter, EntityType.DEAL, Optional.empty(), Optional.of(code), false);
  }

  /** Adds {@code parameter}'s value as a tag of new deals. */
  public static FieldMapping dealTag(String parameter) {
    return new FieldMapping(parameter, EntityType.DEAL, Optional.empty(), Optional.empty(), true);
  }

  /** True when the mapping writes a field (not only a tag). */
  public boolean writesField() {
    return fieldId.isPresent() || fieldCode.isPresent();
  }
}
