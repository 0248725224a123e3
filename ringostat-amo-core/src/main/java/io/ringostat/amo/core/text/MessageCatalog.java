package io.ringostat.amo.core.text;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every CRM-visible text in every {@link Language}: one {@link MessageTemplate} per language and
 * {@link MessageKey} (R-LANG). Start from {@link #defaults()} and lay custom templates over it with
 * {@link #withOverrides}; validate user input first with {@link #validate}, which lists every
 * problem by path.
 *
 * <pre>{@code
 * MessageCatalog texts = MessageCatalog.defaults()
 *     .withOverrides(Map.of("ru", Map.of("task-missed-call", "Перезвонить {client_phone}")));
 * texts.render(Language.RU, MessageKey.TASK_MISSED_CALL, Map.of("client_phone", "+380441234567"));
 * }</pre>
 *
 * <p>Immutable and thread-safe; every method is pure. Complete by construction: each language
 * has a template for each key.
 */
public final class MessageCatalog {
  private static final MessageCatalog DEFAULTS = fromStrings(DefaultMessages.all());

  private final Map<Language, Map<MessageKey, MessageTemplate>> templates;

  private MessageCatalog(Map<Language, Map<MessageKey, MessageTemplate>> templates) {
    Map<Language, Map<MessageKey, MessageTemplate>> copy = new EnumMap<>(Language.class);
    for (Language l : Language.values()) {
      Map<MessageKey, MessageTemplate> byKey = templates.get(l);
      if (byKey == null || byKey.size() != MessageKey.values().length) {
        throw new IllegalArgumentException("catalogue for " + l + " is incomplete");
      }
      copy.put(l, Collections.unmodifiableMap(new EnumMap<>(byKey)));
    }
    this.templates = Collections.unmodifiableMap(copy);
  }

  /** The built-in texts. */
  public static MessageCatalog defaults() {
    return DEFAULTS;
  }

  private static MessageCatalog fromStrings(Map<Language, Map<MessageKey, String>> texts) {
    Map<Language, Map<MessageKey, MessageTemplate>> out = new EnumMap<>(Language.class);
    texts.forEach((lang, byKey) -> {
      Map<MessageKey, MessageTemplate> parsed = new EnumMap<>(MessageKey.class);
      byKey.forEach((key, text) -> parsed.put(key, MessageTemplate.of(key, text)));
      out.put(lang, parsed);
    });
    return new MessageCatalog(out);
  }

  /** The template for {@code key} in {@code language}. */
  public MessageTemplate template(Language language, MessageKey key) {
    return templates.get(Objects.requireNonNull(language, "language"))
        .get(Objects.requireNonNull(key, "key"));
  }

  /** All templates of one language, in {@link MessageKey} order. */
  public Map<MessageKey, MessageTemplate> templates(Language language) {
    return templates.get(Objects.requireNonNull(language, "language"));
  }

  /**
   * The text for {@code key} in {@code language}, its placeholders filled from {@code values}.
   *
   * @throws IllegalArgumentException when a placeholder the template uses has no value
   */
  public String render(Language language, MessageKey key, Map<String, String> values) {
    return template(language, key).render(values);
  }

  /** As {@link #render(Language, MessageKey, Map)}; {@code values} returns null for "none". */
  public String render(Language language, MessageKey key, Function<String, String> values) {
    return template(language, key).render(values);
  }

  /**
   * A talk time as words: whole minutes and seconds with their plural forms, leaving out a zero
   * part ("2 минуты 5 секунд", "1 хвилина", "45 seconds", "0 seconds"); minutes are not folded
   * into hours. Fractions of a second are dropped.
   *
   * @throws IllegalArgumentException when {@code d} is negative
   */
  public static String duration(Language language, Duration d) {
    Objects.requireNonNull(language, "language");
    if (d.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative: " + d);
    }
    long minutes = d.toMinutes();
    long seconds = d.toSecondsPart();
    if (minutes == 0) {
      return Noun.SECOND.count(language, seconds);
    }
    String m = Noun.MINUTE.count(language, minutes);
    return seconds == 0 ? m : m + " " + Noun.SECOND.count(language, seconds);
  }

  /** This catalogue with one template replaced; throws as {@link MessageTemplate#of} does. */
  public MessageCatalog with(Language language, MessageKey key, String text) {
    Map<Language, Map<MessageKey, MessageTemplate>> copy = new EnumMap<>(templates);
    Map<MessageKey, MessageTemplate> byKey = new EnumMap<>(copy.get(language));
    byKey.put(key, MessageTemplate.of(key, text));
    copy.put(language, byKey);
    return new MessageCatalog(copy);
  }

  /**
   * This catalogue with custom templates laid over it: {@code overrides} maps a language code
   * ({@code ru}, {@code uk}, {@code en}, see {@link Language#fromCode}) to a map of {@link
   * MessageKey#id()} to template text. Keys not given keep their template.
   *
   * @throws IllegalArgumentException listing every {@linkplain #validate problem} when there is one
   */
  public MessageCatalog withOverrides(Map<String, Map<String, String>> overrides) {
    List<TemplateProblem> problems = validate(overrides);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid message templates: " + problems.stream()
          .map(TemplateProblem::toString).collect(Collectors.joining("; ")));
    }
    MessageCatalog out = this;
    for (Map.Entry<String, Map<String, String>> l : sorted(overrides)) {
      Language language = Language.fromCode(l.getKey()).orElseThrow();
      for (Map.Entry<String, String> k : sorted(l.getValue())) {
        out = out.with(language, MessageKey.byId(k.getKey()).orElseThrow(), k.getValue());
      }
    }
    return out;
  }

  /**
   * Every problem in custom templates (see {@link #withOverrides}), in a stable order (languages,
   * then keys, alphabetically), each with a path {@code <language>.<key id>}: an unknown language
   * code, an unknown key, a blank text, a placeholder the key does not allow. Empty when the
   * overrides are fine. The settings validator prefixes the path with its own.
   */
  public static List<TemplateProblem> validate(Map<String, Map<String, String>> overrides) {
    Objects.requireNonNull(overrides, "overrides");
    List<TemplateProblem> out = new ArrayList<>();
    String languages = Stream.of(Language.values()).map(Language::code)
        .collect(Collectors.joining(", "));
    for (Map.Entry<String, Map<String, String>> l : sorted(overrides)) {
      String lang = l.getKey();
      if (Language.fromCode(lang).isEmpty()) {
        out.add(new TemplateProblem(lang, "unknown language (known: " + languages + ")"));
        continue;
      }
      for (Map.Entry<String, String> k : sorted(l.getValue())) {
        String path = lang + "." + k.getKey();
        Optional<MessageKey> key = MessageKey.byId(k.getKey());
        if (key.isEmpty()) {
          out.add(new TemplateProblem(path, "unknown text key (known: " + Stream.of(
              MessageKey.values()).map(MessageKey::id).collect(Collectors.joining(", ")) + ")"));
          continue;
        }
        for (String reason : MessageTemplate.problems(k.getValue(), key.get().placeholders())) {
          out.add(new TemplateProblem(path, reason));
        }
      }
    }
    return out;
  }

  private static <V> List<Map.Entry<String, V>> sorted(Map<String, V> map) {
    List<Map.Entry<String, V>> entries = new ArrayList<>(map.entrySet());
    entries.sort(Map.Entry.comparingByKey());
    return entries;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MessageCatalog c && c.templates.equals(templates);
  }

  @Override
  public int hashCode() {
    return templates.hashCode();
  }

  @Override
  public String toString() {
    return "MessageCatalog" + templates;
  }
}
