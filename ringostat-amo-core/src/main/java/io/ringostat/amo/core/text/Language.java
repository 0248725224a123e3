package io.ringostat.amo.core.text;

import java.util.Locale;
import java.util.Optional;

/**
 * A language the SDK writes CRM texts in (R-LANG). {@link #code()} is the ISO 639-1 code used in
 * settings and JSON ({@code "ru"}, {@code "uk"}, {@code "en"}).
 */
public enum Language {
  RU("ru", Plural.EAST_SLAVIC),
  UK("uk", Plural.EAST_SLAVIC),
  EN("en", Plural.ENGLISH);

  private final String code;
  private final Plural plural;

  Language(String code, Plural plural) {
    this.code = code;
    this.plural = plural;
  }

  /** The ISO 639-1 code: {@code ru}, {@code uk} or {@code en}. */
  public String code() {
    return code;
  }

  /** This language's plural rule. */
  public Plural plural() {
    return plural;
  }

  /**
   * The language a code names, ignoring case and any region ({@code "ru"}, {@code "RU"}, {@code
   * "uk-UA"}, {@code "en_US"}); {@code "ua"} is accepted for Ukrainian, as people often write the
   * country code. Empty for anything else, including a blank code.
   */
  public static Optional<Language> fromCode(String code) {
    if (code == null) {
      return Optional.empty();
    }
    String c = code.trim().toLowerCase(Locale.ROOT);
    int region = indexOfAny(c, '-', '_');
    if (region >= 0) {
      c = c.substring(0, region);
    }
    switch (c) {
      case "ru":
        return Optional.of(RU);
      case "uk":
      case "ua":
        return Optional.of(UK);
      case "en":
        return Optional.of(EN);
      default:
        return Optional.empty();
    }
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }

  @Override
  public String toString() {
    return code;
  }
}
