package io.ringostat.amo.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CLDR plural categories and the counted nouns built on them (R-LANG). */
class PluralTest {

  @ParameterizedTest(name = "R-LANG ru/uk plural of {0} is {1}")
  @CsvSource({
      "0, MANY", "1, ONE", "2, FEW", "3, FEW", "4, FEW", "5, MANY", "11, MANY", "12, MANY",
      "14, MANY", "20, MANY", "21, ONE", "22, FEW", "25, MANY", "101, ONE", "111, MANY",
      "112, MANY", "122, FEW", "1001, ONE", "-1, ONE", "-22, FEW"})
  void eastSlavic(long n, PluralCategory expected) {
    assertThat(Language.RU.plural().category(n)).isEqualTo(expected);
    assertThat(Language.UK.plural().category(n)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "R-LANG en plural of {0} is {1}")
  @CsvSource({"0, OTHER", "1, ONE", "2, OTHER", "5, OTHER", "11, OTHER", "21, OTHER",
      "22, OTHER", "25, OTHER", "-1, ONE"})
  void english(long n, PluralCategory expected) {
    assertThat(Language.EN.plural().category(n)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "R-LANG ru: {0} {1}, {2}, {3}")
  @CsvSource({
      "0, минут, секунд, звонков, дней",
      "1, минута, секунда, звонок, день",
      "2, минуты, секунды, звонка, дня",
      "5, минут, секунд, звонков, дней",
      "11, минут, секунд, звонков, дней",
      "12, минут, секунд, звонков, дней",
      "14, минут, секунд, звонков, дней",
      "21, минута, секунда, звонок, день",
      "22, минуты, секунды, звонка, дня",
      "25, минут, секунд, звонков, дней",
      "111, минут, секунд, звонков, дней"})
  void russianNouns(long n, String minute, String second, String call, String day) {
    assertThat(Noun.MINUTE.count(Language.RU, n)).isEqualTo(n + " " + minute);
    assertThat(Noun.SECOND.count(Language.RU, n)).isEqualTo(n + " " + second);
    assertThat(Noun.CALL.count(Language.RU, n)).isEqualTo(n + " " + call);
    assertThat(Noun.DAY.count(Language.RU, n)).isEqualTo(n + " " + day);
  }

  @ParameterizedTest(name = "R-LANG uk: {0} {1}, {2}, {3}")
  @CsvSource({
      "0, хвилин, секунд, дзвінків, днів",
      "1, хвилина, секунда, дзвінок, день",
      "2, хвилини, секунди, дзвінки, дні",
      "5, хвилин, секунд, дзвінків, днів",
      "11, хвилин, секунд, дзвінків, днів",
      "12, хвилин, секунд, дзвінків, днів",
      "14, хвилин, секунд, дзвінків, днів",
      "21, хвилина, секунда, дзвінок, день",
      "22, хвилини, секунди, дзвінки, дні",
      "25, хвилин, секунд, дзвінків, днів",
      "111, хвилин, секунд, дзвінків, днів"})
  void ukrainianNouns(long n, String minute, String second, String call, String day) {
    assertThat(Noun.MINUTE.count(Language.UK, n)).isEqualTo(n + " " + minute);
    assertThat(Noun.SECOND.count(Language.UK, n)).isEqualTo(n + " " + second);
    assertThat(Noun.CALL.count(Language.UK, n)).isEqualTo(n + " " + call);
    assertThat(Noun.DAY.count(Language.UK, n)).isEqualTo(n + " " + day);
  }

  @ParameterizedTest(name = "R-LANG en: {0} {1}, {2}, {3}")
  @CsvSource({
      "0, minutes, seconds, calls, days",
      "1, minute, second, call, day",
      "2, minutes, seconds, calls, days",
      "5, minutes, seconds, calls, days",
      "11, minutes, seconds, calls, days",
      "21, minutes, seconds, calls, days",
      "22, minutes, seconds, calls, days",
      "25, minutes, seconds, calls, days"})
  void englishNouns(long n, String minute, String second, String call, String day) {
    assertThat(Noun.MINUTE.count(Language.EN, n)).isEqualTo(n + " " + minute);
    assertThat(Noun.SECOND.count(Language.EN, n)).isEqualTo(n + " " + second);
    assertThat(Noun.CALL.count(Language.EN, n)).isEqualTo(n + " " + call);
    assertThat(Noun.DAY.count(Language.EN, n)).isEqualTo(n + " " + day);
  }
}
