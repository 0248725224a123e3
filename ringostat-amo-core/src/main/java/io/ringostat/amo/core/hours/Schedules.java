package io.ringostat.amo.core.hours;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The account's working hours and, optionally, employees' own (R-HOURS): an employee (by amoCRM
 * user id) without a schedule of their own works the account's hours. Immutable and thread-safe.
 *
 * @param account the office's schedule
 * @param employees schedules by amoCRM user id, for employees whose hours differ
 */
public record Schedules(WorkingHours account, Map<Long, WorkingHours> employees) {
  public Schedules {
    Objects.requireNonNull(account, "account");
    employees = Collections.unmodifiableMap(new LinkedHashMap<>(employees));
    employees.forEach((k, v) -> Objects.requireNonNull(v, "employees." + k));
  }

  /** Only the account's schedule. */
  public static Schedules of(WorkingHours account) {
    return new Schedules(account, Map.of());
  }

  /** These schedules read in {@code zone} (see {@link WorkingHours#withZone}). */
  public Schedules withZone(java.time.ZoneId zone) {
    Map<Long, WorkingHours> own = new LinkedHashMap<>();
    employees.forEach((user, hours) -> own.put(user, hours.withZone(zone)));
    return new Schedules(account.withZone(zone), own);
  }

  /** The schedule of the employee with amoCRM user id {@code amoUserId}. */
  public WorkingHours forUser(long amoUserId) {
    return employees.getOrDefault(amoUserId, account);
  }
}
