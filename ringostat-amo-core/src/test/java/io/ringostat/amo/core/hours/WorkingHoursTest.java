package io.ringostat.amo.core.hours;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Worked examples of working-time arithmetic and schedule validation (R-HOURS). */
class WorkingHoursTest {
  private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
  private static final WorkingHours OFFICE = WorkingHours.builder(KYIV).weekdays("09:00-18:00")
      .build();

  private static Instant kyiv(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(KYIV).toInstant();
  }

  private static String local(Instant t) {
    return ZonedDateTime.ofInstant(t, KYIV).toLocalDateTime().toString();
  }

  private static final Duration HALF_HOUR = Duration.ofMinutes(30);

  @Test
  @DisplayName("R-HOURS a call missed on Tuesday at 23:00 is due on Wednesday at 09:30")
  void tuesdayNight() {
    // 2025-03-04 is a Tuesday
    assertThat(local(OFFICE.addWorkingTime(kyiv("2025-03-04T23:00"), HALF_HOUR)))
        .isEqualTo("2025-03-05T09:30");
  }

  @Test
  @DisplayName("R-HOURS a call missed on Friday evening is due on Monday morning")
  void fridayEvening() {
    assertThat(local(OFFICE.addWorkingTime(kyiv("2025-03-07T19:00"), HALF_HOUR)))
        .isEqualTo("2025-03-10T09:30");
    // ten minutes on Friday, twenty on Monday
    assertThat(local(OFFICE.addWorkingTime(kyiv("2025-03-07T17:50"), HALF_HOUR)))
        .isEqualTo("2025-03-10T09:20");
    // Saturday and Sunday are closed too
    assertThat(local(OFFICE.addWorkingTime(kyiv("2025-03-08T12:00"), HALF_HOUR)))
        .isEqualTo("2025-03-10T09:30");
  }

  @Test
  @DisplayName("R-HOURS holidays are skipped")
  void holidays() {
    WorkingHours withHoliday = OFFICE.withHolidays(List.of(LocalDate.parse("2025-03-05")));
    assertThat(local(withHoliday.addWorkingTime(kyiv("2025-03-04T23:00"), HALF_HOUR)))
        .isEqualTo("2025-03-06T09:30");
    // a holiday on Monday after a weekend: Friday evening -> Tuesday
    WorkingHours longWeekend = OFFICE.withHolidays(List.of(LocalDate.parse("2025-03-10")));
    assertThat(local(longWeekend.addWorkingTime(kyiv("2025-03-07T19:00"), HALF_HOUR)))
        .isEqualTo("2025-03-11T09:30");
    assertThat(longWeekend.isOpen(kyiv("2025-03-10T12:00"))).isFalse();
  }

  @Test
  @DisplayName("R-HOURS a deadline may fall exactly at closing time, not at the next opening")
  void dueAtClosing() {
    assertThat(local(OFFICE.addWorkingTime(kyiv("2025-03-04T17:30"), HALF_HOUR)))
        .isEqualTo("2025-03-04T18:00");
    assertThat(local(OFFICE.addWorkingTime(kyiv("2025-03-04T17:30"), Duration.ofMinutes(31))))
        .isEqualTo("2025-03-05T09:01");
  }

  @Test
  @DisplayName("R-HOURS a lunch break is not working time; a long deadline spans days")
  void lunchAndLongDeadlines() {
    WorkingHours lunch = WorkingHours.builder(KYIV).weekdays("09:00-13:00", "14:00-18:00").build();
    assertThat(local(lunch.addWorkingTime(kyiv("2025-03-04T12:45"), HALF_HOUR)))
        .isEqualTo("2025-03-04T14:15");
    // 24 working hours = three 8-hour days: Tuesday 09:00 -> Thursday 18:00
    assertThat(local(lunch.addWorkingTime(kyiv("2025-03-04T09:00"), Duration.ofHours(24))))
        .isEqualTo("2025-03-06T18:00");
  }

