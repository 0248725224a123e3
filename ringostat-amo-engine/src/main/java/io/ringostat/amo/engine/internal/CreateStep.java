package io.ringostat.amo.engine.internal;

import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EntityType;
import java.util.List;
import java.util.Map;

/**
 * How one kind of create is sent to amoCRM and how the CRM is checked for what a lost one may have
 * made. Never throws: a failed request is an {@link Answer.Err}.
 *
 * @param <E> the kind of effect
 */
interface CreateStep<E extends Effect> {
  /**
   * Sends {@code effects} in one request; per effect key, the ids it created (an empty map for
   * effects that create nothing addressable).
   */
  Answer<Map<EffectKey, Map<EntityType, Long>>> send(List<E> effects);

  /** Looks for what {@code effects} may already have made; found effects only. */
  Answer<Map<EffectKey, Map<EntityType, Long>>> check(List<E> effects);
}
