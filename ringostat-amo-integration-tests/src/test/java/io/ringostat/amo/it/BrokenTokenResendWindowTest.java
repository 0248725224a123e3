package io.ringostat.amo.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.engine.Alert;
import io.ringostat.amo.engine.EngineState;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.ReactivationResult;
import io.ringostat.amo.engine.journal.EntryState;
import io.ringostat.amo.engine.journal.JournalEntry;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.settings.AmoAccount;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.it.support.Calls;
import io.ringostat.amo.it.support.Fixtures;
import io.ringostat.amo.it.support.Outcomes;
import io.ringostat.amo.journal.sqlite.SqliteJournal;
import io.ringostat.amo.okhttp.LongLivedToken;
import io.ringostat.amo.testkit.AmoEmulator;
import io.ringostat.amo.testkit.ManualClock;
import io.ringostat.amo.testkit.StoredNote;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * R-KEEP on a virtual clock: the token is revoked, the engine goes BROKEN and journals (SQLite)
 * every call of the next 72 hours without calling amoCRM; then {@code reactivate(newToken,
 * true)} delivers exactly the calls of today and the two days before in the account's time zone,
 * in order per phone, and reports the older ones as expired. The window's edge is tested to the
 * second: a call at local midnight is resent, one a second earlier expires. The engine and the
 * emulator share one {@link ManualClock}; zones far from UTC (UTC+14, and America/Adak across
 * its switch to daylight saving time).
 */
class BrokenTokenResendWindowTest {
  static final int PHONES = 60;

