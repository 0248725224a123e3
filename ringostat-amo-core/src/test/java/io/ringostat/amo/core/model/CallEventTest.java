package io.ringostat.amo.core.model;

import static io.ringostat.amo.core.testing.ExampleWorld.ADS_CLICK;
import static io.ringostat.amo.core.testing.ExampleWorld.ANSWERED;
import static io.ringostat.amo.core.testing.ExampleWorld.ENDED;
import static io.ringostat.amo.core.testing.ExampleWorld.MISSED_ENDED;
import static io.ringostat.amo.core.testing.ExampleWorld.STARTED;
import static io.ringostat.amo.core.testing.ExampleWorld.inbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Call events (R-IN-1): what a call is, what its phases mean, what the builder refuses. */
class CallEventTest {

  @Test
  @DisplayName("R-IN-1 an answered call: answered on ANSWERED and on ENDED, talk and wait time"
      + " derived from the instants")
  void answeredCall() {
    var call = inbound("c-1").by("anna");
    assertThat(call.ringing().isAnswered()).isFalse();
    assertThat(call.answered().isAnswered()).isTrue();
    CallEvent ended = call.ended();
    assertThat(ended.isAnswered()).isTrue();
    assertThat(ended.isMissed()).isFalse();
    assertThat(ended.talkTime()).isEqualTo(Duration.ofSeconds(180));
    assertThat(ended.waitTime()).isEqualTo(Duration.ofSeconds(15));
    assertThat(ended.occurredAt()).isEqualTo(ENDED);
    assertThat(call.answered().occurredAt()).isEqualTo(ANSWERED);
    assertThat(call.ringing().occurredAt()).isEqualTo(STARTED);
  }

  @Test
  @DisplayName("R-IN-1 missed means any disposition but ANSWERED, and only on ENDED")
  void missedCall() {
    for (Disposition d : Disposition.values()) {
      CallEvent e = d == Disposition.ANSWERED ? inbound("c").by("anna").ended()
          : inbound("c").missed(d);
      assertThat(e.isMissed()).as("%s", d).isEqualTo(d != Disposition.ANSWERED);
      assertThat(d.isMissed()).isEqualTo(d != Disposition.ANSWERED);
    }
    CallEvent missed = inbound("c").missed();
    assertThat(missed.talkTime()).isZero();
    assertThat(missed.waitTime()).isEqualTo(Duration.between(STARTED, MISSED_ENDED));
    assertThat(inbound("c").ringing().isMissed()).isFalse();
  }

  @Test
  @DisplayName("R-IN-1 the client phone is kept as the PBX sent it, even when it is no number")
  void clientPhoneKeptAsIs() {
    CallEvent e = inbound("c").from("anonymous").missed();
    assertThat(e.clientPhone()).isEqualTo("anonymous");
  }

  @Test
  @DisplayName("R-IN-1 events that cannot be a call are refused, naming the field")
  void builderRefuses() {
    CallEvent.Builder base = CallEvent.builder().callId("c").direction(CallDirection.INBOUND)
        .clientPhone("+380441234567").startedAt(STARTED);
    assertThatThrownBy(() -> CallEvent.builder().from(base.phase(CallPhase.RINGING).build())
        .callId(" ").build()).hasMessageStartingWith("callId:");
    assertThatThrownBy(() -> CallEvent.builder().from(base.phase(CallPhase.RINGING).build())
        .callId("x".repeat(129)).build()).hasMessageStartingWith("callId:");
    assertThatThrownBy(() -> CallEvent.builder().from(base.phase(CallPhase.RINGING).build())
        .phase(CallPhase.ENDED).endedAt(ENDED).build()).hasMessageStartingWith("disposition:");
    assertThatThrownBy(() -> CallEvent.builder().from(base.phase(CallPhase.RINGING).build())
        .phase(CallPhase.ANSWERED).answeredAt(STARTED.minusSeconds(1)).build())
        .hasMessageStartingWith("answeredAt:");
    assertThatThrownBy(() -> CallEvent.builder().from(base.phase(CallPhase.RINGING).build())
        .phase(CallPhase.ENDED).disposition(Disposition.ANSWERED).answeredAt(ANSWERED)
        .endedAt(ANSWERED.minusSeconds(1)).build()).hasMessageStartingWith("endedAt:");
  }

  @Test
  @DisplayName("R-IN-1 R-PIPE R-FIELDS call parameters: pool, UTM tags, tracking number and extra"
      + " parameters by case-insensitive name")
  void callParameters() {
    CallEvent e = inbound("c").by("anna").ended();
    assertThat(e.tracking()).isEqualTo(ADS_CLICK);
    assertThat(CallParameters.value(e, "pool")).contains("Context ads");
    assertThat(CallParameters.value(e, "UTM_SOURCE")).contains("google");
    assertThat(CallParameters.value(e, "utm_medium")).contains("cpc");
    assertThat(CallParameters.value(e, "utm_campaign")).contains("spring");
    assertThat(CallParameters.value(e, "utm_term")).isEmpty();
    assertThat(CallParameters.value(e, "tracking_phone")).contains("+380 44 111 00 01");
    assertThat(CallParameters.value(e, "roistat_visit_id")).contains("12345");
    assertThat(CallParameters.value(e, "Roistat_Visit_ID")).contains("12345");
    assertThat(CallParameters.value(e, "no_such_parameter")).isEmpty();
  }
}
