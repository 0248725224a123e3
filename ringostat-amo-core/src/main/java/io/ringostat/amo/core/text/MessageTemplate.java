package io.ringostat.amo.core.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A text with {@code {name}} placeholders, checked when it is made: every placeholder must be one
 * the text's {@link MessageKey} allows, so a typo fails at construction, never at render time.
 *
 * <p>Syntax: a placeholder is {@code {} followed by one or more of {@code A-Z a-z 0-9 _ . -} and
 * {@code }}; any other brace is literal text ("{ }", "{}" and a lone "{" stay as they are).
 * Placeholder names are lower case; {@code {Client_Phone}} is reported as unknown, not silently
 * left in the text.
 *
 * <p>Rendering is safe: values are inserted literally and never scanned again, so a value holding
 * "{endpoint}" stays "{endpoint}". Immutable and thread-safe.
 */
public final class MessageTemplate {
  private final String text;
  private final List<Part> parts;
  private final Set<String> placeholders;

  private MessageTemplate(String text, List<Part> parts) {
    this.text = text;
    this.parts = List.copyOf(parts);
    Set<String> names = new LinkedHashSet<>();
    for (Part p : parts) {
      if (p.placeholder()) {
        names.add(p.text());
      }
    }
    this.placeholders = java.util.Collections.unmodifiableSet(names);
  }

  /**
   * Parses {@code text} for {@code key}.
   *
   * @throws IllegalArgumentException when the text is blank or uses a placeholder {@code key}
   *     does not allow; the message names the key, each unknown placeholder and the known ones
   */
  public static MessageTemplate of(MessageKey key, String text) {
    Objects.requireNonNull(key, "key");
    List<String> reasons = problems(text, key.placeholders());
    if (!reasons.isEmpty()) {
      throw new IllegalArgumentException("template for " + key.id() + " '" + text + "': "
          + String.join("; ", reasons));
    }
    return new MessageTemplate(text, parse(text));
  }

  /**
   * What is wrong with {@code text} as a template allowed to use {@code allowed}: one reason per
   * unknown placeholder (in order of first use), or "must not be blank"; empty when it is fine.
   */
  public static List<String> problems(String text, Collection<String> allowed) {
    Objects.requireNonNull(text, "text");
    List<String> out = new ArrayList<>();
    if (text.isBlank()) {
      out.add("must not be blank");
      return out;
    }
    Set<String> unknown = new LinkedHashSet<>();
    for (Part p : parse(text)) {
      if (p.placeholder() && !allowed.contains(p.text())) {
        unknown.add(p.text());
      }
    }
    for (String u : unknown) {
      out.add("unknown placeholder {" + u + "} (known: " + String.join(", ", allowed) + ")");
    }
    return out;
  }

  /** The text as written. */
  public String text() {
    return text;
  }

  /** The placeholders the text uses, in order of first use. */
  public Set<String> placeholders() {
    return placeholders;
  }

  /**
   * The text with every placeholder replaced by its value.
   *
   * @throws IllegalArgumentException when {@code values} has no value for a placeholder the text
   *     uses (a bug in the caller, which should supply every placeholder of the key)
   */
  public String render(Map<String, String> values) {
    Objects.requireNonNull(values, "values");
    return render(values::get);
  }

  /** As {@link #render(Map)}, with values from a function that returns null for "no value". */
  public String render(Function<String, String> values) {
    StringBuilder out = new StringBuilder(text.length() + 32);
    for (Part p : parts) {
      if (!p.placeholder()) {
        out.append(p.text());
        continue;
      }
      String v = values.apply(p.text());
      if (v == null) {
        throw new IllegalArgumentException("no value for placeholder {" + p.text()
            + "} in template '" + text + "'");
      }
      out.append(v);
    }
    return out.toString();
  }

  private record Part(String text, boolean placeholder) {}

  private static List<Part> parse(String text) {
    List<Part> parts = new ArrayList<>();
    int literalStart = 0;
    int i = 0;
    while (i < text.length()) {
      int end = text.charAt(i) == '{' ? placeholderEnd(text, i) : -1;
      if (end < 0) {
        i++;
        continue;
      }
      if (literalStart < i) {
        parts.add(new Part(text.substring(literalStart, i), false));
      }
      parts.add(new Part(text.substring(i + 1, end - 1), true));
      i = end;
      literalStart = end;
    }
    if (literalStart < text.length()) {
      parts.add(new Part(text.substring(literalStart), false));
    }
    return parts;
  }

  /** The index after the closing brace of a placeholder opening at {@code open}, or -1. */
  private static int placeholderEnd(String s, int open) {
    int i = open + 1;
    while (i < s.length() && isNameChar(s.charAt(i))) {
      i++;
    }
    return i > open + 1 && i < s.length() && s.charAt(i) == '}' ? i + 1 : -1;
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
        || c == '.' || c == '-';
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MessageTemplate t && t.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
