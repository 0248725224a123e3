package io.ringostat.amo.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.asterisk.FakeAmiServer.Session;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.model.Tracking;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Replays AMI sessions (test resources {@code ami/*.txt}, written from Asterisk's documentation of
 * each event) through a loopback {@link FakeAmiServer} and asserts the exact events produced.
 */
class AmiCallSourceTest {
  static final String USER = "amo";
  static final String SECRET = "s3cr3t-Pa55";
  static final Instant T0 = Instant.parse("2024-06-10T09:00:00Z");
  static final Instant NOW = Instant.parse("2024-06-10T09:10:00Z");

  private final LinkedBlockingQueue<CallEvent> events = new LinkedBlockingQueue<>();
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private FakeAmiServer server;
  private AmiCallSource source;

  @AfterEach
  void tearDown() throws Exception {
    if (source != null) {
      source.close();
    }
    if (server != null) {
      server.close();
    }
  }

  static Instant t(double seconds) {
    return T0.plusNanos(Math.round(seconds * 1_000_000_000L));
  }

  AmiConfig.Builder config() {
    return AmiConfig.builder().host("127.0.0.1").username(USER).secret(SECRET) // port: see replay
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .sleeper(d -> {
          sleeps.add(d);
          Thread.sleep(5);
        })
        .random(() -> 0.0)
        .backoff(Duration.ofMillis(100), Duration.ofSeconds(1))
        .closeTimeout(Duration.ofSeconds(2));
  }

  List<CallEvent> replay(AmiConfig.Builder config, int expected, Session... sessions)
      throws Exception {
    server = new FakeAmiServer(USER, SECRET, sessions);
    source = AmiCallSource.create(config.port(server.port()).build(), events::add);
    source.start().get(5, TimeUnit.SECONDS);
    List<CallEvent> got = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (got.size() < expected && System.nanoTime() < deadline) {
      CallEvent e = events.poll(50, TimeUnit.MILLISECONDS);
      if (e != null) {
        got.add(e);
      }
    }
    CallEvent extra = events.poll(200, TimeUnit.MILLISECONDS);
    assertThat(extra).as("no event beyond the expected ones").isNull();
    return got;
  }

  List<CallEvent> replay(String resource, int expected) throws Exception {
    return replay(config(), expected, Session.replay(resource));
  }

  static CallEvent.Builder call(String linkedid, CallPhase phase, CallDirection dir, String client,
      Instant start) {
    return CallEvent.builder().callId(linkedid).phase(phase).direction(dir).clientPhone(client)
        .startedAt(start);
  }

  static CallEvent.Builder inbound(String linkedid, CallPhase phase, String client) {
    return call(linkedid, phase, CallDirection.INBOUND, client, T0).trackingPhone("380441234500");
  }

  @Test
  void inboundAnswered() throws Exception {
    String id = "1718010000.1";
    assertThat(replay("inbound-answered.txt", 3)).containsExactly(
        inbound(id, CallPhase.RINGING, "0671234567").employeeEndpoint("ivan").build(),
        inbound(id, CallPhase.ANSWERED, "0671234567").employeeEndpoint("ivan")
            .answeredAt(t(6.25)).build(),
        inbound(id, CallPhase.ENDED, "0671234567").employeeEndpoint("ivan").answeredAt(t(6.25))
            .endedAt(t(66.25)).disposition(Disposition.ANSWERED).build());
    assertThat(server.logins()).singleElement().satisfies(login -> assertThat(login)
        .containsEntry("Action", "Login").containsEntry("Username", USER)
        .containsEntry("Secret", SECRET).containsEntry("Events", "on"));
  }

  @Test
  void inboundMissed() throws Exception {
    String id = "1718010000.11";
    assertThat(replay("inbound-missed.txt", 2)).containsExactly(
        inbound(id, CallPhase.RINGING, "0671234567").employeeEndpoint("ivan").build(),
        inbound(id, CallPhase.ENDED, "0671234567").endedAt(t(23.5))
            .disposition(Disposition.NO_ANSWER).build());
  }

  @Test
  void inboundBusy() throws Exception {
    String id = "1718010000.21";
    assertThat(replay("inbound-busy.txt", 2)).containsExactly(
        inbound(id, CallPhase.RINGING, "+380501112233").employeeEndpoint("ivan").build(),
        inbound(id, CallPhase.ENDED, "+380501112233").endedAt(t(3))
            .disposition(Disposition.BUSY).build());
  }

  @Test
  void outboundAnswered() throws Exception {
    String id = "1718010000.31";
    CallDirection out = CallDirection.OUTBOUND;
    assertThat(replay("outbound-answered.txt", 3)).containsExactly(
        call(id, CallPhase.RINGING, out, "0671234567", T0).employeeEndpoint("ivan").build(),
        call(id, CallPhase.ANSWERED, out, "0671234567", T0).employeeEndpoint("ivan")
            .answeredAt(t(9)).build(),
        call(id, CallPhase.ENDED, out, "0671234567", T0).employeeEndpoint("ivan")
            .answeredAt(t(9)).endedAt(t(39)).disposition(Disposition.ANSWERED).build());
  }

  @Test
  void queueRingsTwoAgentsOneAnswers() throws Exception {
    String id = "1718010000.41";
    Tracking queue = Tracking.builder().putExtra(AmiExtras.QUEUE, "support").build();
    assertThat(replay("queue-two-agents.txt", 3)).containsExactly(
        inbound(id, CallPhase.RINGING, "0931234567").employeeEndpoint("ivan").tracking(queue)
            .build(),
        inbound(id, CallPhase.ANSWERED, "0931234567").employeeEndpoint("ivan")
            .answeredAt(t(12)).tracking(queue).build(),
        inbound(id, CallPhase.ENDED, "0931234567").employeeEndpoint("ivan").answeredAt(t(12))
            .endedAt(t(100)).disposition(Disposition.ANSWERED).tracking(queue).build());
  }

  @Test
  void attendedTransferKeepsFirstAnswererAndListsLegs() throws Exception {
    String id = "1718010000.51";
    List<CallEvent> got = replay("attended-transfer.txt", 3);
    assertThat(got).hasSize(3);
    assertThat(got.get(0).phase()).isEqualTo(CallPhase.RINGING);
    assertThat(got.get(1).phase()).isEqualTo(CallPhase.ANSWERED);
    assertThat(got.get(2)).isEqualTo(
        inbound(id, CallPhase.ENDED, "0671234567").employeeEndpoint("ivan").answeredAt(t(6.25))
            .endedAt(t(126.25)).disposition(Disposition.ANSWERED)
            .tracking(Tracking.builder().putAllExtra(Map.of(
                "ami_transfer", "attended", "ami_legs", "2",
                "ami_leg_1_endpoint", "ivan", "ami_leg_1_from", "2024-06-10T09:00:06.250Z",
                "ami_leg_1_seconds", "40",
                "ami_leg_2_endpoint", "petr", "ami_leg_2_from", "2024-06-10T09:00:46.250Z",
                "ami_leg_2_seconds", "80")).build())
            .build());
  }

  @Test
  void blindTransferListsLegs() throws Exception {
    String id = "1718010000.61";
    List<CallEvent> got = replay("blind-transfer.txt", 3);
    assertThat(got).extracting(CallEvent::phase)
        .containsExactly(CallPhase.RINGING, CallPhase.ANSWERED, CallPhase.ENDED);
    assertThat(got.get(2)).isEqualTo(
        inbound(id, CallPhase.ENDED, "0671234567").employeeEndpoint("ivan").answeredAt(t(6.25))
            .endedAt(t(98.25)).disposition(Disposition.ANSWERED)
            .tracking(Tracking.builder().putAllExtra(Map.of(
                "ami_transfer", "blind", "ami_legs", "2",
                "ami_leg_1_endpoint", "ivan", "ami_leg_1_from", "2024-06-10T09:00:06.250Z",
                "ami_leg_1_seconds", "23",
                "ami_leg_2_endpoint", "petr", "ami_leg_2_from", "2024-06-10T09:00:38.250Z",
                "ami_leg_2_seconds", "60")).build())
            .build());
  }

  @Test
  void recordingFromMixMonitorIsInEnded() throws Exception {
    String id = "1718010000.71";
    AmiConfig.Builder c = config().recordingUrl(
        f -> "https://pbx.example.com/rec/" + f.substring(f.lastIndexOf('/') + 1));
    List<CallEvent> got = replay(c, 3, Session.replay("recording.txt"));
    assertThat(got.get(2)).isEqualTo(
        inbound(id, CallPhase.ENDED, "0671234567").employeeEndpoint("ivan").answeredAt(t(6.25))
            .endedAt(t(36.25)).disposition(Disposition.ANSWERED)
            .recordingUrl("https://pbx.example.com/rec/"
                + "in-380441234500-0671234567-20240610-090000-1718010000.71.wav")
            .build());
    assertThat(got.get(1).recordingUrl()).isEmpty();
  }

  @Test
  void droppedConnectionEndsCallAsIncompleteThenReconnectsAndFollowsNewCalls() throws Exception {
    List<CallEvent> got = replay(config(), 6,
        Session.replay("dropped-part1.txt").thenDisconnect(), Session.replay("dropped-part2.txt"));
    String old = "1718010000.81";
    String fresh = "1718010000.91";
    assertThat(got).containsExactly(
        inbound(old, CallPhase.RINGING, "0671234567").employeeEndpoint("ivan").build(),
        inbound(old, CallPhase.ANSWERED, "0671234567").employeeEndpoint("ivan")
            .answeredAt(t(6.25)).build(),
        inbound(old, CallPhase.ENDED, "0671234567").employeeEndpoint("ivan").answeredAt(t(6.25))
            .endedAt(NOW).disposition(Disposition.ANSWERED)
            .tracking(Tracking.builder().putExtra(AmiExtras.INCOMPLETE, "connection lost").build())
            .build(),
        call(fresh, CallPhase.RINGING, CallDirection.INBOUND, "0671234567", t(200))
            .trackingPhone("380441234500").employeeEndpoint("ivan").build(),
        call(fresh, CallPhase.ANSWERED, CallDirection.INBOUND, "0671234567", t(200))
            .trackingPhone("380441234500").employeeEndpoint("ivan").answeredAt(t(206.25)).build(),
        call(fresh, CallPhase.ENDED, CallDirection.INBOUND, "0671234567", t(200))
            .trackingPhone("380441234500").employeeEndpoint("ivan").answeredAt(t(206.25))
            .endedAt(t(230)).disposition(Disposition.ANSWERED).build());
    assertThat(server.connections()).isEqualTo(2);
    assertThat(sleeps).containsExactly(Duration.ofMillis(100));
  }
}
