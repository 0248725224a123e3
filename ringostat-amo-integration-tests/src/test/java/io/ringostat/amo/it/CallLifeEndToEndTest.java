package io.ringostat.amo.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallLeg;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.it.support.Calls;
import io.ringostat.amo.it.support.Fixtures;
import io.ringostat.amo.it.support.Outcomes;
import io.ringostat.amo.journal.sqlite.SqliteJournal;
import io.ringostat.amo.testkit.AmoEmulator;
import io.ringostat.amo.testkit.ManualClock;
import io.ringostat.amo.testkit.StoredNote;
import io.ringostat.amo.testkit.StoredTask;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * R-LIFE end to end: the engine, the OkHttp transport, the SQLite journal and the emulator, on a
 * virtual clock. A call's news after its end edits its one record; a transfer names both
 * employees; a call-back closes the call-back task; a duplicate resent 20 days later is one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallLifeEndToEndTest {
  static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

  @TempDir Path dir;
  private final ManualClock clock = ManualClock.at(T0);
  private final IntegrationSettings settings = Fixtures.demo();
  private AmoEmulator amo;
  private SqliteJournal journal;
  private IntegrationEngine engine;

  @BeforeEach
  void start() {
    amo = Fixtures.emulator(settings).clock(clock).start();
    journal = SqliteJournal.open(dir);
    engine = Fixtures.engine(settings, Fixtures.gateway(amo, settings, amo.token()).build(),
        journal, new Outcomes()).clock(clock).ownsJournal(false).build();
    assertThat(engine.activate().isActive()).isTrue();
  }

  @AfterEach
  void stop() {
    engine.close();
    journal.close();
    amo.close();
  }

  private HandleResult handle(CallEvent e) {
    if (e.occurredAt().isAfter(clock.instant())) {
      clock.set(e.occurredAt());
    }
    return engine.handle(e);
  }

  private static CallEvent update(CallEvent ended, String link) {
    return CallEvent.builder().callId(ended.callId()).phase(CallPhase.UPDATED)
        .direction(ended.direction()).disposition(ended.disposition())
        .clientPhone(ended.clientPhone()).startedAt(ended.startedAt()).recordingUrl(link)
        .build();
  }

  @Test
  @DisplayName("R-LIFE a recording link 5 minutes after ENDED edits the one call record: one"
      + " PATCH, no lookup")
  void lateRecording() {
    Calls call = Calls.inbound("life-1", "+380671230001", T0).by("olena");
    CallEvent ended = CallEvent.builder().from(call.ended()).recordingUrl(java.util.Optional
        .empty()).build();
    handle(call.answeredEvent());
    handle(ended);
    int requests = amo.requestLog().size();

    clock.set(ended.endedAt().orElseThrow().plus(Duration.ofMinutes(5)));
    HandleResult r = engine.handle(update(ended, "https://records.example.com/life-1.mp3"));

    assertThat(r.status()).as(r.toString()).isEqualTo(HandleResult.Status.DELIVERED);
    assertThat(amo.requestLog().subList(requests, amo.requestLog().size()))
        .extracting(l -> l.method() + " " + l.path())
        .containsExactly("PATCH /api/v4/leads/notes");
    List<StoredNote> notes = amo.notesByUniq("life-1");
    assertThat(notes).singleElement().satisfies(n -> {
      assertThat(n.param("link")).contains("https://records.example.com/life-1.mp3");
      assertThat(n.edits()).isEqualTo(1);
    });
  }

  @Test
  @DisplayName("R-LIFE a transfer across two employees: one record naming both")
  void transfer() {
    Calls call = Calls.inbound("life-2", "+380671230002", T0).by("olena");
    CallEvent ended = CallEvent.builder().from(call.ended())
        .addLegs(new CallLeg("olena", call.answeredAt(), Duration.ofSeconds(30)))
        .addLegs(new CallLeg("andriy", call.answeredAt().plusSeconds(30),
            Duration.ofSeconds(65))).build();

    handle(call.answeredEvent());
    handle(ended);

    assertThat(amo.notesByUniq("life-2")).singleElement().satisfies(n ->
        assertThat(n.param("call_result").orElseThrow()).contains("Olena").contains("Andriy"));
  }

  @Test
  @DisplayName("R-LIFE two missed calls leave one call-back task; the call back completes it")
  void twoMissedCallsThenACallBack() {
    String phone = "+380671230003";
    handle(Calls.inbound("life-3a", phone, T0).missed(Disposition.NO_ANSWER).ended());
    handle(Calls.inbound("life-3b", phone, T0.plusSeconds(600)).missed(Disposition.BUSY)
        .ended());
    assertThat(amo.tasks()).hasSize(1);

    Calls back = Calls.outbound("life-3c", phone, T0.plusSeconds(1800)).by("olena");
    handle(back.ended());

    assertThat(amo.tasks()).singleElement().satisfies(t -> {
      assertThat(t.completed()).isTrue();
      assertThat(t.result()).isPresent();
    });
    assertThat(amo.notesByUniq("life-3a")).hasSize(1);
    assertThat(amo.notesByUniq("life-3b")).hasSize(1);
    assertThat(amo.notesByUniq("life-3c")).hasSize(1);
  }

  @Test
  @DisplayName("R-LIFE a duplicate resent 20 days later, after the journal pruned the call, is"
      + " DUPLICATE")
  void duplicateTwentyDaysLater() {
    Calls call = Calls.inbound("life-4", "+380671230004", T0).by("olena");
    handle(call.ended());
    assertThat(amo.notesByUniq("life-4")).hasSize(1);

    clock.set(T0.plus(Duration.ofDays(20)));
    journal.prune(clock.instant().minus(Duration.ofDays(7)));
    assertThat(journal.callEntries("life-4")).isEmpty();
    HandleResult again = engine.handle(call.ended());

    assertThat(again.status()).isEqualTo(HandleResult.Status.DUPLICATE);
    assertThat(amo.notesByUniq("life-4")).hasSize(1);
  }

  @SuppressWarnings("unused")
  private static StoredTask unused(StoredTask t) {
    return t;
  }
}
