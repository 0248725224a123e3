package io.ringostat.amo.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Fills {@code {name}} placeholders (a name is one or more of {@code a-z} and {@code _}); unknown
 * placeholders stay as they are. A template is split into text and placeholders once and kept in
 * a small bounded cache, so rendering is a walk over the parts.
 */
public final class Templates {
  private static final int CACHE_CAPACITY = 256;
  private static final ConcurrentHashMap<String, Part[]> SPLIT = new ConcurrentHashMap<>();

  private Templates() {}

  public static String render(String template, Map<String, String> values) {
    return render(template, values::get);
  }

  /** Renders {@code template}; {@code values} gives a placeholder's value, null if unknown. */
  public static String render(String template, Function<String, String> values) {
    Part[] parts = split(template);
    if (parts.length == 1) {
      return parts[0].render(values); // e.g. "{client_phone}": no copy
    }
    StringBuilder out = new StringBuilder(template.length() + 32);
    for (Part p : parts) {
      out.append(p.render(values));
    }
    return out.toString();
  }

  /** Literal text, or a placeholder when {@code name} is set. */
  private record Part(String text, String name) {
    String render(Function<String, String> values) {
      if (name == null) {
        return text;
      }
      String value = values.apply(name);
      return value != null ? value : text;
    }
  }

  private static Part[] split(String template) {
    Part[] parts = SPLIT.get(template);
    if (parts == null) {
      parts = parse(template);
      if (SPLIT.size() >= CACHE_CAPACITY) {
        SPLIT.clear();
      }
      SPLIT.put(template, parts);
    }
    return parts;
  }

  /** Leftmost placeholders first, as a regex search for {@code \{([a-z_]+)\}} would find them. */
  private static Part[] parse(String template) {
    List<Part> parts = new ArrayList<>();
    int literalStart = 0;
    int i = 0;
    while (i < template.length()) {
      int end = template.charAt(i) == '{' ? placeholderEnd(template, i) : -1;
      if (end < 0) {
        i++;
        continue;
      }
      if (literalStart < i) {
        parts.add(new Part(template.substring(literalStart, i), null));
      }
      parts.add(new Part(template.substring(i, end), template.substring(i + 1, end - 1)));
      i = end;
      literalStart = end;
    }
    if (literalStart < template.length() || parts.isEmpty()) {
      parts.add(new Part(template.substring(literalStart), null));
    }
    return parts.toArray(new Part[0]);
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
