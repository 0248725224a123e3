package io.ringostat.amo.json;

import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.InvalidSettingsException;
import io.ringostat.amo.core.settings.SettingsProblem;
import java.util.List;
import java.util.Optional;

/**
 * The result of checking a settings file (R-IN-3): the settings when there is no error, and every
 * problem found, errors first, each with its JSON path and a reason that says how to fix it.
 * Warnings never stop loading; they point at settings that work but are probably not meant.
 *
 * <p>Immutable and thread-safe. Obtain one from {@link SettingsJson#check(String)} or {@link
 * SettingsJson#check(java.nio.file.Path)}.
 */
public final class SettingsReport {
  private final Optional<IntegrationSettings> settings;
  private final List<SettingsProblem> problems;

  SettingsReport(Optional<IntegrationSettings> settings, List<SettingsProblem> problems) {
    this.settings = settings;
    this.problems = List.copyOf(problems);
  }

  /** The settings; present exactly when there are no errors. */
  public Optional<IntegrationSettings> settings() {
    return settings;
  }

  /** Every problem, errors first, in document order within each severity. */
  public List<SettingsProblem> problems() {
    return problems;
  }

  /** The problems that stop loading. */
  public List<SettingsProblem> errors() {
    return problems.stream().filter(SettingsProblem::isError).toList();
  }

  /** The problems worth fixing that do not stop loading. */
  public List<SettingsProblem> warnings() {
    return problems.stream().filter(p -> !p.isError()).toList();
  }

  /** True when the settings loaded (there may still be warnings). */
  public boolean isValid() {
    return settings.isPresent();
  }

  /**
   * The settings.
   *
   * @throws InvalidSettingsException when there are errors; its {@code problems()} lists every
   *     problem of this report (errors and warnings), each with the path to fix
   */
  public IntegrationSettings orElseThrow() {
    return settings.orElseThrow(() -> new InvalidSettingsException(problems));
  }

  @Override
  public String toString() {
    return (isValid() ? "valid settings" : "invalid settings") + ", " + problems.size()
        + " problem(s)" + (problems.isEmpty() ? "" : ": " + problems);
  }
}
