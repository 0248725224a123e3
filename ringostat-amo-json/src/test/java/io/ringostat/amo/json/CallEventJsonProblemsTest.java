package io.ringostat.amo.json;

import static io.ringostat.amo.json.CallEventJsonTest.minimalWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ringostat.amo.json.InvalidEventException.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** R-IN-1: malformed event lines give every problem with its path; nothing leaks. */
class CallEventJsonProblemsTest {

  private static InvalidEventException invalid(String line) {
    return catchThrowableOfType(InvalidEventException.class, () -> CallEventJson.read(line));
  }

  private static List<String> paths(String line) {
    return invalid(line).problems().stream().map(Problem::path).toList();
  }

  private static String reasonAt(String line, String path) {
    return invalid(line).problems().stream().filter(p -> p.path().equals(path))
        .map(Problem::reason).findFirst()
        .orElseThrow(() -> new AssertionError("no problem at " + path));
  }

  @Test
  void emptyObjectNamesEveryMissingField() {
    assertThat(paths("{}"))
        .containsExactly("call_id", "phase", "direction", "client_phone", "started_at");
    assertThat(reasonAt("{}", "phase")).isEqualTo("required: add \"phase\" (one of RINGING,"
        + " ANSWERED, ENDED, UPDATED)");
  }

  @Test
  void missingCallIdIsReported() {
    String line = "{\"phase\":\"RINGING\",\"direction\":\"INBOUND\",\"client_phone\":\"1\","
        + "\"started_at\":1}";

    assertThat(paths(line)).containsExactly("call_id");
    assertThat(invalid(line).callId()).isEmpty();
  }

  @Test
  void blankOrOverlongCallIdIsReported() {
    assertThat(reasonAt("{\"call_id\":\" \",\"phase\":\"RINGING\",\"direction\":\"INBOUND\","
        + "\"client_phone\":\"1\",\"started_at\":1}", "call_id")).startsWith("must not be blank");
    assertThat(reasonAt("{\"call_id\":\"" + "x".repeat(129) + "\",\"phase\":\"RINGING\","
        + "\"direction\":\"INBOUND\",\"client_phone\":\"1\",\"started_at\":1}", "call_id"))
        .startsWith("too long: 129 characters, at most 128");
  }

  @Test
  void endedWithoutDispositionIsAProblemNotAnIllegalStateException() {
    String line = "{\"call_id\":\"c-9\",\"phase\":\"ENDED\",\"direction\":\"INBOUND\","
        + "\"client_phone\":\"1\",\"started_at\":1}";

    InvalidEventException e = invalid(line);

    assertThat(e.problems()).containsExactly(new Problem("disposition",
        "required on an ENDED event: one of ANSWERED, NO_ANSWER, BUSY, FAILED, VOICEMAIL"));
    assertThat(e.callId()).contains("c-9");
  }

  @Test
  void instantsOutOfOrderAreReportedAtTheLaterField() {
    String line = "{\"call_id\":\"c\",\"phase\":\"ENDED\",\"direction\":\"INBOUND\","
        + "\"disposition\":\"ANSWERED\",\"client_phone\":\"1\",\"started_at\":100,"
        + "\"answered_at\":90,\"ended_at\":80}";

    assertThat(paths(line)).containsExactly("answered_at", "ended_at");
    assertThat(reasonAt(line, "ended_at"))
        .startsWith("1970-01-01T00:01:20Z is before answered_at 1970-01-01T00:01:30Z");
  }

  @Test
  void wrongTypesAreAllReported() {
    String line = "{\"call_id\":42,\"phase\":1,\"direction\":[\"INBOUND\"],"
        + "\"client_phone\":{\"n\":1},\"started_at\":true,\"recording_url\":7,"
        + "\"tracking\":\"google\"}";

    assertThat(paths(line)).containsExactly("call_id", "phase", "direction", "client_phone",
        "started_at", "recording_url", "tracking");
    assertThat(reasonAt(line, "call_id")).isEqualTo("expected a string, got a number (put it in"
        + " quotes)");
    assertThat(reasonAt(line, "tracking")).isEqualTo("expected an object {...}, got a string");
  }

  @Test
  void badEnumValuesListTheAllowedOnes() {
    assertThat(reasonAt(minimalWith("\"disposition\":\"MISSED\""), "disposition"))
        .isEqualTo("'MISSED' is not one of ANSWERED, NO_ANSWER, BUSY, FAILED, VOICEMAIL");
  }

  @Test
  void unknownKeysAreProblemsAndTrackingKeysPointToExtra() {
    String line = minimalWith("\"callid\":\"x\",\"tracking\":{\"roistat_visit_id\":\"1\"}");

    assertThat(paths(line)).containsExactly("callid", "tracking.roistat_visit_id");
    assertThat(reasonAt(line, "callid")).contains("did you mean 'call_id'?");
    assertThat(reasonAt(line, "tracking.roistat_visit_id"))
        .endsWith("(free-form parameters such as roistat_visit_id go in tracking.extra)");
  }

