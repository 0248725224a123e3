package io.ringostat.amo.core.spi;

import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EntityType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of executing a plan: one {@link EffectResult} per effect, in plan order, and the
 * number of HTTP requests it took.
 */
public record ExecutionReport(List<EffectResult> results, int requests) {
  public ExecutionReport {
    results = List.copyOf(results);
  }

  /** True when every effect is done. */
  public boolean isComplete() {
    return results.stream().allMatch(r -> r instanceof EffectResult.Done);
  }

  public List<EffectResult.Failed> failures() {
    return results.stream().filter(EffectResult.Failed.class::isInstance)
        .map(EffectResult.Failed.class::cast).toList();
  }

  public List<EffectResult.Done> done() {
    return results.stream().filter(EffectResult.Done.class::isInstance)
        .map(EffectResult.Done.class::cast).toList();
  }

  /** The first failure's error, if any. */
  public Optional<CrmException> firstError() {
    return failures().stream().findFirst().map(EffectResult.Failed::error);
  }

  /** The ids the effect {@code key} created. */
  public Map<EntityType, Long> created(EffectKey key) {
    return done().stream().filter(d -> d.key().equals(key)).findFirst()
        .map(EffectResult.Done::created).orElse(Map.of());
  }
}
