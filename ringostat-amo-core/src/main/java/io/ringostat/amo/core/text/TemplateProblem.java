package io.ringostat.amo.core.text;

import java.util.Objects;

/**
 * One problem in custom message templates: where (a path relative to the templates map, such as
 * {@code ru.task-missed-call}) and what is wrong. The settings validator reports it as a {@code
 * SettingsProblem} error under its own prefix (this package does not depend on settings, so that
 * settings can depend on it).
 */
public record TemplateProblem(String path, String reason) {
  public TemplateProblem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return path + ": " + reason;
  }
}