  @Test
  void unreadableInstantsSayWhatToSend() {
    assertThat(reasonAt(minimalWith("\"answered_at\":\"2026-11-25T10:15:30\""), "answered_at"))
        .contains("has no UTC offset: add \"Z\"");
    assertThat(reasonAt(minimalWith("\"answered_at\":\"yesterday\""), "answered_at"))
        .contains("is not an instant; send an ISO-8601 instant");
    assertThat(reasonAt(minimalWith("\"answered_at\":1795601730123"), "answered_at"))
        .contains("milliseconds?");
    assertThat(reasonAt(minimalWith("\"answered_at\":-1"), "answered_at"))
        .startsWith("must not be negative");
  }

  @Test
  void stringsOverTheLimitsAreReported() {
    String longPhone = "1".repeat(CallEventJson.MAX_STRING_CHARS + 1);
    String okUrl = "https://x/" + "a".repeat(CallEventJson.MAX_URL_CHARS - 10);

    assertThat(reasonAt(minimalWith("\"client_phone\":\"" + longPhone + "\""), "client_phone"))
        .isEqualTo("too long: 2049 characters, at most 2048");
    assertThat(CallEventJson.read(minimalWith("\"recording_url\":\"" + okUrl + "\""))
        .recordingUrl()).contains(okUrl);
    assertThat(paths(minimalWith("\"recording_url\":\"" + okUrl + "x\"")))
        .containsExactly("recording_url");
  }

  @Test
  void extraIsLimitedAndFlat() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i <= CallEventJson.MAX_EXTRA_ENTRIES; i++) {
      many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
    }

    assertThat(reasonAt(minimalWith("\"tracking\":{\"extra\":{" + many + "}}"), "tracking.extra"))
        .startsWith("51 entries; at most 50");
    assertThat(paths(minimalWith("\"tracking\":{\"extra\":{\"a\":{\"b\":\"c\"},\"d\":1.5}}")))
        .containsExactly("tracking.extra.a", "tracking.extra.d");
  }

  @Test
  void lineOverSixtyFourKibibytesIsRefusedBeforeParsing() {
    String line = minimalWith("\"recording_url\":\"" + "é".repeat(33_000) + "\"");

    assertThat(invalid(line).problems()).singleElement()
        .satisfies(p -> assertThat(p.path()).isEqualTo("$"))
        .satisfies(p -> assertThat(p.reason()).contains("at most 65536 bytes"));
  }

  @Test
  void deepNestingIsRefused() {
    String deep = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
    String line = minimalWith("\"tracking\":{\"extra\":" + deep + "}");

    assertThat(invalid(line).problems()).singleElement()
        .isEqualTo(new Problem("$", "nested deeper than 16 levels: flatten the document"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not json", "{\"call_id\":\"c\"", "[1,2]", "{\"a\":1} {\"b\":2}",
      "{\"call_id\":\"a\",\"call_id\":\"b\"}"})
  void malformedJsonIsOneProblemAtTheRoot(String line) {
    InvalidEventException e = invalid(line);

    assertThat(e.problems()).singleElement()
        .satisfies(p -> assertThat(p.path()).isEqualTo("$"));
    assertThat(e).hasMessageStartingWith("invalid call event, 1 problem(s): $: ");
  }

  @Test
  void malformedJsonGivesTheColumn() {
    assertThat(reasonAt("{\"call_id\":\"c\",, }", "$"))
        .startsWith("malformed JSON at line 1, column 16:");
  }

  @Test
  void messageNeverEchoesAWholePhoneNumberOrTheRawLine() {
    String secret = "380671234567";
    String unquoted = "{\"call_id\":\"c\",\"client_phone\":" + secret + "x}";
    String asEnum = "{\"call_id\":\"c\",\"phase\":\"" + secret + "\",\"direction\":\"+"
        + secret + "\",\"client_phone\":\"1\",\"started_at\":1}";
    String tooLong = minimalWith("\"client_phone\":\"" + secret.repeat(200) + "\"");
    String padding = "PADDING".repeat(30);
    String unknownKey = minimalWith("\"" + padding + "\":\"" + secret + "\"");

    for (String line : List.of(unquoted, asEnum, tooLong, unknownKey)) {
      InvalidEventException e = invalid(line);
      assertThat(e.getMessage()).as(line).doesNotContain(secret).doesNotContain(padding);
      assertThat(e.problems().toString()).doesNotContain(secret);
    }
    assertThat(invalid(asEnum).getMessage()).contains("'**********67'");
  }

  @Test
  void problemsAreCappedSoTheMessageStaysSmall() {
    StringBuilder keys = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      keys.append(",\"x").append(i).append("\":1");
    }

    InvalidEventException e = invalid("{\"call_id\":\"c\"" + keys + "}");

    assertThat(e.problems()).hasSize(51);
    assertThat(e.problems().get(50).reason()).startsWith("454 more problem(s) not listed");
  }
}
