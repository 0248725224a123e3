package io.ringostat.amo.core.plan;

import java.util.ArrayList;
import java.util.List;

/** Collects the required fields a builder has not been given, and names them all in one error. */
final class RequiredFields {
  private final String type;
  private final List<String> missing = new ArrayList<>();

  private RequiredFields(String type) {
    this.type = type;
  }

  static RequiredFields of(String type) {
    return new RequiredFields(type);
  }

  RequiredFields check(String name, Object value) {
    if (value == null) {
      missing.add(name);
    }
    return this;
  }

  /** @throws IllegalStateException naming every missing field */
  void throwIfMissing() {
    if (!missing.isEmpty()) {
      throw new IllegalStateException("Cannot build " + type + ": set "
          + String.join(", ", missing) + " on the builder");
    }
  }
}
