package io.ringostat.amo.core.hours;

import java.util.Objects;

/**
 * One problem in a working-hours schedule: where (a path relative to the schedule, such as {@code
 * week.MONDAY[1]}) and what is wrong. The settings validator reports it as a {@code
 * SettingsProblem} error under its own prefix (this package does not depend on settings, so that
 * settings can depend on it).
 */
public record ScheduleProblem(String path, String reason) {
  public ScheduleProblem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return path + ": " + reason;
  }
}
