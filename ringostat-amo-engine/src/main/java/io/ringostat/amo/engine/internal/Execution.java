package io.ringostat.amo.engine.internal;

import io.ringostat.amo.core.spi.CrmException;
import java.util.List;
import java.util.Optional;

/** The results of one execution of a plan, one per effect in plan order. Immutable. */
record Execution(List<StepResult> results) {
  Execution {
    results = List.copyOf(results);
  }

  /** The effects done, in plan order. */
  List<StepResult.Done> done() {
    return results.stream().filter(StepResult.Done.class::isInstance)
        .map(StepResult.Done.class::cast).toList();
  }

  /** True when every effect is done. */
  boolean isComplete() {
    return results.stream().allMatch(StepResult.Done.class::isInstance);
  }

  /** The error of the first failed effect, if any failed. */
  Optional<CrmException> firstError() {
    return results.stream().filter(StepResult.Failed.class::isInstance)
        .map(r -> ((StepResult.Failed) r).error()).findFirst();
  }
}
