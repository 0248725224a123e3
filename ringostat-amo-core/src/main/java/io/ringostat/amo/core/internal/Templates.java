package io.ringostat.amo.core.internal;

import java.util.function.Function;

/**
 * Fills {@code {name}} placeholders (a name is one or more of {@code a-z} and {@code _}); unknown
 * placeholders stay as they are. Leftmost placeholders first, as a regex search for {@code
 * \{([a-z_]+)\}} would find them.
 */
final class Templates {
  private Templates() {}

  /** Renders {@code template}; {@code values} gives a placeholder's value, null if unknown. */
  static String render(String template, Function<String, String> values) {
    StringBuilder out = new StringBuilder(template.length() + 32);
    int i = 0;
    while (i < template.length()) {
      int end = template.charAt(i) == '{' ? placeholderEnd(template, i) : -1;
      if (end < 0) {
        out.append(template.charAt(i));
        i++;
        continue;
      }
      String value = values.apply(template.substring(i + 1, end - 1));
      if (value != null) {
        out.append(value);
      } else {
        out.append(template, i, end);
      }
      i = end;
    }
    return out.toString();
  }

  /** The index after the {@code }} of a placeholder opening at {@code open}, or -1 if none. */
  private static int placeholderEnd(String s, int open) {
    int i = open + 1;
    while (i < s.length() && (s.charAt(i) == '_' || (s.charAt(i) >= 'a' && s.charAt(i) <= 'z'))) {
      i++;
    }
    return i > open + 1 && i < s.length() && s.charAt(i) == '}' ? i + 1 : -1;
  }
}
