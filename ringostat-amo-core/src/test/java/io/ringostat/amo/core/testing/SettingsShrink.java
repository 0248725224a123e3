package io.ringostat.amo.core.testing;

import io.ringostat.amo.core.matrix.DecisionMatrix;
import io.ringostat.amo.core.matrix.MatrixCell;
import io.ringostat.amo.core.matrix.Scenario;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.settings.FieldMapping;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.PipelineRule;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Simplifies {@link Generators#settings}: fewer employees (the employees directory keeps the
 * ones a value still names, and at least one), no or fewer pipeline rules and field mappings, no
 * tags, no default pipeline, the default task and name templates, no popup, no update-only retry.
 * The country, account, pipelines, senior manager and matrix stay: properties fix them ({@link
 * #matrices()} simplifies the matrix where the generator draws any).
 */
public final class SettingsShrink {
  private SettingsShrink() {}

  /** Settings that keep every employee whose amoCRM user is in {@code users}. */
  public static Shrink<IntegrationSettings> keeping(Set<Long> users) {
    Shrink<IntegrationSettings> employees = s -> fewerEmployees(s, users);
    return employees
        .or(Shrink.part(IntegrationSettings::pipelineRules,
            Shrink.list(Shrink.<PipelineRule>none()),
            (s, rules) -> build(s, b -> b.pipelineRules(rules))))
        .or(Shrink.part(IntegrationSettings::fieldMappings,
            Shrink.list(Shrink.<FieldMapping>none()),
            (s, mappings) -> build(s, b -> b.fieldMappings(mappings))))
        .or(Shrink.steps(
            s -> build(s, b -> b.tags(List.of())),
            s -> build(s, b -> b.defaultPipeline(Optional.empty())),
            s -> build(s, b -> b.taskTemplates(defaults(s).taskTemplates())),
            s -> build(s, b -> b.contactNameTemplate(defaults(s).contactNameTemplate())
                .dealNameTemplate(defaults(s).dealNameTemplate())),
            s -> build(s, b -> b.callPopup(false)),
            s -> build(s, b -> b.updateOnlyRetryDelay(Optional.empty()))));
  }

  /**
   * Simpler matrices, for values whose generator draws any matrix ({@link Generators#settings()}):
   * one cell at a time does nothing, no task for unknown endpoints. A shrunk example then shows
   * only the cells it needs.
   */
  public static Shrink<IntegrationSettings> matrices() {
    Shrink<IntegrationSettings> cells = s -> Stream.of(Scenario.values())
        .filter(scenario -> !s.matrix().cell(scenario).equals(MatrixCell.NOTHING))
        .flatMap(scenario -> Shrink.attempt(() -> build(s, b -> b.matrix(
            s.matrix().withCell(scenario, MatrixCell.NOTHING)))).stream());
    return cells.or(Shrink.steps(s -> build(s, b -> b.matrix(DecisionMatrix.builder()
        .from(s.matrix()).unknownEndpointTask(Optional.empty()).build()))));
  }

  private static Stream<IntegrationSettings> fewerEmployees(IntegrationSettings s,
      Set<Long> users) {
    List<Employee> removable = s.employees().stream()
        .filter(e -> !users.contains(e.amoUserId())).toList();
    int needed = s.employees().size() - removable.size();
    return Shrink.list(Shrink.<Employee>none(), needed == 0 ? 1 : 0).candidates(removable)
        .map(kept -> s.employees().stream()
            .filter(e -> users.contains(e.amoUserId()) || kept.contains(e)).toList())
        .flatMap(list -> Shrink.attempt(() -> build(s, b -> b.employees(list))).stream());
  }

  private static IntegrationSettings build(IntegrationSettings s,
      UnaryOperator<IntegrationSettings.Builder> change) {
    return change.apply(IntegrationSettings.builder().from(s)).build();
  }

  /** Settings with only what {@code s} must have: every other value is the default. */
  private static IntegrationSettings defaults(IntegrationSettings s) {
    return IntegrationSettings.builder().account(s.account())
        .seniorManagerUserId(s.seniorManagerUserId()).build();
  }
}
