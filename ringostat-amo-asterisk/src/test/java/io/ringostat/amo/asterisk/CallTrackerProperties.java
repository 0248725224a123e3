package io.ringostat.amo.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.testing.Gen;
import io.ringostat.amo.core.testing.Property;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link CallTracker} on the recorded sessions mixed as a busy PBX mixes them: several calls at
 * once (their messages interleaved), messages lost, the connection cut at any point. Seeded
 * harness of the core's test-jar ({@link Property}); a failure prints the seed to replay.
 */
class CallTrackerProperties {
  /** The complete sessions: each one or more whole calls. */
  static final List<String> SESSIONS = List.of("inbound-answered.txt", "inbound-missed.txt",
      "inbound-busy.txt", "outbound-answered.txt", "queue-two-agents.txt",
      "attended-transfer.txt", "blind-transfer.txt", "recording.txt");
  static final Instant CUT_AT = Instant.parse("2024-06-10T10:00:00Z");
  static final AmiConfig CONFIG = AmiConfig.builder().host("pbx").username("amo").secret("x")
      .recordingUrl(f -> "https://pbx.example.com/rec/" + f.substring(f.lastIndexOf('/') + 1))
      .build();

  /** A message of a session, tagged with the session it came from. */
  record Tagged(String session, AmiMessage message) {}

  /** What one try feeds: the sessions' messages in arrival order, minus the lost ones. */
  record Traffic(List<String> sessions, List<Tagged> sent, List<String> damaged) {
    @Override
    public String toString() {
      return "sessions " + sessions + ", " + sent.size() + " messages, damaged " + damaged;
    }
  }

  private static final Map<String, List<AmiMessage>> MESSAGES = new LinkedHashMap<>();
  private static final Map<String, List<CallEvent>> ALONE = new LinkedHashMap<>();

  static {
    for (String s : SESSIONS) {
      MESSAGES.put(s, parse(s));
      ALONE.put(s, feed(MESSAGES.get(s)));
    }
  }

  /** The session's messages through the adapter's own reader; bridge ids made per session. */
  static List<AmiMessage> parse(String session) {
    StringBuilder text = new StringBuilder();
    for (String m : FakeAmiServer.load(session)) {
      text.append(m.replaceAll("(?m)^(\\w*BridgeUniqueid): (.+)$", "$1: " + session + "-$2"));
    }
    AmiReader reader = new AmiReader(new ByteArrayInputStream(
        text.toString().getBytes(StandardCharsets.UTF_8)));
    List<AmiMessage> out = new ArrayList<>();
    try {
      for (Optional<AmiMessage> m = reader.readMessage(); m.isPresent(); m = reader.readMessage()) {
        out.add(m.get());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static List<CallEvent> feed(List<AmiMessage> messages) {
    List<CallEvent> out = new ArrayList<>();
    CallTracker tracker = new CallTracker(CONFIG, new CallEventMapper(CONFIG), out::add);
    for (AmiMessage m : messages) {
      tracker.accept(m, m.timestamp().orElseThrow());
    }
    assertThat(tracker.callsInProgress()).isZero();
    return out;
  }

  /** A random merge of the chosen sessions, each in its own order. */
  static List<Tagged> interleave(List<String> sessions, SplittableRandom random) {
    List<Tagged> out = new ArrayList<>();
    int[] next = new int[sessions.size()];
    int left = sessions.stream().mapToInt(s -> MESSAGES.get(s).size()).sum();
    while (left > 0) {
      int pick = random.nextInt(left);
      for (int i = 0; i < sessions.size(); i++) {
        int remaining = MESSAGES.get(sessions.get(i)).size() - next[i];
        if (pick < remaining) {
          out.add(new Tagged(sessions.get(i), MESSAGES.get(sessions.get(i)).get(next[i]++)));
          break;
        }
        pick -= remaining;
      }
      left--;
    }
    return out;
  }

  static Gen<List<String>> someSessions() {
    return Gen.subsetOf(SESSIONS).filter(l -> !l.isEmpty());
  }

  /** Interleaved sessions only. */
  static Gen<Traffic> concurrentCalls() {
    return someSessions().flatMap(sessions -> (random, size) ->
        new Traffic(sessions, interleave(sessions, random), List.of()));
  }

  /** Interleaved sessions, a few messages lost (up to 20 %), and the stream cut anywhere. */
  static Gen<Traffic> damagedTraffic() {
    return someSessions().flatMap(sessions -> (random, size) -> {
      List<Tagged> all = interleave(sessions, random);
      int lossPercent = random.nextInt(Math.min(20, size) + 1);
      int cut = random.nextInt(all.size() + 1);
      List<Tagged> sent = new ArrayList<>();
      List<String> damaged = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        Tagged t = all.get(i);
        if (i >= cut || random.nextInt(100) < lossPercent) {
          if (!damaged.contains(t.session())) {
            damaged.add(t.session());
          }
          continue;
        }
        sent.add(t);
      }
      return new Traffic(sessions, sent, damaged);
    });
  }

  /** Feeds the traffic, then drops the connection; the events per call id. */
  static Map<String, List<CallEvent>> run(Traffic traffic) {
    Map<String, List<CallEvent>> byCall = new LinkedHashMap<>();
    CallTracker tracker = new CallTracker(CONFIG, new CallEventMapper(CONFIG),
        e -> byCall.computeIfAbsent(e.callId(), k -> new ArrayList<>()).add(e));
    for (Tagged t : traffic.sent()) {
      tracker.accept(t.message(), t.message().timestamp().orElseThrow());
    }
    tracker.abandonAll(AmiExtras.CONNECTION_LOST, CUT_AT);
    assertThat(tracker.callsInProgress()).as("calls left after the drop").isZero();
    return byCall;
  }

  @TestFactory
  Stream<DynamicTest> properties() {
    return Stream.of(
        Property.forAll(concurrentCalls()).tries(100).test(
            "calls at the same time are followed as if each were alone", traffic -> {
              Map<String, List<CallEvent>> got = run(traffic);
              List<CallEvent> expected = new ArrayList<>();
              traffic.sessions().forEach(s -> expected.addAll(ALONE.get(s)));
              List<CallEvent> all = got.values().stream().flatMap(List::stream).toList();
              assertThat(all).containsExactlyInAnyOrderElementsOf(expected);
            }),
        Property.forAll(damagedTraffic()).tries(200).test(
            "lost messages and a cut connection: every call seen is finished once, phases in"
                + " order; undamaged calls exactly as alone", traffic -> {
              Map<String, List<CallEvent>> got = run(traffic);
              got.forEach((callId, events) -> {
                List<CallPhase> phases = events.stream().map(CallEvent::phase).toList();
                assertThat(phases).as("phases of " + callId).isSubsetOf(CallPhase.RINGING,
                    CallPhase.ANSWERED, CallPhase.ENDED).doesNotHaveDuplicates()
                    .isSortedAccordingTo(java.util.Comparator.naturalOrder()).endsWith(CallPhase.ENDED);
              });
              for (String s : traffic.sessions()) {
                if (traffic.damaged().contains(s)) {
                  continue;
                }
                for (CallEvent e : ALONE.get(s)) {
                  assertThat(got.getOrDefault(e.callId(), List.of())).as("undamaged " + s)
                      .contains(e);
                }
              }
            }));
  }
}
