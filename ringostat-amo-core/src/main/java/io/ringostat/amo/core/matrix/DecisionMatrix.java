package io.ringostat.amo.core.matrix;

import io.ringostat.amo.core.model.CallDirection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * The decision matrix (R-MATRIX): one {@link MatrixCell} per {@link Scenario}, plus the task for
 * calls answered on an endpoint that belongs to no employee. The presets {@link
 * MatrixPresets#RECOMMENDED}, {@link MatrixPresets#UPDATE_ONLY} and {@link MatrixPresets#UNSORTED}
 * are plain values: copy one with {@link #withCell} and change what you need.
 *
 * <p>Immutable and thread-safe. The builder rejects a matrix that misses a scenario or creates
 * unsorted requests for outbound or existing-client scenarios.
 */
@Value.Immutable
public interface DecisionMatrix {
  /** A name for explanations and logs, e.g. "RECOMMENDED" or "my-matrix". */
  String name();

  /** One cell per scenario; every scenario must be present. */
  Map<Scenario, MatrixCell> cells();

  /**
   * The task for a call answered on an endpoint that belongs to no employee (the seed's "call
   * answered by an unknown number"); empty to create none.
   */
  Optional<TaskRule> unknownEndpointTask();

  /**
   * R-LIFE: a later answered call with the client (inbound or outbound, by anyone) completes the
   * open call-back task the SDK created for them, with a result text naming that call. Off unless
   * set; on in {@link MatrixPresets#RECOMMENDED}.
   */
  @Value.Default
  default boolean completeCallbackTasks() {
    return false;
  }

  /**
   * R-HOURS: cells for calls that start outside the account's working hours (settings {@code
   * workingHours}), by scenario; a scenario left out uses its ordinary cell. Empty unless set
   * (see {@link MatrixPresets#withNightQueue}). Without working hours in the settings no call is
   * outside them and these cells never apply.
   */
  Map<Scenario, MatrixCell> outsideHours();

  DecisionMatrix withOutsideHours(Map<Scenario, ? extends MatrixCell> value);

  DecisionMatrix withCompleteCallbackTasks(boolean value);

  /**
   * R-LIFE: on a call with several legs (a transfer), whose leg makes the employee responsible for
   * what the call creates. {@link ResponsibleLeg#FIRST} unless set.
   */
  @Value.Default
  default ResponsibleLeg responsibleLeg() {
    return ResponsibleLeg.FIRST;
  }

  DecisionMatrix withResponsibleLeg(ResponsibleLeg value);

  DecisionMatrix withName(String value);

  DecisionMatrix withUnknownEndpointTask(Optional<? extends TaskRule> value);

  /** The cell of {@code scenario}. */
  default MatrixCell cell(Scenario scenario) {
    return cells().get(scenario);
  }

  /**
   * The cell of {@code scenario} for a call that starts inside working hours or, when {@code
   * outsideWorkingHours}, the {@link #outsideHours()} cell if the matrix has one.
   */
  default MatrixCell cell(Scenario scenario, boolean outsideWorkingHours) {
    MatrixCell night = outsideWorkingHours ? outsideHours().get(scenario) : null;
    return night != null ? night : cells().get(scenario);
  }

  /** Every cell that can decide a call of {@code scenario}: the ordinary one, then the night's. */
  default java.util.List<MatrixCell> cellsOf(Scenario scenario) {
    MatrixCell night = outsideHours().get(scenario);
    return night == null ? java.util.List.of(cell(scenario))
        : java.util.List.of(cell(scenario), night);
  }

  /** A copy with {@code scenario}'s cell replaced. */
  default DecisionMatrix withCell(Scenario scenario, MatrixCell cell) {
    return builder().from(this).putCell(scenario, cell).build();
  }

  @Value.Check
  default void check() {
    Set<Scenario> missing = EnumSet.allOf(Scenario.class);
    missing.removeAll(cells().keySet());
    if (!missing.isEmpty()) {
      throw new IllegalStateException("matrix.cells: no cell for " + missing);
    }
    checkUnsorted("cells", cells());
    checkUnsorted("outsideHours", outsideHours());
  }

  private static void checkUnsorted(String path, Map<Scenario, MatrixCell> cells) {
    for (Map.Entry<Scenario, MatrixCell> e : cells.entrySet()) {
      Scenario s = e.getKey();
      if (e.getValue().createUnsorted()
          && (s.direction() == CallDirection.OUTBOUND || s.existingClient())) {
        throw new IllegalStateException("matrix." + path + "." + s
            + ".createUnsorted: unsorted requests are only for inbound calls from new clients");
      }
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds {@link DecisionMatrix} values. */
  class Builder extends ImmutableDecisionMatrix.Builder {}
}
