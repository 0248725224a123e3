package io.ringostat.amo.json.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** R-IN-3: durations in settings files, short form and ISO-8601. */
class DurationsTest {

  @ParameterizedTest
  @CsvSource({
      "30m, PT30M",
      "1.5s, PT1.5S",
      "250ms, PT0.25S",
      "2h, PT2H",
      "1d, PT24H",
      "1.5h, PT1H30M",
      "0s, PT0S",
      "-5s, PT-5S",
      "PT30M, PT30M",
      "pt1h30m, PT1H30M",
      "P1D, PT24H",
      "' 10S ', PT10S",
      "0.000000001s, PT0.000000001S"})
  void parsesShortAndIsoForms(String text, String iso) {
    assertThat(Durations.parse(text)).contains(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "30", "m", "1.5 sec", "1h30m", "30min", "0.0000000001s", "P", "PTXS",
      "1e3s", "--5s"})
  void rejectsAnythingElse(String text) {
    assertThat(Durations.parse(text)).isEmpty();
  }

  static Stream<Arguments> formats() {
    return Stream.of(
        Arguments.of(Duration.ofMinutes(30), "30m"),
        Arguments.of(Duration.ofMillis(1500), "1.5s"),
        Arguments.of(Duration.ofMillis(250), "250ms"),
        Arguments.of(Duration.ofHours(2), "2h"),
        Arguments.of(Duration.ofDays(1), "1d"),
        Arguments.of(Duration.ofSeconds(90), "90s"),
        Arguments.of(Duration.ofMinutes(90), "90m"),
        Arguments.of(Duration.ZERO, "0s"),
        Arguments.of(Duration.ofSeconds(-5), "-5s"),
        Arguments.of(Duration.ofNanos(1), "0.000000001s"),
        Arguments.of(Duration.ofSeconds(61, 5_000_000), "61.005s"));
  }

  @ParameterizedTest
  @MethodSource("formats")
  void writesTheShortFormWhichReadsBackEqual(Duration d, String text) {
    assertThat(Durations.format(d)).isEqualTo(text);
    assertThat(Durations.parse(text)).contains(d);
  }
}
