package io.ringostat.amo.core.matrix;

import static io.ringostat.amo.core.testing.DecideSpec.given;
import static io.ringostat.amo.core.testing.ExampleWorld.ANNA;
import static io.ringostat.amo.core.testing.ExampleWorld.OLENA;
import static io.ringostat.amo.core.testing.ExampleWorld.existingClient;
import static io.ringostat.amo.core.testing.ExampleWorld.inbound;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.hours.Schedules;
import io.ringostat.amo.core.hours.WorkingHours;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.settings.AmoAccount;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.TaskTemplate;
import java.time.Duration;
import io.ringostat.amo.core.testing.ExampleWorld;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R-HOURS by example: call-back deadlines counted in the office's working time (weekdays
 * 09:00-18:00 in Kyiv), the night queue, an employee's own hours.
 */
class WorkingHoursDecisionTest {
  private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
  private static final WorkingHours OFFICE = WorkingHours.builder(KYIV)
      .weekdays("09:00-18:00").holiday(LocalDate.of(2026, 12, 9)).build();

  private static IntegrationSettings.Builder settings(DecisionMatrix matrix, Schedules hours) {
    return ExampleWorld.builder(matrix)
        .account(AmoAccount.builder().subdomain("acme").timeZone(KYIV).build())
        .workingHours(hours);
  }

  private static Instant kyiv(String local) {
    return LocalDateTime.parse(local).atZone(KYIV).toInstant();
  }

  /** The example client's call, missed at {@code local} Kyiv time. */
  private static CallEvent missedAt(String callId, String local) {
    Instant t = kyiv(local);
    return CallEvent.builder().from(inbound(callId).missed()).startedAt(t)
        .endedAt(t.plusSeconds(40)).build();
  }

