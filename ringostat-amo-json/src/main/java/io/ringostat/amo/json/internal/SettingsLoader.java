package io.ringostat.amo.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.InvalidSettingsException;
import io.ringostat.amo.core.settings.SettingsProblem;
import io.ringostat.amo.core.settings.SettingsValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the three stages of loading settings (R-IN-3): parse (syntax and limits), read (structure:
 * keys, types, enums, durations), then build and validate with the core's {@link
 * SettingsValidator}. A stage runs only when the previous one found nothing, so a problem is never
 * reported twice; within a stage every problem is reported.
 */
public final class SettingsLoader {
  /** Settings files larger than this are refused before parsing. */
  public static final int MAX_BYTES = 1 << 20;

  private static final int MAX_PROBLEMS = 500;

  private SettingsLoader() {}

  /** The outcome of loading {@code json}: the settings when valid, and every problem found. */
  public record Outcome(Optional<IntegrationSettings> settings, List<SettingsProblem> problems) {}

  public static Outcome load(String json) {
    Problems problems = new Problems(MAX_PROBLEMS);
    Optional<JsonNode> root = JsonInput.SETTINGS.parse(json, problems);
    Optional<IntegrationSettings.Builder> builder =
        root.flatMap(r -> SettingsReader.read(r, problems));
    if (builder.isEmpty()) {
      return failed(problems);
    }
    IntegrationSettings settings;
    try {
      settings = builder.get().build();
    } catch (InvalidSettingsException e) {
      return new Outcome(Optional.empty(), remap(e.problems(), root.get()));
    } catch (IllegalStateException | IllegalArgumentException e) {
      BuilderFailures.report(e, Paths.ROOT, problems);
      return failed(problems);
    }
    List<SettingsProblem> found = remap(SettingsValidator.validate(settings), root.get());
    boolean errors = found.stream().anyMatch(SettingsProblem::isError);
    return new Outcome(errors ? Optional.empty() : Optional.of(settings), found);
  }

  /** A problem that stops loading before parsing, e.g. a file that is too large. */
  public static Outcome refused(String reason) {
    return new Outcome(Optional.empty(), List.of(SettingsProblem.error(Paths.ROOT, reason)));
  }

  private static Outcome failed(Problems problems) {
    List<SettingsProblem> out = new ArrayList<>();
    problems.list().forEach(p -> out.add(SettingsProblem.error(p.path(), p.reason())));
    return new Outcome(Optional.empty(), List.copyOf(out));
  }

  /** The core names the senior manager {@code seniorManagerUserId}; the file says it otherwise. */
  private static List<SettingsProblem> remap(List<SettingsProblem> problems, JsonNode root) {
    String senior = root.path("seniorManager").has("employee")
        ? "seniorManager.employee" : "seniorManager.amoUserId";
    return problems.stream()
        .map(p -> p.path().equals("seniorManagerUserId")
            ? new SettingsProblem(senior, p.reason(), p.severity()) : p)
        .toList();
  }
}