  @Test
  @DisplayName("R-HOURS opening hours stay 09:00 local across the spring daylight-saving change")
  void springForward() {
    // Kyiv: Sunday 2025-03-30 03:00 +02:00 -> 04:00 +03:00
    WorkingHours daily = WorkingHours.builder(KYIV).everyDay("09:00-18:00").build();
    Instant due = daily.addWorkingTime(kyiv("2025-03-29T23:00"), HALF_HOUR);
    assertThat(local(due)).isEqualTo("2025-03-30T09:30");
    assertThat(due).isEqualTo(Instant.parse("2025-03-30T06:30:00Z"));
    // a whole week of daily openings later, still 09:30 local
    assertThat(local(daily.addWorkingTime(kyiv("2025-03-26T09:00"), Duration.ofHours(9 * 7))))
        .isEqualTo("2025-04-01T18:00");
  }

  @Test
  @DisplayName("R-HOURS a night shift across a daylight-saving change is as long as the clocks say")
  void nightShiftAcrossDst() {
    WorkingHours nights = WorkingHours.builder(KYIV).everyDay("00:00-06:00").build();
    // spring: 00:00-06:00 on 2025-03-30 lasts 5 hours, so 6 hours end at 01:00 the next night
    assertThat(local(nights.addWorkingTime(kyiv("2025-03-30T00:00"), Duration.ofHours(6))))
        .isEqualTo("2025-03-31T01:00");
    // autumn: 00:00-06:00 on 2025-10-26 lasts 7 hours (03:00-04:00 happens twice)
    Instant start = kyiv("2025-10-26T00:00");
    Instant end = nights.addWorkingTime(start, Duration.ofHours(7));
    assertThat(local(end)).isEqualTo("2025-10-26T06:00");
    assertThat(Duration.between(start, end)).isEqualTo(Duration.ofHours(7));
  }

  @Test
  @DisplayName("R-HOURS an interval the clocks skip does not exist that day")
  void skippedInterval() {
    // 03:00-04:00 local does not exist on 2025-03-30 in Kyiv
    WorkingHours odd = WorkingHours.builder(KYIV).everyDay("03:00-04:00").build();
    assertThat(local(odd.nextOpening(kyiv("2025-03-30T00:00")))).isEqualTo("2025-03-31T03:00");
    assertThat(local(odd.addWorkingTime(kyiv("2025-03-29T03:30"), Duration.ofMinutes(40))))
        .isEqualTo("2025-03-31T03:10");
  }

  @Test
  @DisplayName("R-HOURS intervals until midnight join the next day's intervals from midnight")
  void acrossMidnight() {
    WorkingHours shift = WorkingHours.builder(KYIV).day(MONDAY, "22:00-00:00")
        .day(TUESDAY, "00:00-06:00").build();
    assertThat(shift.isOpen(kyiv("2025-03-04T00:00"))).isTrue();
    assertThat(shift.isOpen(kyiv("2025-03-03T23:59"))).isTrue();
    assertThat(shift.isOpen(kyiv("2025-03-04T06:00"))).isFalse();
    assertThat(local(shift.addWorkingTime(kyiv("2025-03-03T21:00"), Duration.ofHours(8))))
        .isEqualTo("2025-03-04T06:00");
  }

  @Test
  @DisplayName("R-HOURS isOpen and nextOpening: start included, end excluded")
  void openAndNextOpening() {
    assertThat(OFFICE.isOpen(kyiv("2025-03-04T09:00"))).isTrue();
    assertThat(OFFICE.isOpen(kyiv("2025-03-04T17:59:59"))).isTrue();
    assertThat(OFFICE.isOpen(kyiv("2025-03-04T18:00"))).isFalse();
    assertThat(OFFICE.isOpen(kyiv("2025-03-08T12:00"))).isFalse();
    Instant open = kyiv("2025-03-04T12:00");
    assertThat(OFFICE.nextOpening(open)).isEqualTo(open);
    assertThat(local(OFFICE.nextOpening(kyiv("2025-03-04T18:00")))).isEqualTo("2025-03-05T09:00");
    assertThat(local(OFFICE.nextOpening(kyiv("2025-03-07T20:00")))).isEqualTo("2025-03-10T09:00");
  }

