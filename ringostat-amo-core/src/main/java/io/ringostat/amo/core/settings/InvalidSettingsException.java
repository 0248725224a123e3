package io.ringostat.amo.core.settings;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when settings are invalid. {@link #problems()} lists every problem at once, each with its
 * path and reason, so that a user fixes them in one pass; nothing is half-applied.
 */
public final class InvalidSettingsException extends IllegalArgumentException {
  private final List<SettingsProblem> problems;

  public InvalidSettingsException(List<SettingsProblem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, errors first. */
  public List<SettingsProblem> problems() {
    return problems;
  }

  private static String message(List<SettingsProblem> problems) {
    return problems.size() + " problem(s) in settings:\n"
        + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
  }
}
