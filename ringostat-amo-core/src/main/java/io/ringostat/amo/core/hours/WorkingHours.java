package io.ringostat.amo.core.hours;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * When an office (or one employee) works (R-HOURS): a weekly schedule of {@link WorkInterval}s per
 * day of the week, holidays on which nothing is open, and the time zone the schedule is read in.
 * Task deadlines count working time: "call back within 30 minutes" of a call missed on Tuesday at
 * 23:00, with the office opening at 09:00, is due on Wednesday at 09:30.
 *
 * <h2>Validity</h2>
 *
 * A value is always valid: the constructor (and {@link Builder#build()}) throws {@link
 * IllegalArgumentException} listing every {@linkplain #problems problem}: an empty or inverted
 * interval, overlapping intervals on one day, or a week with no working time at all. Use {@link
 * #problems} to validate settings without an exception.
 *
 * <h2>Local time and daylight saving</h2>
 *
 * Intervals are local times of their date in {@link #zone()}, so "09:00-18:00" is nine hours
 * on an ordinary day and the office opens at 09:00 local time on both sides of a daylight-saving
 * change. An interval that spans a change is as long as the clocks say it is (a 00:00-06:00 shift
 * is five hours on the spring-forward night in Europe/Kyiv, seven on the fall-back night). A time
 * the clocks skip is read as the moment they jump (03:30 on the spring-forward day in Kyiv is
 * 04:00); a time they repeat is read as its first occurrence for a start and its second for an
 * end, so an interval never loses time it covers.
 *
 * <h2>Bounded search</h2>
 *
 * Every search forward (for the next opening, or through a deadline) gives up after {@link
 * #MAX_CLOSED_DAYS} consecutive calendar days without working time and throws {@link
 * IllegalStateException}; it never loops forever. A valid schedule has working time every week,
 * so only a run of holidays longer than that bound (or a schedule whose only interval the clocks
 * skip every week, which no real zone does) can reach it.
 *
 * <p>Immutable and thread-safe; every method is pure (no clock: instants are arguments).
 *
 * @param zone the zone the schedule is read in (the account's, from amoCRM's {@code
 *     datetime_settings.timezone})
 * @param week intervals per day of the week, sorted by start; a day missing or empty is a day off
 * @param holidays dates on which nothing is open, whatever the day of the week
 */
public record WorkingHours(ZoneId zone, Map<DayOfWeek, List<WorkInterval>> week,
    Set<LocalDate> holidays) {

  /**
   * How many consecutive calendar days without working time a search crosses before it gives up:
   * a year and a day, longer than any real run of holidays.
   */
  public static final int MAX_CLOSED_DAYS = 366;

  public WorkingHours {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(week, "week");
    Objects.requireNonNull(holidays, "holidays");
    Map<DayOfWeek, List<WorkInterval>> w = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d : DayOfWeek.values()) {
      List<WorkInterval> given = week.get(d);
      List<WorkInterval> intervals = given == null ? new ArrayList<>() : new ArrayList<>(given);
      intervals.forEach(i -> Objects.requireNonNull(i, "week." + d + " has a null interval"));
      intervals.sort(Comparator.comparing(WorkInterval::start));
      w.put(d, List.copyOf(intervals));
    }
    week = Collections.unmodifiableMap(w);
    holidays.forEach(h -> Objects.requireNonNull(h, "holidays has a null date"));
    holidays = Collections.unmodifiableSet(new TreeSet<>(holidays));
    List<ScheduleProblem> problems = problems(week);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid working hours: " + problems.stream()
          .map(ScheduleProblem::toString).collect(Collectors.joining("; ")));
    }
  }

  /** A builder for a schedule in {@code zone}; every day starts as a day off. */
  public static Builder builder(ZoneId zone) {
    return new Builder(zone);
  }

  /** Every day, all day, in {@code zone}: deadlines count plain elapsed time. */
  public static WorkingHours always(ZoneId zone) {
    return builder(zone).everyDay("00:00-00:00").build();
  }

  /**
   * Every problem in a weekly schedule, each with a path {@code week.<DAY>[<index>]} (the index
   * after sorting the day's intervals by start) or {@code week}: an interval that is empty or
   * ends before it starts, an interval that overlaps an earlier one on the same day, and a week
   * without any working time. Empty when the schedule is valid.
   */
  public static List<ScheduleProblem> problems(Map<DayOfWeek, ? extends Collection<WorkInterval>>
      week) {
    List<ScheduleProblem> out = new ArrayList<>();
    boolean anyOpen = false;
    for (DayOfWeek d : DayOfWeek.values()) {
      Collection<WorkInterval> given = week.get(d);
      List<WorkInterval> intervals = given == null ? new ArrayList<>() : new ArrayList<>(given);
      intervals.sort(Comparator.comparing(WorkInterval::start));
      for (int i = 0; i < intervals.size(); i++) {
        WorkInterval x = intervals.get(i);
        String path = "week." + d + "[" + i + "]";
        if (!x.isProper()) {
          out.add(new ScheduleProblem(path, x.end().equals(x.start())
              ? "empty interval " + x + " (for a whole day write 00:00-00:00)"
              : "inverted interval " + x + ": it ends before it starts (split a night shift"
                  + " into 22:00-00:00 and 00:00-06:00 of the next day)"));
          continue;
        }
        anyOpen = true;
        for (int j = 0; j < i; j++) {
          WorkInterval y = intervals.get(j);
          if (y.isProper() && y.overlaps(x)) {
            out.add(new ScheduleProblem(path, "interval " + x + " overlaps week." + d + "[" + j
                + "] " + y));
            break;
          }
        }
      }
    }
    if (!anyOpen) {
      out.add(new ScheduleProblem("week", "no working time on any day of the week: deadlines"
          + " counted in working time could never fall due"));
    }
    return out;
  }

  /** True when {@code t} is inside working time (an interval's start included, its end not). */
  public boolean isOpen(Instant t) {
    LocalDate date = LocalDate.ofInstant(t, zone);
    for (LocalDate d = date.minusDays(1); !d.isAfter(date); d = d.plusDays(1)) {
      for (Window w : windows(d)) {
        if (!t.isBefore(w.start()) && t.isBefore(w.end())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * {@code t} if the office is open then, otherwise the next moment it opens.
   *
   * @throws IllegalStateException after {@link #MAX_CLOSED_DAYS} days without working time
   */
  public Instant nextOpening(Instant t) {
    Objects.requireNonNull(t, "t");
    LocalDate date = LocalDate.ofInstant(t, zone).minusDays(1);
    int closedDays = 0;
    while (true) {
      boolean any = false;
      for (Window w : windows(date)) {
        any = true;
        if (t.isBefore(w.end())) {
          return t.isBefore(w.start()) ? w.start() : t;
        }
      }
      closedDays = any ? 0 : closedDays + 1;
      checkBound(closedDays, t);
      date = date.plusDays(1);
    }
  }

  /**
   * The moment {@code work} of working time after {@code start}: working time is counted from
   * {@code start} (or from the next opening, if closed then), skipping nights, days off and
   * holidays. Zero work is due at {@code start} itself, open or not. A positive amount always
   * falls inside working time or exactly at the end of an interval (it is due at 18:00, not at the
   * next opening). Monotone in both arguments, and additive: {@code add(add(t, a), b) ==
   * add(t, a + b)}.
   *
   * @throws IllegalArgumentException when {@code work} is negative
   * @throws IllegalStateException after {@link #MAX_CLOSED_DAYS} consecutive days without working
   *     time
   */
  public Instant addWorkingTime(Instant start, Duration work) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(work, "work");
    if (work.isNegative()) {
      throw new IllegalArgumentException("work must not be negative: " + work);
    }
    if (work.isZero()) {
      return start;
    }
    Duration remaining = work;
    Instant cursor = start;
    LocalDate date = LocalDate.ofInstant(start, zone).minusDays(1);
    int closedDays = 0;
    while (true) {
      boolean any = false;
      for (Window w : windows(date)) {
        if (!w.end().isAfter(cursor)) {
          continue;
        }
        any = true;
        Instant from = w.start().isAfter(cursor) ? w.start() : cursor;
        Duration available = Duration.between(from, w.end());
        if (remaining.compareTo(available) <= 0) {
          return from.plus(remaining);
        }
        remaining = remaining.minus(available);
        cursor = w.end();
      }
      closedDays = any ? 0 : closedDays + 1;
      checkBound(closedDays, start);
      date = date.plusDays(1);
    }
  }

  /**
   * This schedule read in {@code other}: the same local times and dates in another zone (the
   * settings read a schedule in the account's zone, known only at activation).
   */
  public WorkingHours withZone(ZoneId other) {
    return other.equals(zone) ? this : new WorkingHours(other, week, holidays);
  }

  /** This schedule with different holidays. */
  public WorkingHours withHolidays(Collection<LocalDate> dates) {
    return new WorkingHours(zone, week, Set.copyOf(dates));
  }

  private void checkBound(int closedDays, Instant from) {
    if (closedDays > MAX_CLOSED_DAYS) {
      throw new IllegalStateException("no working time in " + MAX_CLOSED_DAYS
          + " consecutive days after " + from + " (" + zone + "): check the holidays");
    }
  }

  /** A span of working time on the time line. */
  private record Window(Instant start, Instant end) {}

  /** The working time of {@code date} as instants, in order; empty on days off and holidays. */
  private List<Window> windows(LocalDate date) {
    if (holidays.contains(date)) {
      return List.of();
    }
    List<WorkInterval> intervals = week.get(date.getDayOfWeek());
    if (intervals.isEmpty()) {
      return List.of();
    }
    List<Window> out = new ArrayList<>(intervals.size());
    for (WorkInterval i : intervals) {
      Instant s = resolve(date.atTime(i.start()), true);
      Instant e = i.untilMidnight() ? resolve(date.plusDays(1).atStartOfDay(), false)
          : resolve(date.atTime(i.end()), false);
      if (e.isAfter(s)) {
        out.add(new Window(s, e));
      }
    }
    return out;
  }

  /**
   * A local time as an instant: a skipped time is the moment the clocks jump; a repeated time
   * is its first occurrence for a start, its second for an end.
   */
  private Instant resolve(LocalDateTime local, boolean isStart) {
    ZoneRules rules = zone.getRules();
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    if (offsets.isEmpty()) {
      ZoneOffsetTransition gap = rules.getTransition(local);
      return gap.getInstant();
    }
    ZoneOffset offset = offsets.size() == 1 || isStart ? offsets.get(0)
        : offsets.get(offsets.size() - 1);
    return local.toInstant(offset);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("WorkingHours[").append(zone);
    for (DayOfWeek d : DayOfWeek.values()) {
      List<WorkInterval> i = week.get(d);
      if (!i.isEmpty()) {
        out.append(", ").append(d.name(), 0, 3).append(' ')
            .append(i.stream().map(WorkInterval::toString).collect(Collectors.joining(" ")));
      }
    }
    if (!holidays.isEmpty()) {
      out.append(", holidays ").append(holidays);
    }
    return out.append(']').toString();
  }

  /**
   * Builds a {@link WorkingHours}; {@link #problems()} validates without building, {@link
   * #build()} throws listing every problem. Not thread-safe; the value it builds is.
   */
  public static final class Builder {
    private final ZoneId zone;
    private final Map<DayOfWeek, List<WorkInterval>> week = new EnumMap<>(DayOfWeek.class);
    private final Set<LocalDate> holidays = new TreeSet<>();

    private Builder(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** Adds intervals to {@code day}, e.g. {@code day(MONDAY, "09:00-13:00", "14:00-18:00")}. */
    public Builder day(DayOfWeek day, String... intervals) {
      for (String i : intervals) {
        day(day, WorkInterval.parse(i));
      }
      return this;
    }

    /** Adds one interval to {@code day}. */
    public Builder day(DayOfWeek day, WorkInterval interval) {
      week.computeIfAbsent(Objects.requireNonNull(day, "day"), d -> new ArrayList<>())
          .add(Objects.requireNonNull(interval, "interval"));
      return this;
    }

    /** Adds the intervals to Monday through Friday. */
    public Builder weekdays(String... intervals) {
      for (DayOfWeek d : DayOfWeek.values()) {
        if (d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY) {
          day(d, intervals);
        }
      }
      return this;
    }

    /** Adds the intervals to every day of the week. */
    public Builder everyDay(String... intervals) {
      for (DayOfWeek d : DayOfWeek.values()) {
        day(d, intervals);
      }
      return this;
    }

    public Builder holiday(LocalDate date) {
      holidays.add(Objects.requireNonNull(date, "date"));
      return this;
    }

    public Builder holidays(Collection<LocalDate> dates) {
      dates.forEach(this::holiday);
      return this;
    }

    /** The problems {@link #build()} would throw for; empty when it would succeed. */
    public List<ScheduleProblem> problems() {
      return WorkingHours.problems(week);
    }

    /**
     * The schedule.
     *
     * @throws IllegalArgumentException listing every {@linkplain #problems() problem}
     */
    public WorkingHours build() {
      return new WorkingHours(zone, week, holidays);
    }
  }
}
