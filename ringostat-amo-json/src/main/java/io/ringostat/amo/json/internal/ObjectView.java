package io.ringostat.amo.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A JSON object at a path, read key by key. Every accessor reports what is wrong with the value
 * (wrong type, out of range, not an allowed value) to the shared {@link Problems} and returns empty,
 * so that a reader walks the whole document and reports every problem at once. A key holding JSON
 * {@code null} counts as absent. Not thread-safe; one per object per parse.
 */
public final class ObjectView {
  private final JsonNode node;
  private final String path;
  private final Problems problems;

  private ObjectView(JsonNode node, String path, Problems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  /**
   * Views {@code node} as an object whose keys must be among {@code allowedKeys}; reports every
   * other key. Empty, with a problem, when {@code node} is not an object.
   */
  public static Optional<ObjectView> of(JsonNode node, String path, Problems problems,
      List<String> allowedKeys) {
    return of(node, path, problems, allowedKeys, "");
  }

  /** Like {@link #of(JsonNode, String, Problems, List)}, appending {@code hint} to unknown keys. */
  public static Optional<ObjectView> of(JsonNode node, String path, Problems problems,
      List<String> allowedKeys, String unknownKeyHint) {
    if (!node.isObject()) {
      problems.add(path, "expected an object {...}, got " + describe(node));
      return Optional.empty();
    }
    ObjectView view = new ObjectView(node, path, problems);
    for (Map.Entry<String, JsonNode> property : node.properties()) {
      String key = property.getKey();
      if (!allowedKeys.contains(key)) {
        problems.add(Paths.inputKey(path, key), unknownKey(key, allowedKeys) + unknownKeyHint);
      }
    }
    return Optional.of(view);
  }

  /** Views {@code node} as an object with free-form keys (a map). */
  public static Optional<ObjectView> map(JsonNode node, String path, Problems problems) {
    if (!node.isObject()) {
      problems.add(path, "expected an object {...}, got " + describe(node));
      return Optional.empty();
    }
    return Optional.of(new ObjectView(node, path, problems));
  }

  /** "unknown key 'x'; did you mean 'y'? Allowed keys: a, b, c". */
  public static String unknownKey(String key, List<String> allowedKeys) {
    String suggestion = Suggestions.closest(key, allowedKeys)
        .map(s -> "; did you mean '" + s + "'?").orElse(";");
    return "unknown key " + Redaction.quote(key) + suggestion + " allowed keys: "
        + String.join(", ", allowedKeys);
  }

  /** What {@code node} is, for "expected X, got Y" reasons. */
  public static String describe(JsonNode node) {
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "true/false";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isObject()) {
      return "an object";
    }
    return "null";
  }

  public String path() {
    return path;
  }

  public String path(String key) {
    return Paths.key(path, key);
  }

  public Problems problems() {
    return problems;
  }

  /** True when {@code key} is present and not null. */
  public boolean has(String key) {
    JsonNode v = node.get(key);
    return v != null && !v.isNull();
  }

  /** True when {@code key} is present with the value {@code null}. */
  public boolean isNull(String key) {
    JsonNode v = node.get(key);
    return v != null && v.isNull();
  }

  /** The raw value, if present and not null. */
  public Optional<JsonNode> value(String key) {
    return has(key) ? Optional.of(node.get(key)) : Optional.empty();
  }

  /** Every key in document order, with its (possibly null) value. */
  public List<Map.Entry<String, JsonNode>> entries() {
    return new ArrayList<>(node.properties());
  }

  /** Reports that required {@code key} is missing; {@code what} says what to add. */
  public void missing(String key, String what) {
    problems.add(path(key), "required: add \"" + key + "\" (" + what + ")");
  }

  /** A string of at most {@code maxLength} characters. */
  public Optional<String> string(String key, int maxLength) {
    return value(key).flatMap(v -> string(v, path(key), maxLength));
  }

  /** A required string; reports it when missing. */
  public Optional<String> requiredString(String key, int maxLength, String what) {
    if (!has(key)) {
      missing(key, what);
      return Optional.empty();
    }
    return string(key, maxLength);
  }

  /** A string, or an integer number converted to its digits (phones, extensions as numbers). */
  public Optional<String> stringOrInteger(String key, int maxLength) {
    Optional<JsonNode> v = value(key);
    if (v.isPresent() && v.get().isIntegralNumber()) {
      return Optional.of(v.get().bigIntegerValue().toString());
    }
    if (v.isPresent() && !v.get().isTextual()) {
      problems.add(path(key), "expected a string (or a whole number), got " + describe(v.get()));
      return Optional.empty();
    }
    return string(key, maxLength);
  }

  /** An integer that fits in a long and is positive (an amoCRM id). */
  public Optional<Long> positiveId(String key) {
    return value(key).flatMap(v -> positiveId(v, path(key)));
  }

  /** A required positive id. */
  public Optional<Long> requiredPositiveId(String key, String what) {
    if (!has(key)) {
      missing(key, what);
      return Optional.empty();
    }
    return positiveId(key);
  }

