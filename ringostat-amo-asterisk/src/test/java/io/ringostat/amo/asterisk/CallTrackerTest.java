package io.ringostat.amo.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.Disposition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Edge cases of {@link CallTracker}, fed messages directly (no socket). */
class CallTrackerTest {
  static final Instant T0 = Instant.parse("2024-06-10T09:00:00Z");
  final List<CallEvent> out = new ArrayList<>();
  final AmiConfig config = AmiConfig.builder().host("pbx").username("amo").secret("x")
      .trunkEndpoints(java.util.Set.of("kyivstar")).build();
  final CallTracker tracker = new CallTracker(config, new CallEventMapper(config), out::add);

  static AmiMessage chan(String event, String channel, String context, String exten, String uid,
      String lid, String... more) {
    List<String> kv = new ArrayList<>(List.of("Event", event, "Channel", channel,
        "CallerIDNum", "101", "Context", context, "Exten", exten, "Uniqueid", uid, "Linkedid", lid));
    kv.addAll(List.of(more));
    return AmiMessage.of(kv.toArray(String[]::new));
  }

  @Test
  void anEmployeeCallingAnEmployeeIsInternalAndEmitsNothing() {
    tracker.accept(chan("Newchannel", "PJSIP/ivan-00000001", "from-internal", "102", "1.1", "1.1"), T0);
    tracker.accept(chan("Newchannel", "PJSIP/petr-00000002", "from-internal", "s", "1.2", "1.1"), T0);
    tracker.accept(chan("DialBegin", "PJSIP/ivan-00000001", "from-internal", "102", "1.1", "1.1",
        "DestChannel", "PJSIP/petr-00000002", "DestContext", "from-internal", "DestUniqueid", "1.2",
        "DestLinkedid", "1.1"), T0);
    tracker.accept(chan("Hangup", "PJSIP/petr-00000002", "from-internal", "s", "1.2", "1.1"), T0);
    tracker.accept(chan("Hangup", "PJSIP/ivan-00000001", "from-internal", "102", "1.1", "1.1"), T0);
    assertThat(out).isEmpty();
    assertThat(tracker.callsInProgress()).isZero();
  }

  @Test
  void trunkByEndpointNameAndVoicemail() {
    // context unknown to the config, but the endpoint is a configured trunk
    tracker.accept(chan("Newchannel", "PJSIP/kyivstar-00000001", "incoming", "380441234500",
        "2.1", "2.1"), T0);
    tracker.accept(chan("Newexten", "PJSIP/kyivstar-00000001", "incoming", "380441234500",
        "2.1", "2.1", "Application", "VoiceMail", "AppData", "100@default"), T0.plusSeconds(25));
    tracker.accept(chan("Hangup", "PJSIP/kyivstar-00000001", "incoming", "380441234500",
        "2.1", "2.1"), T0.plusSeconds(50));
    assertThat(out).singleElement().satisfies(e -> {
      assertThat(e.phase()).isEqualTo(CallPhase.ENDED);
      assertThat(e.disposition()).contains(Disposition.VOICEMAIL);
      assertThat(e.clientPhone()).isEqualTo("101");
      assertThat(e.employeeEndpoint()).isEmpty();
    });
  }

  @Test
  void eventsOfCallsThatBeganBeforeWeConnectedAreIgnored() {
    tracker.accept(chan("Newchannel", "PJSIP/ivan-00000009", "from-internal", "s", "3.2", "3.1"), T0);
    tracker.accept(chan("Hangup", "PJSIP/ivan-00000009", "from-internal", "s", "3.2", "3.1"), T0);
    tracker.accept(chan("Hangup", "PJSIP/kyivstar-00000008", "from-trunk", "s", "3.1", "3.1"), T0);
    assertThat(out).isEmpty();
  }

  @Test
  void tooManyCallsFinishesTheOldestAsIncomplete() {
    AmiConfig small = AmiConfig.builder().host("pbx").username("amo").secret("x").maxCalls(1).build();
    CallTracker t = new CallTracker(small, new CallEventMapper(small), out::add);
    t.accept(chan("Newchannel", "PJSIP/kyivstar-00000001", "from-trunk", "1", "4.1", "4.1"), T0);
    t.accept(chan("Newchannel", "PJSIP/kyivstar-00000002", "from-trunk", "1", "4.2", "4.2"),
        T0.plusSeconds(1));
    assertThat(out).singleElement().satisfies(e -> {
      assertThat(e.callId()).isEqualTo("4.1");
      assertThat(e.tracking().extra()).containsEntry(AmiExtras.INCOMPLETE, AmiExtras.TOO_MANY_CALLS);
      assertThat(e.disposition()).contains(Disposition.NO_ANSWER);
    });
    assertThat(t.callsInProgress()).isEqualTo(1);
  }
}
