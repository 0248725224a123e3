package io.ringostat.amo.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The language of CRM texts from settings and what amoCRM reports (R-LANG). */
class LanguageChoiceTest {

  @ParameterizedTest(name = "R-LANG configured={0} lang={1} country={2} -> {3}")
  @CsvSource(nullValues = "-", value = {
      // the settings win over everything
      "en, ru, UA, EN",
      "ru, en, UA, RU",
      "uk, -, -, UK",
      // Ukraine: amoCRM has no Ukrainian interface, so lang cannot say it; the country does
      "-, ru, UA, UK",
      "-, en, ua, UK",
      "-, -, UA, UK",
      // the admin's interface language
      "-, ru, US, RU",
      "-, en, RU, EN",
      "-, EN, -, EN",
      "-, uk, -, UK",
      "-, ru_RU, -, RU",
      // a language we have no texts for: the country decides
      "-, es, KZ, RU",
      "-, es, ES, EN",
      "-, es, -, EN",
      "-, '', BY, RU",
      "-, -, ru, RU",
      "-, -, ' kz ', RU",
      "-, -, PL, EN",
      "-, -, -, EN",
      "-, -, '', EN"})
  void chooses(String configured, String lang, String country, Language expected) {
    assertThat(LanguageChoice.choose(Optional.ofNullable(configured).flatMap(Language::fromCode),
        Optional.ofNullable(lang), Optional.ofNullable(country))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "R-LANG code {0} -> {1}")
  @CsvSource(nullValues = "-", value = {"ru, RU", "RU, RU", "uk, UK", "ua, UK", "uk-UA, UK",
      "en_US, EN", "' en ', EN", "es, -", "'', -", "r, -"})
  void codes(String code, Language expected) {
    assertThat(Language.fromCode(code)).isEqualTo(Optional.ofNullable(expected));
  }
}