  @ParameterizedTest(name = "{0}, broken from {1} local, a call every {2} min")
  @CsvSource({
      "Pacific/Kiritimati, 2026-03-10T10:00:30, 4",
      "America/Adak, 2026-03-06T12:00:30, 12"})
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  @DisplayName("R-KEEP broken token for 72 h on a virtual clock: resend delivers exactly the calls"
      + " inside the 3-day window of the account's zone; the edges to the second")
  void brokenFor72Hours(String zoneId, String brokenFromLocal, int everyMinutes,
      @TempDir Path dir) {
    ZoneId zone = ZoneId.of(zoneId);
    Instant start = LocalDateTime.parse(brokenFromLocal).atZone(zone).toInstant();
    Instant reactivateAt = start.plus(Duration.ofHours(72));
    LocalDateTime reactivationLocal = LocalDateTime.ofInstant(reactivateAt, zone);
    Instant windowStart = reactivationLocal.toLocalDate().minusDays(2).atStartOfDay(zone)
        .toInstant();
    ManualClock clock = ManualClock.at(start);
    IntegrationSettings demo = Fixtures.demo();
    IntegrationSettings settings = Fixtures.demoBuilder()
        .account(AmoAccount.builder().from(demo.account()).timeZone(zone).build())
        .build();
    Outcomes outcomes = new Outcomes();
    try (AmoEmulator amo = Fixtures.emulator(settings).clock(clock).rateLimit(0).start();
        IntegrationEngine engine = Fixtures.engine(settings,
            Fixtures.gateway(amo, settings, amo.token()).rateLimit(1000).build(),
            SqliteJournal.open(dir), outcomes).clock(clock).build()) {
      assertThat(engine.activate().isActive()).isTrue();
      assertThat(engine.accountZone()).isEqualTo(zone);
      assertThat(amo.revokeToken(amo.token())).isTrue();

      // The calls of the 72 hours: a missed inbound call every few minutes from one of the
      // phones, each reported as RINGING and ENDED, plus the two edge calls.
      List<Calls> calls = new ArrayList<>();
      int n = 0;
      for (Instant t = start; t.isBefore(reactivateAt.minusSeconds(60));
          t = t.plus(Duration.ofMinutes(everyMinutes))) {
        calls.add(call(n++, t));
      }
      Calls edgeIn = call(n++, windowStart);
      Calls edgeOut = call(n++, windowStart.minusSeconds(1));
      calls.add(edgeOut);
      calls.add(edgeIn);
      calls.sort(Comparator.comparing(Calls::startedAt));

      int requestsBeforeBroken = -1;
      int events = 0;
      for (Calls c : calls) {
        for (CallEvent e : List.of(c.ringing(), c.ended())) {
          Instant at = e.occurredAt().isAfter(clock.instant()) ? e.occurredAt() : clock.instant();
          clock.set(at);
          HandleResult r = engine.handle(e);
          events++;
          assertThat(r.status()).as(r.toString()).isIn(HandleResult.Status.DEFERRED,
              HandleResult.Status.NOTHING_TO_DO);
          if (requestsBeforeBroken < 0 && engine.state() == EngineState.BROKEN) {
            requestsBeforeBroken = amo.requestLog().size();
          }
        }
      }
      assertThat(engine.state()).isEqualTo(EngineState.BROKEN);
      assertThat(outcomes.hasAlert(Alert.Kind.AUTHORIZATION_PROBLEM)).isTrue();
      assertThat(amo.requestLog()).as("no request to amoCRM while BROKEN")
          .hasSize(requestsBeforeBroken);
      long pendingWhileBroken = engine.metrics().journal().pending();

      // 72 hours later the user pastes a new token.
      clock.set(reactivateAt);
      amo.issueLongLivedToken("new-token-after-72h");
      ReactivationResult result = engine.reactivate(LongLivedToken.of("new-token-after-72h"),
          true);
      assertThat(result.activation().isActive()).as(result.toString()).isTrue();
      assertThat(result.windowStart()).as("midnight two days before, in " + zone)
          .isEqualTo(windowStart);
      ZonedDateTime local = result.windowStart().atZone(zone);
      assertThat(local.toLocalTime()).isEqualTo(java.time.LocalTime.MIDNIGHT);

      Set<String> inWindow = calls.stream().filter(c -> !c.startedAt().isBefore(windowStart))
          .map(Calls::callId).collect(Collectors.toSet());
      long eventsInWindow = 2L * inWindow.size();
      assertThat(result.resent()).as("resent").isEqualTo((int) eventsInWindow);
      assertThat(result.expired()).as("expired: every event before the window")
          .hasSize((int) (pendingWhileBroken - eventsInWindow));
      assertThat(result.expired()).allSatisfy(e ->
          assertThat(e.event().orElseThrow().startedAt()).isBefore(windowStart));
      assertThat(outcomes.hasAlert(Alert.Kind.EVENTS_EXPIRED)).isTrue();

      Outcomes.await("the resent events delivered", Duration.ofSeconds(150),
          () -> engine.metrics().journal().pending() == 0);
      assertThat(engine.metrics().journal().failed()).isZero();

      // Exactly the calls inside the window are in the CRM, once each.
      for (Calls c : calls) {
        List<StoredNote> notes = amo.notesByUniq(c.callId());
        if (inWindow.contains(c.callId())) {
          assertThat(notes).as("call %s at %s is resent", c.callId(), c.startedAt()).hasSize(1);
        } else {
          assertThat(notes).as("call %s at %s expired", c.callId(), c.startedAt()).isEmpty();
        }
      }
      assertThat(amo.notesByUniq(edgeIn.callId())).as("a call at local midnight").hasSize(1);
      assertThat(amo.notesByUniq(edgeOut.callId())).as("a call one second before").isEmpty();
      List<JournalEntry> expired = engine.expired(100_000);
      assertThat(expired).anySatisfy(e -> assertThat(e.callId()).isEqualTo(edgeOut.callId()));
      assertThat(expired).noneSatisfy(e -> assertThat(e.callId()).isEqualTo(edgeIn.callId()));
      assertThat(engine.journalEntries(EntryState.EXPIRED, 100_000)).hasSize(
          result.expired().size());
      // R-LIFE: every resent missed call is recorded (above), and each client keeps one open
      // call-back task, however many of their missed calls were resent
      long clientsInWindow = calls.stream().filter(c -> inWindow.contains(c.callId()))
          .map(Calls::phone).distinct().count();
      assertThat(amo.tasks()).as("one open call-back task per client with a resent missed call")
          .hasSize((int) clientsInWindow)
          .allSatisfy(t -> assertThat(t.completed()).isFalse());

      // In original order per phone: record ids grow with the calls' start times.
      Map<String, List<Calls>> byPhone = new HashMap<>();
      calls.stream().filter(c -> inWindow.contains(c.callId()))
          .forEach(c -> byPhone.computeIfAbsent(c.phone(), k -> new ArrayList<>()).add(c));
      for (List<Calls> mine : byPhone.values()) {
        long last = 0;
        for (Calls c : mine) {
          long id = amo.notesByUniq(c.callId()).get(0).id();
          assertThat(id).as("order of " + c.phone()).isGreaterThan(last);
          last = id;
        }
      }
      System.out.printf("BrokenTokenResendWindowTest %s: %d events journaled while BROKEN over"
              + " 72 h, window from %s (%s local), %d resent, %d expired, %d requests%n",
          zone, events, windowStart, local.toLocalDateTime(), result.resent(),
          result.expired().size(), amo.requestLog().size());
    }
  }

  static Calls call(int n, Instant at) {
    String phone = String.format("+38063%07d", 1_000_000 + (n % PHONES) * 7919);
    return Calls.inbound(String.format("k-%05d", n), phone, at)
        .missed(n % 2 == 0 ? Disposition.NO_ANSWER : Disposition.BUSY);
  }
}
