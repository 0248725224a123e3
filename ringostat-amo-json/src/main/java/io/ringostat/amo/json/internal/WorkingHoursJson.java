package io.ringostat.amo.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringostat.amo.core.hours.ScheduleProblem;
import io.ringostat.amo.core.hours.Schedules;
import io.ringostat.amo.core.hours.WorkInterval;
import io.ringostat.amo.core.hours.WorkingHours;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads and writes the {@code workingHours} setting (R-HOURS): a week of intervals per day,
 * holidays as dates, and employees' own schedules by amoCRM user id. Every problem is reported at
 * its path ({@code workingHours.week.MONDAY[1]}, {@code workingHours.holidays[0]}, {@code
 * workingHours.employees.504142.week}).
 */
public final class WorkingHoursJson {
  static final List<String> KEYS = List.of("week", "holidays", "employees");
  static final List<String> EMPLOYEE_KEYS = List.of("week", "holidays");
  private static final List<String> DAYS = Stream.concat(Stream.of("WEEKDAYS"),
      Stream.of(DayOfWeek.values()).map(Enum::name)).toList();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private WorkingHoursJson() {}

  /**
   * The schedules at {@code path}, in {@code zone} (the settings read them in the account's zone
   * anyway); empty when they have problems (all reported).
   */
  public static Optional<Schedules> read(JsonNode node, String path, ZoneId zone,
      Problems problems) {
    Optional<ObjectView> view = ObjectView.of(node, path, problems, KEYS);
    if (view.isEmpty()) {
      return Optional.empty();
    }
    int before = problems.count();
    ObjectView v = view.get();
    Optional<WorkingHours> account = hours(v, zone, problems);
    Map<Long, WorkingHours> employees = new LinkedHashMap<>();
    v.value("employees").flatMap(e -> ObjectView.map(e, v.path("employees"), problems))
        .ifPresent(e -> {
          for (Map.Entry<String, JsonNode> entry : e.entries()) {
            String at = e.path(entry.getKey());
            Optional<Long> user = userId(entry.getKey(), at, problems);
            ObjectView.of(entry.getValue(), at, problems, EMPLOYEE_KEYS)
                .flatMap(x -> hours(x, zone, problems))
                .ifPresent(h -> user.ifPresent(u -> employees.put(u, h)));
          }
        });
    if (problems.count() != before || account.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Schedules(account.get(), employees));
  }

  private static Optional<Long> userId(String key, String at, Problems problems) {
    try {
      long id = Long.parseLong(key.trim());
      if (id > 0) {
        return Optional.of(id);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(at, "employees' schedules are keyed by amoCRM user id, e.g. \"504142\"; got "
        + Redaction.quote(key));
    return Optional.empty();
  }

  private static Optional<WorkingHours> hours(ObjectView v, ZoneId zone, Problems problems) {
    int before = problems.count();
    if (!v.has("week")) {
      v.missing("week", "working intervals per day, e.g. {\"WEEKDAYS\": [\"09:00-18:00\"]}");
    }
    Map<DayOfWeek, List<WorkInterval>> week = new EnumMap<>(DayOfWeek.class);
    v.object("week", DAYS).ifPresent(w -> {
      for (String day : DAYS) {
        Optional<List<String>> intervals = w.strings(day, 32);
        if (intervals.isEmpty()) {
          continue;
        }
        for (int i = 0; i < intervals.get().size(); i++) {
          String at = Paths.index(w.path(day), i);
          try {
            WorkInterval interval = WorkInterval.parse(intervals.get().get(i));
            for (DayOfWeek d : days(day)) {
              week.computeIfAbsent(d, x -> new ArrayList<>()).add(interval);
            }
          } catch (IllegalArgumentException e) {
            problems.add(at, Redaction.quote(intervals.get().get(i)) + " is not an interval:"
                + " use start-end in local time, e.g. \"09:00-18:00\" (\"00:00\" as an end is"
                + " midnight)");
          }
        }
      }
    });
    TreeSet<LocalDate> holidays = new TreeSet<>();
    v.strings("holidays", 10).ifPresent(list -> {
      for (int i = 0; i < list.size(); i++) {
        try {
          holidays.add(LocalDate.parse(list.get(i).trim()));
        } catch (DateTimeParseException e) {
          problems.add(Paths.index(v.path("holidays"), i), Redaction.quote(list.get(i))
              + " is not a date: use YYYY-MM-DD, e.g. \"2026-08-24\"");
        }
      }
    });
    if (problems.count() != before) {
      return Optional.empty();
    }
    List<ScheduleProblem> scheduleProblems = WorkingHours.problems(week);
    for (ScheduleProblem p : scheduleProblems) {
      problems.add(Paths.key(v.path(), p.path()), p.reason());
    }
    if (!scheduleProblems.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new WorkingHours(zone, week, holidays));
  }

  private static List<DayOfWeek> days(String key) {
    if (key.equals("WEEKDAYS")) {
      return List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
          DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
    }
    return List.of(DayOfWeek.valueOf(key));
  }

  /** {@code s} as written in settings: every working day, then holidays and employees. */
  public static ObjectNode write(Schedules s) {
    ObjectNode out = hours(s.account());
    if (!s.employees().isEmpty()) {
      ObjectNode employees = out.putObject("employees");
      s.employees().forEach((user, h) -> employees.set(Long.toString(user), hours(h)));
    }
    return out;
  }

  private static ObjectNode hours(WorkingHours h) {
    ObjectNode out = F.objectNode();
    ObjectNode week = out.putObject("week");
    h.week().forEach((day, intervals) -> {
      if (!intervals.isEmpty()) {
        ArrayNode a = week.putArray(day.name());
        intervals.forEach(i -> a.add(i.toString()));
      }
    });
    if (!h.holidays().isEmpty()) {
      ArrayNode a = out.putArray("holidays");
      h.holidays().forEach(d -> a.add(d.toString()));
    }
    return out;
  }
}
