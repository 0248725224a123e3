package io.ringostat.amo.json;

import io.ringostat.amo.core.settings.SettingsProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Shared test inputs and helpers. */
final class Fixtures {
  /** The smallest valid settings file. */
  static final String MINIMAL = """
      {"account": {"subdomain": "demo"}, "seniorManager": {"amoUserId": 504140}}
      """;

  private Fixtures() {}

  /** A settings file: {@link #MINIMAL} plus {@code members} (a JSON object body, no braces). */
  static String settingsWith(String members) {
    return "{\"account\": {\"subdomain\": \"demo\"}, \"seniorManager\": {\"amoUserId\": 504140},\n"
        + members + "}";
  }

  static List<String> paths(List<SettingsProblem> problems) {
    return problems.stream().map(SettingsProblem::path).toList();
  }

  static SettingsProblem problemAt(SettingsReport report, String path) {
    return report.problems().stream().filter(p -> p.path().equals(path)).findFirst()
        .orElseThrow(() -> new AssertionError("no problem at " + path + " in " + report));
  }

  /** A file of the repository, found from the module's directory or the root. */
  static Path repoFile(String relative) {
    Path here = Path.of("").toAbsolutePath();
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(relative);
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(relative + " not found above " + here);
  }
}
