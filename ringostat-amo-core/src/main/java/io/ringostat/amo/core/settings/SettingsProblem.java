package io.ringostat.amo.core.settings;

/**
 * One problem found in settings: where (a JSON-style path such as {@code
 * pipelineRules[1].statusId}), what is wrong, and whether it stops the integration.
 */
public record SettingsProblem(String path, String reason, Severity severity) {
  /** How bad a problem is. */
  public enum Severity {
    /** Calls would fail: the settings are rejected, or activation refuses to go ACTIVE. */
    ERROR,
    /** Worth fixing; calls still work. */
    WARNING
  }

  public static SettingsProblem error(String path, String reason) {
    return new SettingsProblem(path, reason, Severity.ERROR);
  }

  public static SettingsProblem warning(String path, String reason) {
    return new SettingsProblem(path, reason, Severity.WARNING);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return severity + " " + path + ": " + reason;
  }
}
