package io.ringostat.amo.engine;

import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EntityType;
import java.util.List;
import java.util.Map;

/**
 * An effect the engine carried out for an event: what it created and links to the entities it
 * touched in the amoCRM web interface.
 *
 * @param reconciled true when the effect was found already done in the CRM (after an unknown
 *     outcome) instead of being repeated
 */
public record DoneEffect(
    EffectKey key, Map<EntityType, Long> created, List<String> links, boolean reconciled) {
  public DoneEffect {
    created = Map.copyOf(created);
    links = List.copyOf(links);
  }
}
