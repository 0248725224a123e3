package io.ringostat.amo.it;

import static io.ringostat.amo.it.support.Fixtures.OLENA;
import static io.ringostat.amo.it.support.Fixtures.SENIOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.hours.Schedules;
import io.ringostat.amo.core.hours.WorkingHours;
import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.plan.NoAction;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.text.Language;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.it.support.Calls;
import io.ringostat.amo.it.support.Fixtures;
import io.ringostat.amo.it.support.Outcomes;
import io.ringostat.amo.testkit.AmoEmulator;
import io.ringostat.amo.testkit.ManualClock;
import io.ringostat.amo.testkit.StoredTask;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * R-HOURS, R-FILTER and R-LANG end to end on the emulator: a working week in Kyiv (Monday to
 * Friday 09:00-18:00, Wednesday 2 December a holiday) with night calls, an internal call and a
 * blocked number, on a Ukrainian and on a Russian account. The settings name no language: the
 * texts follow the account's country.
 */
class WorkingDayEndToEndTest {
  private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
  private static final String BLOCKED = "+380445550000";

  private static Instant kyiv(String local) {
    return LocalDateTime.parse(local).atZone(KYIV).toInstant();
  }

  @ParameterizedTest(name = "{0} account")
  @CsvSource({
      "UA, uk, Пропущений дзвінок з номера",
      "RU, ru, Пропущенный звонок с номера"})
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  @DisplayName("R-HOURS R-FILTER R-LANG a week with night calls, a holiday, an internal call and a"
      + " blocked number")
  void aWorkingWeek(String country, String language, String missedText) {
    IntegrationSettings settings = Fixtures.demoBuilder()
        .language(Optional.empty())
        .matrix(MatrixPresets.withNightQueue(MatrixPresets.RECOMMENDED))
        .workingHours(Schedules.of(WorkingHours.builder(KYIV).weekdays("09:00-18:00")
            .holiday(LocalDate.of(2026, 12, 2)).build()))
        .addBlockedNumber(BLOCKED)
        .build();
    ManualClock clock = ManualClock.at(kyiv("2026-11-30T08:00:00"));
    Outcomes outcomes = new Outcomes();
    try (AmoEmulator amo = Fixtures.emulator(settings).country(country).clock(clock).start();
        IntegrationEngine engine = Fixtures.engine(settings,
            Fixtures.gateway(amo, settings, amo.token()).build(), new InMemoryJournal(), outcomes)
            .clock(clock).build()) {
      assertThat(engine.activate().isActive()).isTrue();
      assertThat(engine.settings().effectiveLanguage())
          .isEqualTo(Language.fromCode(language).orElseThrow());

      // Monday 10:00: a new client, answered by Olena, becomes hers.
      play(engine, clock, Calls.inbound("w-1", "+380671000002", kyiv("2026-11-30T10:00:00"))
          .by("olena"));
      // Monday 11:00: Andriy's mobile calls Olena: internal, nothing is written.
      HandleResult internal = play(engine, clock,
          Calls.inbound("w-2", "+380672223344", kyiv("2026-11-30T11:00:00")).by("olena"));
      assertThat(internal.plan().flatMap(Plan::noAction)).contains(NoAction.INTERNAL_CALL);
      assertThat(amo.contactsByPhone("+380672223344")).isEmpty();
      // Monday 11:30: a blocked number: nothing is created.
      HandleResult blocked = play(engine, clock,
          Calls.inbound("w-3", BLOCKED, kyiv("2026-11-30T11:30:00")).missed(Disposition.NO_ANSWER));
      assertThat(blocked.plan().flatMap(Plan::noAction)).contains(NoAction.BLOCKED_NUMBER);
      assertThat(amo.contactsByPhone(BLOCKED)).isEmpty();

      // Monday 23:10: a new client at night: the senior manager, due Tuesday 09:30.
      play(engine, clock, Calls.inbound("w-4", "+380671000001", kyiv("2026-11-30T23:10:00"))
          .missed(Disposition.NO_ANSWER));
      // Tuesday 23:00: Olena's client at night: the senior manager's morning queue; Wednesday is
      // a holiday, so it is due Thursday 09:30.
      play(engine, clock, Calls.inbound("w-5", "+380671000002", kyiv("2026-12-01T23:00:00"))
          .missed(Disposition.NO_ANSWER));
      // ... and calls again at 23:20: still one open task for the client (R-LIFE).
      play(engine, clock, Calls.inbound("w-6", "+380671000002", kyiv("2026-12-01T23:20:00"))
          .missed(Disposition.BUSY));
      // Thursday 15:00, by day: Olena's own task, due half an hour later.
      play(engine, clock, Calls.inbound("w-7", "+380671000003", kyiv("2026-12-03T14:00:00"))
          .by("olena"));
      play(engine, clock, Calls.inbound("w-8", "+380671000003", kyiv("2026-12-03T15:00:00"))
          .missed(Disposition.NO_ANSWER));
      // Friday 19:30: due Monday 09:30.
      play(engine, clock, Calls.inbound("w-9", "+380671000004", kyiv("2026-12-04T19:30:00"))
          .missed(Disposition.NO_ANSWER));

      List<StoredTask> tasks = amo.tasks();
      assertThat(tasks).hasSize(4);
      assertThat(tasks).allSatisfy(t -> assertThat(t.text()).startsWith(missedText));
      assertThat(task(tasks, "+380671000001").responsibleUserId()).isEqualTo(SENIOR);
      assertThat(task(tasks, "+380671000001").completeTill())
          .isEqualTo(kyiv("2026-12-01T09:30:00"));
      assertThat(task(tasks, "+380671000002").responsibleUserId()).isEqualTo(SENIOR);
      assertThat(task(tasks, "+380671000002").completeTill())
          .isEqualTo(kyiv("2026-12-03T09:30:00"));
      assertThat(task(tasks, "+380671000003").responsibleUserId()).isEqualTo(OLENA);
      assertThat(task(tasks, "+380671000003").completeTill())
          .isEqualTo(kyiv("2026-12-03T15:30:25"));
      assertThat(task(tasks, "+380671000004").completeTill())
          .isEqualTo(kyiv("2026-12-07T09:30:00"));

      // Routing at night skips Olena, and says why; by day she takes the call.
      clock.set(kyiv("2026-12-04T22:00:00"));
      assertThat(engine.route("+380671000002").reason()).contains("is not working");
      clock.set(kyiv("2026-12-07T10:00:00"));
      assertThat(engine.route("+380671000002").employee()).map(e -> e.amoUserId())
          .contains(OLENA);
    }
  }

  private static StoredTask task(List<StoredTask> tasks, String digitsOfPhone) {
    return tasks.stream().filter(t -> t.text().contains(digitsOfPhone)).findFirst().orElseThrow();
  }

  /** Plays a call's events in order on the clock; returns the outcome of its last event. */
  private static HandleResult play(IntegrationEngine engine, ManualClock clock, Calls call) {
    HandleResult last = null;
    for (CallEvent e : call.allPhases(false)) {
      if (e.occurredAt().isAfter(clock.instant())) {
        clock.set(e.occurredAt());
      }
      last = engine.handle(e);
      assertThat(last.status()).as(last.toString()).isIn(HandleResult.Status.DELIVERED,
          HandleResult.Status.NOTHING_TO_DO);
    }
    return last;
  }
}
