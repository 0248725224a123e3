package io.ringostat.amo.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.model.Tracking;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** R-IN-1: call events as JSON lines. */
class CallEventJsonTest {
  private static final Instant START = Instant.parse("2026-11-25T10:15:30Z");

  @Test
  void readsEveryField_R_IN_1() {
    CallEvent e = CallEventJson.read("{\"call_id\":\"c-1\",\"phase\":\"ENDED\","
        + "\"direction\":\"INBOUND\",\"disposition\":\"ANSWERED\",\"client_phone\":\"+380671234567\","
        + "\"tracking_phone\":\"+380443334455\",\"employee_endpoint\":\"olena\","
        + "\"started_at\":\"2026-11-25T10:15:30Z\",\"answered_at\":\"2026-11-25T10:15:42Z\","
        + "\"ended_at\":\"2026-11-25T10:19:05Z\",\"recording_url\":\"https://r.example.com/1.mp3\","
        + "\"tracking\":{\"pool\":\"Context ads\",\"utm_source\":\"google\",\"utm_medium\":\"cpc\","
        + "\"utm_campaign\":\"winter\",\"utm_term\":\"sofa\",\"utm_content\":\"banner\","
        + "\"landing_page\":\"https://shop.example.com/\",\"referrer\":\"https://google.com/\","
        + "\"ad_source\":\"Google Ads\",\"ga_client_id\":\"123.456\","
        + "\"extra\":{\"roistat_visit_id\":\"483920\",\"b\":\"2\",\"a\":\"1\"}}}");

    assertThat(e).isEqualTo(CallEvent.builder().callId("c-1").phase(CallPhase.ENDED)
        .direction(CallDirection.INBOUND).disposition(Disposition.ANSWERED)
        .clientPhone("+380671234567").trackingPhone("+380443334455").employeeEndpoint("olena")
        .startedAt(START).answeredAt(Instant.parse("2026-11-25T10:15:42Z"))
        .endedAt(Instant.parse("2026-11-25T10:19:05Z")).recordingUrl("https://r.example.com/1.mp3")
        .tracking(Tracking.builder().pool("Context ads").utmSource("google").utmMedium("cpc")
            .utmCampaign("winter").utmTerm("sofa").utmContent("banner")
            .landingPage("https://shop.example.com/").referrer("https://google.com/")
            .adSource("Google Ads").gaClientId("123.456").putExtra("roistat_visit_id", "483920")
            .putExtra("b", "2").putExtra("a", "1").build())
        .build());
    assertThat(e.tracking().extra().keySet()).containsExactly("roistat_visit_id", "b", "a");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"2026-11-25T10:15:30Z\"", "\"2026-11-25T12:15:30+02:00\"",
      "\"2026-11-25T05:15:30-05:00\"", "1795601730", "1795601730.0"})
  void instantsAreIsoOffsetOrEpochSeconds_R_IN_1(String startedAt) {
    CallEvent e = CallEventJson.read(minimalWith("\"started_at\":" + startedAt));

    assertThat(e.startedAt()).isEqualTo(START);
  }

  @Test
  void epochSecondsKeepFractions() {
    CallEvent e = CallEventJson.read(minimalWith("\"started_at\":1795601730.123456789"));

    assertThat(e.startedAt()).isEqualTo(START.plusNanos(123_456_789));
  }

  @Test
  void enumValuesAreCaseInsensitive() {
    CallEvent e = CallEventJson.read("{\"call_id\":\"c\",\"phase\":\"ended\",\"direction\":"
        + "\"Outbound\",\"disposition\":\"no_answer\",\"client_phone\":\"1\",\"started_at\":1}");

    assertThat(e.phase()).isEqualTo(CallPhase.ENDED);
    assertThat(e.direction()).isEqualTo(CallDirection.OUTBOUND);
    assertThat(e.disposition()).contains(Disposition.NO_ANSWER);
  }

  @Test
  void phonesAndEndpointsMayBeJsonIntegers() {
    CallEvent e = CallEventJson.read("{\"call_id\":\"c\",\"phase\":\"ANSWERED\","
        + "\"direction\":\"INBOUND\",\"client_phone\":380671234567,\"tracking_phone\":380443334455,"
        + "\"employee_endpoint\":101,\"started_at\":1795601730,"
        + "\"tracking\":{\"extra\":{\"roistat_visit_id\":483920}}}");

    assertThat(e.clientPhone()).isEqualTo("380671234567");
    assertThat(e.trackingPhone()).contains("380443334455");
    assertThat(e.employeeEndpoint()).contains("101");
    assertThat(e.tracking().extra()).containsEntry("roistat_visit_id", "483920");
  }

  @ParameterizedTest
  @ValueSource(strings = {"anonymous", "", "123", "+380 (67) 123-45-67", "sip:unknown@host",
      "Private", "not a phone at all"})
  void oddPhonesAreNotACodecError_R_PHONE(String phone) {
    CallEvent e = CallEventJson.read(minimalWith("\"client_phone\":\"" + phone + "\""));

    assertThat(e.clientPhone()).isEqualTo(phone);
  }

  @Test
  void nullCountsAsAbsent() {
    CallEvent e = CallEventJson.read("{\"call_id\":\"c\",\"phase\":\"RINGING\","
        + "\"direction\":\"INBOUND\",\"disposition\":null,\"client_phone\":\"1\","
        + "\"employee_endpoint\":null,\"started_at\":1,\"tracking\":null}");

    assertThat(e.disposition()).isEmpty();
    assertThat(e.employeeEndpoint()).isEmpty();
    assertThat(e.tracking()).isEqualTo(Tracking.EMPTY);
  }

  @Test
  void endedOnlyEventCarriesTheWholeCall_R_IN_1() {
    CallEvent e = CallEventJson.read("{\"call_id\":\"c-1002\",\"phase\":\"ENDED\","
        + "\"direction\":\"INBOUND\",\"disposition\":\"ANSWERED\",\"client_phone\":\"0671234567\","
        + "\"employee_endpoint\":\"olena\",\"started_at\":1795601730,\"answered_at\":1795601742,"
        + "\"ended_at\":1795601945}");

    assertThat(e.isAnswered()).isTrue();
    assertThat(e.talkTime().toSeconds()).isEqualTo(203);
    assertThat(e.waitTime().toSeconds()).isEqualTo(12);
  }

  static Stream<CallEvent> events() {
    return Stream.of(
        CallEvent.builder().callId("min").phase(CallPhase.RINGING).direction(CallDirection.INBOUND)
            .clientPhone("anonymous").startedAt(START).build(),
        CallEvent.builder().callId("full \"quoted\" \u00e9 \uD83D\uDCDE").phase(CallPhase.ENDED)
            .direction(CallDirection.OUTBOUND).disposition(Disposition.VOICEMAIL)
            .clientPhone("").trackingPhone("+380443334455").employeeEndpoint("sip:a@b")
            .startedAt(START.plusNanos(1)).answeredAt(START.plusMillis(1500))
            .endedAt(START.plusSeconds(3600)).recordingUrl("https://r.example.com/x.mp3?a=1&b=2")
            .tracking(Tracking.builder().pool("p").utmSource("s").utmMedium("m").utmCampaign("c")
                .utmTerm("t").utmContent("x").landingPage("l").referrer("r").adSource("a")
                .gaClientId("g").putExtra("z", "last").putExtra("a", "first").build())
            .build(),
        CallEvent.builder().callId("disposition-on-ringing").phase(CallPhase.ANSWERED)
            .direction(CallDirection.INBOUND).disposition(Disposition.ANSWERED).clientPhone("1")
            .startedAt(Instant.EPOCH).build());
  }

  @ParameterizedTest
  @MethodSource("events")
  void writtenEventsReadBackEqual_R_IN_1(CallEvent e) {
    String line = CallEventJson.write(e);

    assertThat(line).doesNotContain("\n");
    assertThat(CallEventJson.read(line)).isEqualTo(e);
  }

  @Test
  void writeUsesDocumentedKeyOrderAndOmitsAbsentValues() {
    CallEvent e = CallEvent.builder().callId("c").phase(CallPhase.ENDED)
        .direction(CallDirection.INBOUND).disposition(Disposition.NO_ANSWER).clientPhone("1")
        .startedAt(START).endedAt(START.plusSeconds(40))
        .tracking(Tracking.builder().pool("Site").putExtra("k", "v").build()).build();

    assertThat(CallEventJson.write(e)).isEqualTo("{\"call_id\":\"c\",\"phase\":\"ENDED\","
        + "\"direction\":\"INBOUND\",\"disposition\":\"NO_ANSWER\",\"client_phone\":\"1\","
        + "\"started_at\":\"2026-11-25T10:15:30Z\",\"ended_at\":\"2026-11-25T10:16:10Z\","
        + "\"tracking\":{\"pool\":\"Site\",\"extra\":{\"k\":\"v\"}}}");
  }

  static String minimalWith(String member) {
    String base = "\"call_id\":\"c\",\"phase\":\"RINGING\",\"direction\":\"INBOUND\"";
    if (!member.startsWith("\"client_phone\"")) {
      base += ",\"client_phone\":\"+380671234567\"";
    }
    if (!member.startsWith("\"started_at\"")) {
      base += ",\"started_at\":\"2026-11-25T10:15:30Z\"";
    }
    return "{" + base + "," + member + "}";
  }
}
