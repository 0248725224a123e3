package io.ringostat.amo.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringostat.amo.core.matrix.Assignee;
import io.ringostat.amo.core.matrix.DealPolicy;
import io.ringostat.amo.core.matrix.DecisionMatrix;
import io.ringostat.amo.core.matrix.ResponsibleLeg;
import io.ringostat.amo.core.matrix.MatrixCell;
import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.matrix.RecordTarget;
import io.ringostat.amo.core.matrix.Scenario;
import io.ringostat.amo.core.matrix.TaskRule;
import io.ringostat.amo.core.matrix.Timing;
import io.ringostat.amo.core.model.CallDirection;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the {@code matrix} setting (R-MATRIX): a preset name, or an object that copies a preset
 * ({@code basedOn}) and overrides only the cell keys it names, or gives every cell itself.
 */
public final class MatrixReader {
  /** Keys of the matrix object. */
  public static final List<String> MATRIX_KEYS =
      List.of("basedOn", "name", "cells", "unknownEndpointTask", "completeCallbackTasks",
          "outsideHours", "responsibleLeg");

  /** Keys of a cell. */
  public static final List<String> CELL_KEYS = List.of("createContact", "deal", "createUnsorted",
      "createOn", "recordCall", "task", "assignee", "updateTracking");

  /** Keys of a task rule. */
  public static final List<String> TASK_KEYS = List.of("assignee", "template");

  /** The name of a matrix object without {@code name}. */
  public static final String DEFAULT_NAME = "custom";

  private static final List<String> SCENARIOS =
      Stream.of(Scenario.values()).map(Enum::name).toList();
  private static final String PRESET_NAMES =
      MatrixPresets.ALL.stream().map(DecisionMatrix::name).collect(Collectors.joining(", "));

  private final Problems problems;

  private MatrixReader(Problems problems) {
    this.problems = problems;
  }

  /** The matrix at {@code path}; empty when it has problems (all reported). */
  public static Optional<DecisionMatrix> read(JsonNode node, String path, Problems problems) {
    return new MatrixReader(problems).matrix(node, path);
  }

  private Optional<DecisionMatrix> matrix(JsonNode node, String path) {
    if (node.isTextual()) {
      return preset(node.textValue(), path);
    }
    if (!node.isObject()) {
      problems.add(path, "expected a preset name (" + PRESET_NAMES + ") or a matrix object,"
          + " got " + ObjectView.describe(node));
      return Optional.empty();
    }
    int before = problems.count();
    Optional<ObjectView> view = ObjectView.of(node, path, problems, MATRIX_KEYS);
    if (view.isEmpty()) {
      return Optional.empty();
    }
    ObjectView m = view.get();
    Optional<DecisionMatrix> base = Optional.empty();
    if (m.has("basedOn")) {
      Optional<String> name = m.string("basedOn", 64);
      if (name.isEmpty()) {
        return Optional.empty();
      }
      base = preset(name.get(), m.path("basedOn"));
      if (base.isEmpty()) {
        return Optional.empty();
      }
    }
    String name = m.string("name", 128).orElse(DEFAULT_NAME);
    Map<Scenario, MatrixCell> cells = cells(m, base);
    Optional<TaskRule> unknownEndpoint = base.flatMap(DecisionMatrix::unknownEndpointTask);
    if (m.isNull("unknownEndpointTask")) {
      unknownEndpoint = Optional.empty();
    } else if (m.has("unknownEndpointTask")) {
      unknownEndpoint = task(m.value("unknownEndpointTask").get(), m.path("unknownEndpointTask"));
    }
    boolean completeCallbacks = m.bool("completeCallbackTasks")
        .orElse(base.map(DecisionMatrix::completeCallbackTasks).orElse(false));
    Map<Scenario, MatrixCell> night = outsideHours(m, base, cells);
    ResponsibleLeg responsibleLeg = m.enumValue("responsibleLeg", ResponsibleLeg.class)
        .orElse(base.map(DecisionMatrix::responsibleLeg).orElse(ResponsibleLeg.FIRST));
    if (problems.count() != before || cells.size() != Scenario.values().length) {
      return Optional.empty();
    }
    try {
      return Optional.of(DecisionMatrix.builder().name(name).cells(cells)
          .unknownEndpointTask(unknownEndpoint).completeCallbackTasks(completeCallbacks)
          .outsideHours(night).responsibleLeg(responsibleLeg).build());
    } catch (IllegalStateException | IllegalArgumentException e) {
      BuilderFailures.report(e, path, problems);
      return Optional.empty();
    }
  }

  private Optional<DecisionMatrix> preset(String name, String path) {
    Optional<DecisionMatrix> p = MatrixPresets.byName(name.trim());
    if (p.isEmpty()) {
      problems.add(path, Redaction.quote(name) + " is not a preset; use one of " + PRESET_NAMES
          + ", or a matrix object (see docs/settings.md)");
    }
    return p;
  }