  private static Effect.CreateTask task(Plan plan) {
    return plan.effects().stream().filter(Effect.CreateTask.class::isInstance)
        .map(Effect.CreateTask.class::cast).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("R-HOURS a call missed on Tuesday at 23:00 is due at 09:30 on Wednesday")
  void tuesdayNight() {
    Plan plan = given(settings(MatrixPresets.RECOMMENDED, Schedules.of(OFFICE)).build())
        .when(missedAt("c-1", "2026-12-01T23:00:00")).plan();
    assertThat(task(plan).deadline()).isEqualTo(kyiv("2026-12-02T09:30:00"));
    assertThat(plan.explanation()).anyMatch(l -> l.contains("outside working hours"))
        .anyMatch(l -> l.startsWith("Deadline: 30 min of working time from Tue 01.12 23:00 is"
            + " Wed 02.12 09:30"));
  }

  @Test
  @DisplayName("R-HOURS a call missed on Friday evening is due on Monday morning")
  void fridayEvening() {
    Plan plan = given(settings(MatrixPresets.RECOMMENDED, Schedules.of(OFFICE)).build())
        .when(missedAt("c-1", "2026-12-04T19:10:00")).plan();
    assertThat(task(plan).deadline()).isEqualTo(kyiv("2026-12-07T09:30:00"));
  }

  @Test
  @DisplayName("R-HOURS a call missed at 17:50 gets ten minutes today and twenty tomorrow")
  void acrossClosing() {
    Plan plan = given(settings(MatrixPresets.RECOMMENDED, Schedules.of(OFFICE)).build())
        .when(missedAt("c-1", "2026-12-03T17:49:20")).plan();
    assertThat(task(plan).deadline()).isEqualTo(kyiv("2026-12-04T09:20:00"));
  }

  @Test
  @DisplayName("R-HOURS a holiday is skipped: missed on Tuesday night before the 9th, due on"
      + " Thursday")
  void holiday() {
    Plan plan = given(settings(MatrixPresets.RECOMMENDED, Schedules.of(OFFICE)).build())
        .when(missedAt("c-1", "2026-12-08T22:00:00")).plan();
    assertThat(task(plan).deadline()).isEqualTo(kyiv("2026-12-10T09:30:00"));
  }

  @Test
  @DisplayName("R-HOURS inside working hours the deadline is the template's, as before")
  void daytime() {
    Plan plan = given(settings(MatrixPresets.RECOMMENDED, Schedules.of(OFFICE)).build())
        .when(missedAt("c-1", "2026-12-01T11:00:00")).plan();
    assertThat(task(plan).deadline()).isEqualTo(kyiv("2026-12-01T11:30:40"));
    assertThat(plan.explanation()).noneMatch(l -> l.contains("outside working hours"))
        .noneMatch(l -> l.startsWith("Deadline:"));
  }

  @Test
  @DisplayName("R-HOURS without working hours a night call is due 30 minutes later")
  void noWorkingHours() {
    Plan plan = given(ExampleWorld.builder(MatrixPresets.RECOMMENDED).build())
        .when(missedAt("c-1", "2026-12-01T23:00:00")).plan();
    assertThat(task(plan).deadline()).isEqualTo(kyiv("2026-12-01T23:30:40"));
  }

  @Test
  @DisplayName("R-HOURS night queue: an existing client's night call goes to the senior manager,"
      + " by day to the responsible manager")
  void nightQueue() {
    IntegrationSettings s = settings(MatrixPresets.withNightQueue(MatrixPresets.RECOMMENDED),
        Schedules.of(OFFICE)).build();
    Plan night = given(s).crm(crm -> crm.seed(existingClient()))
        .when(missedAt("c-1", "2026-12-01T23:00:00")).plan();
    assertThat(task(night).assigneeUserId()).isEqualTo(OLENA);
    assertThat(task(night).deadline()).isEqualTo(kyiv("2026-12-02T09:30:00"));
    assertThat(night.explanation()).anyMatch(l -> l.contains(", outside working hours (started"
        + " Tue 01.12 23:00 Europe/Kyiv): outsideHours cell: "));
    Plan day = given(s).crm(crm -> crm.seed(existingClient()))
        .when(missedAt("c-2", "2026-12-01T12:00:00")).plan();
    assertThat(task(day).assigneeUserId()).isEqualTo(ANNA);
  }

  @Test
  @DisplayName("R-HOURS a task is due in its assignee's own hours: Anna starts at 12:00")
  void employeeHours() {
    WorkingHours anna = WorkingHours.builder(KYIV).weekdays("12:00-20:00").build();
    IntegrationSettings s = settings(MatrixPresets.RECOMMENDED,
        new Schedules(OFFICE, Map.of(ANNA, anna))).build();
    Plan plan = given(s).crm(crm -> crm.seed(existingClient()))
        .when(missedAt("c-1", "2026-12-01T23:00:00")).plan();
    assertThat(task(plan).assigneeUserId()).isEqualTo(ANNA);
    assertThat(task(plan).deadline()).isEqualTo(kyiv("2026-12-02T12:30:00"));
  }

  @Test
  @DisplayName("R-HOURS the schedule is read in the account's zone, whatever zone it was built in")
  void accountZone() {
    WorkingHours utc = WorkingHours.builder(ZoneId.of("UTC")).weekdays("09:00-18:00").build();
    IntegrationSettings s = settings(MatrixPresets.RECOMMENDED, Schedules.of(utc)).build();
    assertThat(s.schedules().orElseThrow().account().zone()).isEqualTo(KYIV);
    Plan plan = given(s).when(missedAt("c-1", "2026-12-01T23:00:00")).plan();
    assertThat(task(plan).deadline()).isEqualTo(kyiv("2026-12-02T09:30:00"));
    assertThat(ExampleWorld.builder(MatrixPresets.RECOMMENDED).workingHours(Schedules.of(utc))
        .build().withAccountTimeZone(KYIV).schedules().orElseThrow().account().zone())
        .isEqualTo(KYIV);
    assertThat(Optional.of(s)).isPresent();
  }

  @Test
  @DisplayName("R-HOURS the deadline's explanation names the assignee's own hours")
  void employeeHoursExplained() {
    WorkingHours anna = WorkingHours.builder(KYIV).weekdays("12:00-20:00").build();
    Plan plan = given(settings(MatrixPresets.RECOMMENDED,
        new Schedules(OFFICE, Map.of(ANNA, anna))).build()).crm(crm -> crm.seed(existingClient()))
        .when(missedAt("c-1", "2026-12-01T23:00:00")).plan();
    assertThat(plan.explanation()).contains("Deadline: 30 min of working time (Anna Kovalenko"
        + " (user 5001)'s own hours) from Tue 01.12 23:00 is Wed 02.12 12:30 (workingHours)");
  }

  @Test
  @DisplayName("R-HOURS an assignee with no working time for over a year (every Monday a holiday)"
      + " gets the deadline in elapsed time, saying why")
  void assigneeWhoNeverWorks() {
    WorkingHours.Builder mondays = WorkingHours.builder(KYIV)
        .day(java.time.DayOfWeek.MONDAY, "09:00-18:00");
    for (int week = 0; week < 60; week++) {
      mondays.holiday(LocalDate.of(2026, 12, 7).plusWeeks(week));
    }
    WorkingHours never = mondays.build();
    Plan plan = given(settings(MatrixPresets.RECOMMENDED,
        new Schedules(OFFICE, Map.of(ANNA, never))).build()).crm(crm -> crm.seed(existingClient()))
        .when(missedAt("c-1", "2026-12-01T23:00:00")).plan();
    assertThat(task(plan).assigneeUserId()).isEqualTo(ANNA);
    assertThat(task(plan).deadline()).isEqualTo(kyiv("2026-12-01T23:30:40"));
    assertThat(plan.explanation()).contains(
        "Deadline: no working time within 366 days; counted in elapsed time");
  }

  @Test
  @DisplayName("R-HOURS a 90-minute task template missed at night is due at 10:30, explained in"
      + " hours and minutes")
  void hoursAndMinutes() {
    IntegrationSettings s = settings(MatrixPresets.RECOMMENDED, Schedules.of(OFFICE))
        .putTaskTemplate(MatrixPresets.MISSED_CALL_TASK, new TaskTemplate(
            "Call back {client_phone}", Duration.ofMinutes(90), TaskTemplate.CALL)).build();
    Plan plan = given(s).when(missedAt("c-1", "2026-12-01T23:00:00")).plan();
    assertThat(task(plan).deadline()).isEqualTo(kyiv("2026-12-02T10:30:00"));
    assertThat(plan.explanation()).anyMatch(l -> l.startsWith(
        "Deadline: 1 h 30 min of working time from Tue 01.12 23:00 is Wed 02.12 10:30"));
  }

  @Test
  @DisplayName("R-HOURS R-PHONE a night call from an unrecognized number: the 2-hour check is due"
      + " at 11:00")
  void wholeHours() {
    CallEvent anonymous = CallEvent.builder().from(missedAt("c-1", "2026-12-01T23:00:00"))
        .clientPhone("12").build();
    Plan plan = given(settings(MatrixPresets.RECOMMENDED, Schedules.of(OFFICE)).build())
        .when(anonymous).plan();
    assertThat(task(plan).assigneeUserId()).isEqualTo(OLENA);
    assertThat(task(plan).deadline()).isEqualTo(kyiv("2026-12-02T11:00:00"));
    assertThat(plan.explanation()).anyMatch(l -> l.startsWith(
        "Deadline: 2 h of working time from Tue 01.12 23:00 is Wed 02.12 11:00"));
  }

  @Test
  @DisplayName("R-HOURS a night call in a matrix without outsideHours cells is decided by the"
      + " ordinary cell, and the explanation says so")
  void noNightCell() {
    Plan plan = given(settings(MatrixPresets.RECOMMENDED, Schedules.of(OFFICE)).build())
        .crm(crm -> crm.seed(existingClient()))
        .when(missedAt("c-1", "2026-12-01T23:00:00")).plan();
    assertThat(task(plan).assigneeUserId()).isEqualTo(ANNA);
    assertThat(plan.explanation()).anyMatch(l -> l.startsWith("Matrix RECOMMENDED,"
        + " INBOUND_MISSED_EXISTING, outside working hours (started Tue 01.12 23:00 Europe/Kyiv):"
        + " no outsideHours cell, the ordinary one: "));
  }
}