  @Test
  @DisplayName("R-HOURS zero working time is due at once; negative is rejected")
  void zeroAndNegative() {
    Instant closed = kyiv("2025-03-08T12:00");
    assertThat(OFFICE.addWorkingTime(closed, Duration.ZERO)).isEqualTo(closed);
    assertThatThrownBy(() -> OFFICE.addWorkingTime(closed, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
  }

  @Test
  @DisplayName("R-HOURS always-open hours count plain elapsed time")
  void alwaysOpen() {
    WorkingHours always = WorkingHours.always(KYIV);
    Instant t = kyiv("2025-03-29T23:17");
    assertThat(always.addWorkingTime(t, Duration.ofHours(30))).isEqualTo(t.plus(Duration.ofHours(30)));
    assertThat(always.isOpen(kyiv("2025-10-26T03:30"))).isTrue();
  }

  @Test
  @DisplayName("R-HOURS a year of holidays ends the search with a clear error, never a loop")
  void boundedSearch() {
    List<LocalDate> year = LocalDate.parse("2025-03-05").datesUntil(LocalDate.parse("2026-04-01"))
        .toList();
    WorkingHours closed = OFFICE.withHolidays(year);
    assertThatThrownBy(() -> closed.nextOpening(kyiv("2025-03-04T19:00")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no working time in 366 consecutive days")
        .hasMessageContaining("check the holidays");
    assertThatThrownBy(() -> closed.addWorkingTime(kyiv("2025-03-04T17:00"), Duration.ofHours(2)))
        .isInstanceOf(IllegalStateException.class);
    // a shorter run of holidays is crossed
    WorkingHours vacation = OFFICE.withHolidays(year.subList(0, 300));
    assertThat(vacation.nextOpening(kyiv("2025-03-04T19:00"))).isAfter(kyiv("2025-12-30T00:00"));
  }

  @Test
  @DisplayName("R-HOURS invalid schedules are listed by path")
  void validation() {
    WorkingHours.Builder b = WorkingHours.builder(KYIV)
        .day(MONDAY, "09:00-18:00", "17:00-19:00")
        .day(TUESDAY, "18:00-09:00")
        .day(FRIDAY, "10:00-10:00")
        .day(SATURDAY, "10:00-12:00", "12:00-14:00");
    assertThat(b.problems()).extracting(ScheduleProblem::toString).containsExactly(
        "week.MONDAY[1]: interval 17:00-19:00 overlaps week.MONDAY[0] 09:00-18:00",
        "week.TUESDAY[0]: inverted interval 18:00-09:00: it ends before it starts (split a night"
            + " shift into 22:00-00:00 and 00:00-06:00 of the next day)",
        "week.FRIDAY[0]: empty interval 10:00-10:00 (for a whole day write 00:00-00:00)");
    assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid working hours: week.MONDAY[1]");
  }

  @Test
  @DisplayName("R-HOURS a schedule without any working time is a problem, not an endless search")
  void noWorkingTime() {
    assertThat(WorkingHours.builder(KYIV).problems()).extracting(ScheduleProblem::path)
        .containsExactly("week");
    assertThat(WorkingHours.problems(Map.of(DayOfWeek.SUNDAY, List.of(
        new WorkInterval(LocalTime.of(9, 0), LocalTime.of(8, 0)))))).extracting(
        ScheduleProblem::path).containsExactly("week.SUNDAY[0]", "week");
    assertThatThrownBy(() -> WorkingHours.builder(KYIV).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no working time on any day of the week");
  }

  @Test
  @DisplayName("R-HOURS intervals parse from text")
  void parse() {
    assertThat(WorkInterval.parse(" 09:00 – 18:30 "))
        .isEqualTo(new WorkInterval(LocalTime.of(9, 0), LocalTime.of(18, 30)));
    assertThatThrownBy(() -> WorkInterval.parse("9-18"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("e.g. 09:00-18:00");
    assertThatThrownBy(() -> WorkInterval.parse("09:00"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(OFFICE.toString()).isEqualTo("WorkingHours[Europe/Kyiv, MON 09:00-18:00,"
        + " TUE 09:00-18:00, WED 09:00-18:00, THU 09:00-18:00, FRI 09:00-18:00]");
  }

  @Test
  @DisplayName("R-HOURS an employee without a schedule of their own works the account's hours")
  void perEmployee() {
    WorkingHours evenings = WorkingHours.builder(KYIV).weekdays("14:00-22:00").build();
    Schedules s = new Schedules(OFFICE, Map.of(42L, evenings));
    assertThat(s.forUser(42L)).isSameAs(evenings);
    assertThat(s.forUser(7L)).isSameAs(OFFICE);
    assertThat(local(s.forUser(42L).addWorkingTime(kyiv("2025-03-04T23:00"), HALF_HOUR)))
        .isEqualTo("2025-03-05T14:30");
  }
}
