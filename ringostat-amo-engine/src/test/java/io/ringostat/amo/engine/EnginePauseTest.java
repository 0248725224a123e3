package io.ringostat.amo.engine;

import static io.ringostat.amo.engine.IntegrationEngineTest.OLENA;
import static io.ringostat.amo.engine.IntegrationEngineTest.SENIOR;
import static io.ringostat.amo.engine.IntegrationEngineTest.T0;
import static io.ringostat.amo.engine.IntegrationEngineTest.missed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.routing.FallThroughReason;
import io.ringostat.amo.engine.journal.EntryState;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.engine.testing.FakeAmoCrm;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R-PAUSE: an operator pauses the integration and resumes it with or without resend. */
class EnginePauseTest {
  static final String PHONE = "+380441234567";

  final MutableClock clock = new MutableClock(T0);
  final List<Alert> alerts = new CopyOnWriteArrayList<>();
  final List<HandleResult> outcomes = new CopyOnWriteArrayList<>();
  final FakeAmoCrm crm = new FakeAmoCrm(FakeAmoCrm.catalog(ZoneId.of("Europe/Kyiv"), OLENA,
      SENIOR));
  final InMemoryJournal journal = new InMemoryJournal();
  IntegrationEngine engine;

  @BeforeEach
  void start() {
    engine = IntegrationEngine.builder()
        .settings(IntegrationEngineTest.settings(ZoneId.of("Europe/Kyiv")))
        .amo(crm).journal(journal).clock(clock)
        .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
        .listener(new EngineListener() {
          @Override
          public void outcome(HandleResult r) {
            outcomes.add(r);
          }

          @Override
          public void alert(Alert a) {
            alerts.add(a);
          }
        })
        .build();
    assertThat(engine.activate().isActive()).isTrue();
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  @DisplayName("paused: events are journaled and answered DEFERRED, nothing is sent, routing falls through")
  void pausedDefersAndSendsNothing() {
    long writes = crm.writes.get();
    long lookups = crm.lookups.get();
    engine.pause();

    HandleResult r = engine.handle(missed("c1", PHONE, T0));

    assertThat(engine.state()).isEqualTo(EngineState.PAUSED);
    assertThat(r.status()).isEqualTo(HandleResult.Status.DEFERRED);
    assertThat(r.message()).contains("the integration is paused");
    assertThat(journal.counts().pending()).isEqualTo(1);
    assertThat(engine.route(PHONE).fallThrough()).contains(FallThroughReason.INTEGRATION_PAUSED);
    assertThat(engine.route(PHONE).reason()).isEqualTo("the integration is paused");
    assertThat(crm.writes.get()).isEqualTo(writes);
    assertThat(crm.lookups.get()).isEqualTo(lookups);
    assertThat(alerts).extracting(Alert::kind).containsExactly(Alert.Kind.PAUSED);
  }

  @Test
  @DisplayName("pause is idempotent: one state change, one alert")
  void pauseIsIdempotent() {
    engine.pause();
    engine.pause();

    assertThat(engine.state()).isEqualTo(EngineState.PAUSED);
    assertThat(alerts).extracting(Alert::kind).containsExactly(Alert.Kind.PAUSED);
  }

  @Test
  @DisplayName("resume(true) delivers what came while paused, in original order")
  void resumeWithResend() throws Exception {
    engine.pause();
    engine.handle(missed("c1", PHONE, T0));
    engine.handle(missed("c2", PHONE, T0.plusSeconds(60)));
    engine.handle(missed("c3", PHONE, T0.plusSeconds(120)));

    ReactivationResult re = engine.resume(true);

    assertThat(re.activation().isActive()).isTrue();
    assertThat(re.resent()).isEqualTo(3);
    assertThat(re.skipped()).isZero();
    assertThat(engine.state()).isEqualTo(EngineState.ACTIVE);
    awaitDelivered("c3");
    assertThat(outcomes).filteredOn(HandleResult::isDelivered).extracting(HandleResult::callId)
        .containsExactly("c1", "c2", "c3");
    assertThat(crm.writes.get()).isPositive();
    assertThat(alerts).extracting(Alert::kind)
        .containsExactly(Alert.Kind.PAUSED, Alert.Kind.RESUMED);
  }

  @Test
  @DisplayName("resume(true) after a long pause: beyond the resend window the events expire, reported")
  void resumeBeyondTheWindowExpires() throws Exception {
    engine.pause();
    engine.handle(missed("old", PHONE, T0));
    clock.advance(Duration.ofDays(3));
    engine.handle(missed("new", PHONE, T0.plus(Duration.ofDays(3))));

    ReactivationResult re = engine.resume(true);

    assertThat(re.resent()).isEqualTo(1);
    assertThat(re.expired()).extracting(e -> e.callId()).containsExactly("old");
    awaitDelivered("new");
    assertThat(alerts).extracting(Alert::kind).contains(Alert.Kind.EVENTS_EXPIRED);
  }

  @Test
  @DisplayName("resume(false) marks what came while paused SKIPPED; nothing is sent")
  void resumeWithoutResend() {
    engine.pause();
    long writes = crm.writes.get();
    engine.handle(missed("c1", PHONE, T0));
    engine.handle(missed("c2", "+380441234568", T0));

    ReactivationResult re = engine.resume(false);

    assertThat(re.skipped()).isEqualTo(2);
    assertThat(re.resent()).isZero();
    assertThat(journal.entries(EntryState.SKIPPED, 10)).extracting(e -> e.callId())
        .containsExactlyInAnyOrder("c1", "c2")
        .hasSize(2);
    assertThat(journal.entries(EntryState.SKIPPED, 10)).allSatisfy(e ->
        assertThat(e.note()).contains("resumed without resend"));
    assertThat(engine.state()).isEqualTo(EngineState.ACTIVE);
    assertThat(crm.writes.get()).isEqualTo(writes);
  }

  @Test
  @DisplayName("paused while BROKEN: PAUSED; resume checks the account, turns BROKEN again and keeps the events")
  void pauseWhileBroken() {
    crm.revokeToken();
    engine.handle(missed("c1", PHONE, T0));
    assertThat(engine.state()).isEqualTo(EngineState.BROKEN);

    engine.pause();
    assertThat(engine.state()).isEqualTo(EngineState.PAUSED);
    ReactivationResult re = engine.resume(true);

    assertThat(re.activation().isActive()).isFalse();
    assertThat(engine.state()).isEqualTo(EngineState.BROKEN);
    assertThat(re.resent()).isZero();
    assertThat(re.skipped()).isZero();
    assertThat(journal.counts().pending()).isEqualTo(1);
    assertThat(alerts).extracting(Alert::kind).doesNotContain(Alert.Kind.RESUMED);

    // The documented way out: new credentials, then reactivate.
    ReactivationResult again = engine.reactivate(new FakeAmoCrm.Token("new"), true);
    assertThat(again.resent()).isEqualTo(1);
  }

  @Test
  @DisplayName("resume without pause, and activate or reactivate while paused, say what to do")
  void misuse() {
    assertThatThrownBy(() -> engine.resume(true)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ACTIVE, not paused");
    engine.pause();
    assertThatThrownBy(engine::activate).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("call resume(resend)");
    assertThatThrownBy(() -> engine.reactivate(new FakeAmoCrm.Token("t"), true))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("call resume(resend)");
  }

  private void awaitDelivered(String callId) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (outcomes.stream().anyMatch(o -> o.callId().equals(callId) && o.isDelivered())) {
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("not delivered: " + callId + "; outcomes " + outcomes);
  }
}