  private Map<Scenario, MatrixCell> cells(ObjectView m, Optional<DecisionMatrix> base) {
    Map<Scenario, MatrixCell> out = new EnumMap<>(Scenario.class);
    Optional<ObjectView> given = Optional.empty();
    if (m.isNull("cells")) {
      problems.add(m.path("cells"), "expected an object {...} of cells by scenario, got null");
      return out;
    }
    if (m.has("cells")) {
      given = m.object("cells", SCENARIOS);
      if (given.isEmpty()) {
        return out;
      }
    }
    List<String> missing = new ArrayList<>();
    for (Scenario s : Scenario.values()) {
      Optional<MatrixCell> baseCell = base.map(b -> b.cell(s));
      if (given.isPresent() && given.get().has(s.name())) {
        cell(given.get(), s, baseCell.orElse(MatrixCell.NOTHING)).ifPresent(c -> out.put(s, c));
      } else if (given.isPresent() && given.get().isNull(s.name())) {
        problems.add(given.get().path(s.name()), "expected a cell object {...}, got null");
      } else if (baseCell.isPresent()) {
        out.put(s, baseCell.get());
      } else {
        missing.add(s.name());
      }
    }
    if (!missing.isEmpty()) {
      problems.add(m.path("cells"), "without \"basedOn\" every scenario needs a cell; missing "
          + String.join(", ", missing) + " (or add \"basedOn\": \"RECOMMENDED\" to copy a preset)");
    }
    return out;
  }

  /**
   * R-HOURS: {@code "outsideHours": {"INBOUND_MISSED_NEW": {...}}}: each cell starts from the
   * scenario's ordinary cell and overrides the keys it names; the basis's own outsideHours cells
   * are kept unless named.
   */
  private Map<Scenario, MatrixCell> outsideHours(ObjectView m, Optional<DecisionMatrix> base,
      Map<Scenario, MatrixCell> cells) {
    Map<Scenario, MatrixCell> out = new EnumMap<>(Scenario.class);
    base.ifPresent(b -> out.putAll(b.outsideHours()));
    if (m.isNull("outsideHours")) {
      out.clear();
      return out;
    }
    Optional<ObjectView> given = m.object("outsideHours", SCENARIOS);
    if (given.isEmpty()) {
      return out;
    }
    for (Scenario s : Scenario.values()) {
      if (given.get().isNull(s.name())) {
        out.remove(s);
      } else if (given.get().has(s.name())) {
        MatrixCell day = cells.getOrDefault(s, MatrixCell.NOTHING);
        cell(given.get(), s, day).ifPresent(c -> out.put(s, c));
      }
    }
    return out;
  }

  private Optional<MatrixCell> cell(ObjectView cells, Scenario scenario, MatrixCell base) {
    Optional<ObjectView> view = cells.object(scenario.name(), CELL_KEYS);
    if (view.isEmpty()) {
      return Optional.empty();
    }
    ObjectView c = view.get();
    MatrixCell.Builder b = MatrixCell.builder().from(base);
    c.bool("createContact").ifPresent(b::createContact);
    c.enumValue("deal", DealPolicy.class).ifPresent(b::deal);
    Optional<Boolean> unsorted = c.bool("createUnsorted");
    unsorted.ifPresent(b::createUnsorted);
    c.enumValue("createOn", Timing.class).ifPresent(b::createOn);
    c.enumValue("recordCall", RecordTarget.class).ifPresent(b::recordCall);
    c.enumValue("assignee", Assignee.class).ifPresent(b::assignee);
    c.bool("updateTracking").ifPresent(b::updateTracking);
    if (c.isNull("task")) {
      b.task(Optional.empty());
    } else if (c.has("task")) {
      task(c.value("task").get(), c.path("task")).ifPresent(b::task);
    }
    if (unsorted.orElse(false)
        && (scenario.direction() == CallDirection.OUTBOUND || scenario.existingClient())) {
      problems.add(c.path("createUnsorted"),
          "unsorted requests are only for inbound calls from new clients; set it false here");
    }
    return Optional.of(b.build());
  }

  private Optional<TaskRule> task(JsonNode node, String path) {
    Optional<ObjectView> view = ObjectView.of(node, path, problems, TASK_KEYS);
    if (view.isEmpty()) {
      return Optional.empty();
    }
    ObjectView t = view.get();
    Optional<Assignee> assignee = t.has("assignee")
        ? t.enumValue("assignee", Assignee.class)
        : missing(t, "assignee", "ANSWERING_EMPLOYEE, RESPONSIBLE or SENIOR_MANAGER");
    Optional<String> template = t.requiredString("template", 128,
        "the name of a task template, e.g. \"missed-call\"");
    if (template.isPresent() && template.get().isBlank()) {
      problems.add(t.path("template"), "must name a task template, e.g. \"missed-call\"");
      return Optional.empty();
    }
    if (assignee.isEmpty() || template.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TaskRule(assignee.get(), template.get()));
  }

  private static <T> Optional<T> missing(ObjectView v, String key, String what) {
    v.missing(key, what);
    return Optional.empty();
  }
}
