package io.ringostat.amo.okhttp.internal.wire;

import java.util.List;

/** Null-safe helpers for wire records. */
public final class Wire {
  private Wire() {}

  /** {@code list}, or an empty list when amoCRM sent null or nothing. */
  public static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : list.stream().filter(java.util.Objects::nonNull).toList();
  }
}