  /** Any integer in {@code int} range. */
  public Optional<Integer> integer(String key) {
    Optional<JsonNode> v = value(key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    JsonNode n = v.get();
    if (!n.isIntegralNumber()) {
      problems.add(path(key), expectedNumber("a whole number", n));
      return Optional.empty();
    }
    if (!n.canConvertToInt()) {
      problems.add(path(key), "out of range: " + n.asText() + " is not a 32-bit integer");
      return Optional.empty();
    }
    return Optional.of(n.intValue());
  }

  /** {@code true} or {@code false}. */
  public Optional<Boolean> bool(String key) {
    Optional<JsonNode> v = value(key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (!v.get().isBoolean()) {
      String hint = v.get().isTextual() ? " (write true or false without quotes)" : "";
      problems.add(path(key), "expected true or false, got " + describe(v.get()) + hint);
      return Optional.empty();
    }
    return Optional.of(v.get().booleanValue());
  }

  /** One of {@code type}'s constants, matched case-insensitively. */
  public <E extends Enum<E>> Optional<E> enumValue(String key, Class<E> type) {
    return value(key).flatMap(v -> enumValue(v, path(key), type, problems));
  }

  /** A duration in the short form or ISO-8601 (see {@link Durations}). */
  public Optional<Duration> duration(String key) {
    Optional<String> text = string(key, 64);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> d = Durations.parse(text.get());
    if (d.isEmpty()) {
      problems.add(path(key), Redaction.quote(text.get()) + " is not a duration: "
          + Durations.EXAMPLES);
    }
    return d;
  }

  /** An array's elements; reports a non-array. */
  public Optional<List<JsonNode>> array(String key) {
    Optional<JsonNode> v = value(key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (!v.get().isArray()) {
      problems.add(path(key), "expected an array [...], got " + describe(v.get()));
      return Optional.empty();
    }
    List<JsonNode> out = new ArrayList<>();
    v.get().elements().forEachRemaining(out::add);
    return Optional.of(out);
  }

  /** An array of strings; every bad element is reported. Empty when the array has problems. */
  public Optional<List<String>> strings(String key, int maxLength) {
    Optional<List<JsonNode>> elements = array(key);
    if (elements.isEmpty()) {
      return Optional.empty();
    }
    List<String> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < elements.get().size(); i++) {
      Optional<String> s = string(elements.get().get(i), Paths.index(path(key), i), maxLength);
      ok &= s.isPresent();
      s.ifPresent(out::add);
    }
    return ok ? Optional.of(out) : Optional.empty();
  }

  /** An array of {@code type}'s constants. Empty when the array has problems. */
  public <E extends Enum<E>> Optional<List<E>> enums(String key, Class<E> type) {
    Optional<List<JsonNode>> elements = array(key);
    if (elements.isEmpty()) {
      return Optional.empty();
    }
    List<E> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < elements.get().size(); i++) {
      Optional<E> e = enumValue(elements.get().get(i), Paths.index(path(key), i), type, problems);
      ok &= e.isPresent();
      e.ifPresent(out::add);
    }
    return ok ? Optional.of(out) : Optional.empty();
  }

  /** A nested object with the allowed keys. */
  public Optional<ObjectView> object(String key, List<String> allowedKeys) {
    return value(key).flatMap(v -> of(v, path(key), problems, allowedKeys));
  }

  /** {@code node} as a string of at most {@code maxLength} characters. */
  public static Optional<String> string(JsonNode node, String path, int maxLength,
      Problems problems) {
    if (!node.isTextual()) {
      String hint = node.isNumber() ? " (put it in quotes)" : "";
      problems.add(path, "expected a string, got " + describe(node) + hint);
      return Optional.empty();
    }
    String s = node.textValue();
    if (s.length() > maxLength) {
      problems.add(path, "too long: " + s.length() + " characters, at most " + maxLength);
      return Optional.empty();
    }
    return Optional.of(s);
  }

  /** {@code node} as one of {@code type}'s constants, matched case-insensitively. */
  public static <E extends Enum<E>> Optional<E> enumValue(JsonNode node, String path,
      Class<E> type, Problems problems) {
    String allowed = Stream.of(type.getEnumConstants()).map(Enum::name)
        .collect(Collectors.joining(", "));
    if (!node.isTextual()) {
      problems.add(path, "expected one of " + allowed + ", got " + describe(node));
      return Optional.empty();
    }
    String text = node.textValue().trim().toUpperCase(Locale.ROOT);
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(text)) {
        return Optional.of(e);
      }
    }
    problems.add(path, Redaction.quote(node.textValue()) + " is not one of " + allowed);
    return Optional.empty();
  }

  private Optional<String> string(JsonNode v, String at, int maxLength) {
    return string(v, at, maxLength, problems);
  }

  private Optional<Long> positiveId(JsonNode n, String at) {
    if (!n.isIntegralNumber()) {
      problems.add(at, expectedNumber("a positive whole number", n));
      return Optional.empty();
    }
    if (!n.canConvertToLong() || n.longValue() <= 0) {
      problems.add(at, "must be a positive whole number (an amoCRM id), got " + n.asText());
      return Optional.empty();
    }
    return Optional.of(n.longValue());
  }

  private static String expectedNumber(String what, JsonNode n) {
    String hint = n.isTextual() ? " (remove the quotes)" : "";
    return "expected " + what + ", got " + describe(n) + hint;
  }
}
