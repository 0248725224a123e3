package io.ringostat.amo.engine.internal;

import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.spi.CrmException;
import java.util.Map;

/** What became of one effect of a plan in one execution. */
sealed interface StepResult {
  EffectKey key();

  /**
   * Carried out (or found already carried out: {@code reconciled}); {@code created} holds the ids
   * of the entities it made.
   */
  record Done(EffectKey key, Map<EntityType, Long> created, boolean reconciled)
      implements StepResult {
    public Done {
      created = Map.copyOf(created);
    }
  }

  /** Attempted and failed with {@code error}. */
  record Failed(EffectKey key, CrmException error) implements StepResult {}

  /** Not attempted, because of {@code reason} (a failed dependency, a stopped integration). */
  record Skipped(EffectKey key, String reason) implements StepResult {}
}
