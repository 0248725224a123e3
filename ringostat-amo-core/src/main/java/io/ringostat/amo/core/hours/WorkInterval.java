package io.ringostat.amo.core.hours;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A span of working time within one day, in local time: from {@code start} (included) to {@code
 * end} (excluded). An {@code end} of {@code 00:00} means midnight at the end of the day, so
 * {@code 22:00-00:00} is the last two hours of the day; a night shift is two intervals, {@code
 * 22:00-00:00} on one day and {@code 00:00-06:00} on the next.
 *
 * <p>Any two times make a value; {@link WorkingHours} reports an inverted or empty interval as a
 * {@link ScheduleProblem}. Seconds and nanoseconds are kept as given.
 */
public record WorkInterval(LocalTime start, LocalTime end) {
  public WorkInterval {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
  }

  /**
   * Parses {@code "09:00-18:00"} (ISO local times, an ASCII hyphen or an en dash between them,
   * spaces allowed around it).
   *
   * @throws IllegalArgumentException when the text is not two times separated by a dash
   */
  public static WorkInterval parse(String text) {
    Objects.requireNonNull(text, "text");
    String[] parts = text.split("[-–]", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException("working interval '" + text
          + "': expected start-end, e.g. 09:00-18:00");
    }
    try {
      return new WorkInterval(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("working interval '" + text
          + "': expected start-end, e.g. 09:00-18:00", e);
    }
  }

  /** True when the interval runs until midnight at the end of the day ({@code end} is 00:00). */
  public boolean untilMidnight() {
    return end.equals(LocalTime.MIDNIGHT);
  }

  /** True when the interval is a real span: it ends after it starts (or runs until midnight). */
  public boolean isProper() {
    return untilMidnight() || end.isAfter(start);
  }

  /** True when the two intervals share working time (touching ends do not count). */
  public boolean overlaps(WorkInterval other) {
    return start.isBefore(other.endOfDay()) && other.start.isBefore(endOfDay());
  }

  /** The end as a time of day, 00:00 read as the end of the day. */
  private LocalTime endOfDay() {
    return untilMidnight() ? LocalTime.MAX : end;
  }

  @Override
  public String toString() {
    return start + "-" + end;
  }
}
