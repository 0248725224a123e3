package io.ringostat.amo.okhttp;

/** Checks on secret values whose messages never echo the value. */
final class Secrets {
  private Secrets() {}

  static void requireHeaderSafe(String value, String name) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException(name + ": must not be blank");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new IllegalArgumentException(
            name + ": only visible ASCII characters are allowed (offending character at index "
                + i + ")");
      }
    }
  }
}
