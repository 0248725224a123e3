package io.ringostat.amo.core.spi;

import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EntityType;
import java.util.Map;

/** What happened to one effect of an executed plan. */
public sealed interface EffectResult {
  EffectKey key();

  /**
   * The effect is done; {@code created} holds the ids of the entities it created (empty for
   * records and tasks when no id is needed). {@code reconciled} is true when the executor found
   * the effect already carried out in the CRM (after an unknown outcome) instead of repeating it.
   */
  record Done(EffectKey key, Map<EntityType, Long> created, boolean reconciled)
      implements EffectResult {
    public Done {
      created = Map.copyOf(created);
    }

    public static Done of(EffectKey key, Map<EntityType, Long> created) {
      return new Done(key, created, false);
    }
  }

  /** The effect failed with {@code error}. */
  record Failed(EffectKey key, CrmException error) implements EffectResult {}

  /** The effect was not attempted: an effect it depends on failed, or execution stopped. */
  record Skipped(EffectKey key, String reason) implements EffectResult {}
}
