package io.ringostat.amo.core.hours;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.testing.Covers;
import io.ringostat.amo.core.testing.Gen;
import io.ringostat.amo.core.testing.Property;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Working-time arithmetic over generated schedules, holidays, instants and durations (R-HOURS).
 * Zones include daylight saving (Kyiv, New York, Lord Howe's half-hour shift) and instants
 * cluster around the transitions; boundaries are whole minutes so a minute-by-minute count is an
 * independent oracle.
 */
class WorkingHoursProperties {
  record Case(WorkingHours hours, Instant start, Duration a, Duration b) {}

  private static final List<ZoneId> ZONES = Stream.of("Europe/Kyiv", "America/New_York",
      "Australia/Lord_Howe", "UTC", "Asia/Kolkata").map(ZoneId::of).toList();
  private static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-01-01T00:00:00Z");

  /** 0 to 3 non-overlapping intervals on minute boundaries; midnight ends now and then. */
  static Gen<List<WorkInterval>> day() {
    return (random, size) -> {
      int n = random.nextInt(4);
      TreeSet<Integer> cuts = new TreeSet<>();
      while (cuts.size() < 2 * n) {
        int step = random.nextBoolean() ? 30 : 1;
        cuts.add(random.nextInt(1440 / step + 1) * step);
      }
      List<Integer> c = new ArrayList<>(cuts);
      List<WorkInterval> out = new ArrayList<>();
      for (int i = 0; i + 1 < c.size(); i += 2) {
        out.add(new WorkInterval(time(c.get(i)), time(c.get(i + 1) % 1440)));
      }
      return out;
    };
  }

  private static LocalTime time(int minuteOfDay) {
    return LocalTime.of(minuteOfDay / 60, minuteOfDay % 60);
  }

  static Gen<WorkingHours> hours() {
    return (random, size) -> {
      ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
      Map<DayOfWeek, List<WorkInterval>> week = new EnumMap<>(DayOfWeek.class);
      Gen<List<WorkInterval>> day = day();
      for (DayOfWeek d : DayOfWeek.values()) {
        // week-ends are days off more often
        boolean off = d.getValue() >= 6 ? random.nextInt(3) > 0 : random.nextInt(5) == 0;
        week.put(d, off ? List.of() : day.generate(random, size));
      }
      if (!WorkingHours.problems(week).isEmpty()) {
        week.put(DayOfWeek.WEDNESDAY, List.of(WorkInterval.parse("09:00-18:00")));
      }
      Set<LocalDate> holidays = new TreeSet<>();
      int h = random.nextInt(Math.min(size, 20) + 1);
      LocalDate first = LocalDate.of(2024, 12, 20);
      for (int i = 0; i < h; i++) {
        holidays.add(first.plusDays(random.nextInt(400)));
      }
      return new WorkingHours(zone, week, holidays);
    };
  }

  /** Any instant of 2025 on a whole minute, or one within a day of a zone transition. */
  static Gen<Instant> instants(ZoneId zone) {
    return (random, size) -> {
      if (random.nextBoolean()) {
        ZoneOffsetTransition tr = zone.getRules().nextTransition(FROM.plusSeconds(
            random.nextLong(TO.getEpochSecond() - FROM.getEpochSecond())));
        if (tr != null) {
          return tr.getInstant().plusSeconds(60L * (random.nextInt(2 * 1440) - 1440));
        }
      }
      long minutes = (TO.getEpochSecond() - FROM.getEpochSecond()) / 60;
      return FROM.plusSeconds(60 * random.nextLong(minutes));
    };
  }

  /** Whole minutes, mostly short, sometimes days. */
  static Gen<Duration> durations() {
    return (random, size) -> Duration.ofMinutes(random.nextInt(4) == 0
        ? random.nextInt(3 * 1440) : random.nextInt(8 * 60 + 1));
  }

  static Gen<Case> cases() {
    return hours().flatMap(h -> (random, size) -> new Case(h,
        instants(h.zone()).generate(random, size), durations().generate(random, size),
        durations().generate(random, size)));
  }

  /** Kyiv office hours, start times within a day of a daylight-saving change. */
  static Gen<Case> kyivDstCases() {
    ZoneId kyiv = ZoneId.of("Europe/Kyiv");
    return (random, size) -> {
      WorkingHours h = random.nextBoolean()
          ? WorkingHours.builder(kyiv).everyDay("00:00-06:00", "09:00-18:00").build()
          : WorkingHours.builder(kyiv).everyDay("02:30-03:30", "03:45-04:15", "22:00-00:00")
              .build();
      Instant transition = random.nextBoolean() ? Instant.parse("2025-03-30T01:00:00Z")
          : Instant.parse("2025-10-26T01:00:00Z");
      Instant start = transition.plusSeconds(60L * (random.nextInt(2 * 1440) - 1440));
      return new Case(h, start, durations().generate(random, size),
          durations().generate(random, size));
    };
  }

  /** Working minutes in [from, to), counted one minute at a time with isOpen. */
  private static long workingMinutes(WorkingHours h, Instant from, Instant to) {
    long n = 0;
    for (Instant m = from; m.isBefore(to); m = m.plusSeconds(60)) {
      if (h.isOpen(m)) {
        n++;
      }
    }
    return n;
  }

  @Covers({"R-HOURS"})
  @TestFactory
  Stream<DynamicTest> properties() {
    return Stream.of(
        Property.forAll(cases()).test("R-HOURS a deadline falls in working time or at an end",
            c -> {
              if (c.a().isZero()) {
                return;
              }
              Instant due = c.hours().addWorkingTime(c.start(), c.a());
              assertThat(due).isAfter(c.start());
              assertThat(c.hours().isOpen(due) || c.hours().isOpen(due.minusNanos(1)))
                  .as("open at %s or just before", due).isTrue();
            }),
        Property.forAll(cases()).test("R-HOURS adding working time is monotone", c -> {
          Duration small = c.a().compareTo(c.b()) <= 0 ? c.a() : c.b();
          Duration large = c.a().compareTo(c.b()) <= 0 ? c.b() : c.a();
          assertThat(c.hours().addWorkingTime(c.start(), small))
              .isBeforeOrEqualTo(c.hours().addWorkingTime(c.start(), large));
        }),
        Property.forAll(cases()).test("R-HOURS adding zero to an open instant returns it", c -> {
          Instant open = c.hours().nextOpening(c.start());
          assertThat(c.hours().isOpen(open)).isTrue();
          assertThat(c.hours().addWorkingTime(open, Duration.ZERO)).isEqualTo(open);
          assertThat(c.hours().nextOpening(open)).isEqualTo(open);
        }),
        Property.forAll(cases()).test("R-HOURS adding working time is additive", c -> {
          WorkingHours h = c.hours();
          assertThat(h.addWorkingTime(h.addWorkingTime(c.start(), c.a()), c.b()))
              .isEqualTo(h.addWorkingTime(c.start(), c.a().plus(c.b())));
        }),
        Property.forAll(cases()).tries(60).test(
            "R-HOURS the working minutes up to a deadline are exactly the duration (oracle)", c -> {
              Duration d = Duration.ofMinutes(c.a().toMinutes() % (6 * 60));
              Instant due = c.hours().addWorkingTime(c.start(), d);
              assertThat(workingMinutes(c.hours(), c.start(), due)).isEqualTo(d.toMinutes());
            }),
        Property.forAll(cases()).tries(60).test(
            "R-HOURS nothing is open between an instant and its next opening (oracle)", c -> {
              Instant open = c.hours().nextOpening(c.start());
              if (Duration.between(c.start(), open).toDays() < 10) {
                assertThat(workingMinutes(c.hours(), c.start(), open)).isZero();
              }
            }),
        Property.forAll(kyivDstCases()).tries(100).test(
            "R-HOURS across daylight-saving changes in Kyiv: additive, counted, due in hours",
            c -> {
              WorkingHours h = c.hours();
              Instant due = h.addWorkingTime(c.start(), c.a());
              assertThat(h.addWorkingTime(due, c.b()))
                  .isEqualTo(h.addWorkingTime(c.start(), c.a().plus(c.b())));
              Duration shortA = Duration.ofMinutes(c.a().toMinutes() % (12 * 60));
              assertThat(workingMinutes(h, c.start(), h.addWorkingTime(c.start(), shortA)))
                  .isEqualTo(shortA.toMinutes());
              if (!c.a().isZero()) {
                assertThat(h.isOpen(due) || h.isOpen(due.minusNanos(1))).isTrue();
              }
            }));
  }
}
