package io.ringostat.amo.core.text;

import java.util.EnumMap;
import java.util.Map;

/**
 * A counted noun with its plural forms in every {@link Language}: {@code Noun.MINUTE.count(RU, 21)}
 * is {@code "21 минута"}, {@code count(RU, 22)} is {@code "22 минуты"}, {@code count(RU, 25)} is
 * {@code "25 минут"}. Forms are the nominative case, as in a label ("Длительность: 2 минуты").
 * Pure and thread-safe.
 */
public enum Noun {
  MINUTE(forms("минута", "минуты", "минут"), forms("хвилина", "хвилини", "хвилин"),
      english("minute", "minutes")),
  SECOND(forms("секунда", "секунды", "секунд"), forms("секунда", "секунди", "секунд"),
      english("second", "seconds")),
  CALL(forms("звонок", "звонка", "звонков"), forms("дзвінок", "дзвінки", "дзвінків"),
      english("call", "calls")),
  DAY(forms("день", "дня", "дней"), forms("день", "дні", "днів"), english("day", "days"));

  private final Map<Language, Map<PluralCategory, String>> forms = new EnumMap<>(Language.class);

  Noun(Map<PluralCategory, String> ru, Map<PluralCategory, String> uk,
      Map<PluralCategory, String> en) {
    forms.put(Language.RU, ru);
    forms.put(Language.UK, uk);
    forms.put(Language.EN, en);
  }

  /** The form of this noun that goes with {@code n} in {@code language}, without the number. */
  public String form(Language language, long n) {
    return forms.get(language).get(language.plural().category(n));
  }

  /** {@code n} and the matching form, separated by a space: {@code "5 минут"}. */
  public String count(Language language, long n) {
    return n + " " + form(language, n);
  }

  private static Map<PluralCategory, String> forms(String one, String few, String many) {
    Map<PluralCategory, String> out = new EnumMap<>(PluralCategory.class);
    out.put(PluralCategory.ONE, one);
    out.put(PluralCategory.FEW, few);
    out.put(PluralCategory.MANY, many);
    out.put(PluralCategory.OTHER, many);
    return out;
  }

  private static Map<PluralCategory, String> english(String one, String other) {
    Map<PluralCategory, String> out = new EnumMap<>(PluralCategory.class);
    out.put(PluralCategory.ONE, one);
    out.put(PluralCategory.FEW, other);
    out.put(PluralCategory.MANY, other);
    out.put(PluralCategory.OTHER, other);
    return out;
  }
}
