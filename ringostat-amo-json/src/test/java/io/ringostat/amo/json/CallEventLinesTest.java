package io.ringostat.amo.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.model.CallEvent;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** R-IN-1, R-KEEP: reading a JSONL file of events for replay, reporting bad lines by number. */
class CallEventLinesTest {
  private static final String GOOD = "{\"call_id\":\"c%d\",\"phase\":\"RINGING\","
      + "\"direction\":\"INBOUND\",\"client_phone\":\"+380671234567\",\"started_at\":1795601730}";

  private final Map<Integer, String> events = new LinkedHashMap<>();
  private final Map<Integer, InvalidEventException> malformed = new LinkedHashMap<>();

  private int read(String text) throws Exception {
    return CallEventJson.readLines(new StringReader(text),
        (n, e) -> events.put(n, e.callId()), malformed::put);
  }

  @Test
  void reportsMalformedLinesWithTheirNumbersAndContinues() throws Exception {
    String text = String.join("\n",
        GOOD.formatted(1),
        "{\"call_id\":\"c2\",\"phase\":\"ENDED\"}",
        "",
        "not json",
        GOOD.formatted(5),
        "   ",
        GOOD.formatted(7));

    int bad = read(text);

    assertThat(bad).isEqualTo(2);
    assertThat(events).containsExactly(Map.entry(1, "c1"), Map.entry(5, "c5"), Map.entry(7, "c7"));
    assertThat(malformed).containsOnlyKeys(2, 4);
    assertThat(malformed.get(2).callId()).contains("c2");
    assertThat(malformed.get(2).problems()).extracting(InvalidEventException.Problem::path)
        .contains("direction", "disposition");
  }

  @Test
  void acceptsCrlfAndALastLineWithoutNewline() throws Exception {
    int bad = read(GOOD.formatted(1) + "\r\n" + GOOD.formatted(2) + "\r\n" + GOOD.formatted(3));

    assertThat(bad).isZero();
    assertThat(events).containsOnlyKeys(1, 2, 3);
  }

  @Test
  void lineOverTheLimitIsReportedWithoutStoppingTheStream() throws Exception {
    String huge = "{\"call_id\":\"" + "x".repeat(200_000) + "\"}";

    int bad = read(GOOD.formatted(1) + "\n" + huge + "\n" + GOOD.formatted(3) + "\n");

    assertThat(bad).isEqualTo(1);
    assertThat(events).containsOnlyKeys(1, 3);
    assertThat(malformed.get(2).problems()).singleElement()
        .satisfies(p -> assertThat(p.reason()).startsWith("the line is 200014 characters long; a call event is at most 65536 bytes"));
  }

  @Test
  void emptyInputReadsNothing() throws Exception {
    assertThat(read("")).isZero();
    assertThat(read("\n\n")).isZero();
    assertThat(events).isEmpty();
  }

  @Test
  void callbackExceptionsPropagate() {
    List<CallEvent> seen = new ArrayList<>();

    assertThatThrownBy(() -> CallEventJson.readLines(
        new StringReader(GOOD.formatted(1) + "\n" + GOOD.formatted(2)),
        (n, e) -> {
          seen.add(e);
          throw new IllegalStateException("engine down");
        },
        (n, e) -> { }))
        .hasMessage("engine down");
    assertThat(seen).hasSize(1);
  }
}
