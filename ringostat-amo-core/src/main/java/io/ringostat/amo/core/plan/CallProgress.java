package io.ringostat.amo.core.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What was already done for one call: per effect key, the entities that effect created. The
 * decision reads it so that effects done on ANSWERED are not repeated on ENDED, and so that a
 * later event finds the entities an earlier one created without searching the CRM (amoCRM's
 * search can lag behind a create). The journal is its durable source.
 *
 * <p>Immutable; {@link #with} returns a copy.
 */
public final class CallProgress {
  private static final CallProgress EMPTY = new CallProgress(Map.of());

  private final Map<EffectKey, Map<EntityType, Long>> done;

  private CallProgress(Map<EffectKey, Map<EntityType, Long>> done) {
    this.done = done;
  }

  /** Nothing done yet. */
  public static CallProgress empty() {
    return EMPTY;
  }

  /** Progress from a map of done effects to what each created. */
  public static CallProgress of(Map<EffectKey, Map<EntityType, Long>> done) {
    Map<EffectKey, Map<EntityType, Long>> copy = new LinkedHashMap<>();
    done.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
    return new CallProgress(Collections.unmodifiableMap(copy));
  }

  /** A copy that also records {@code key} as done, having created {@code created}. */
  public CallProgress with(EffectKey key, Map<EntityType, Long> created) {
    Map<EffectKey, Map<EntityType, Long>> copy = new LinkedHashMap<>(done);
    copy.put(key, Map.copyOf(created));
    return new CallProgress(Collections.unmodifiableMap(copy));
  }

  public boolean isDone(EffectKey key) {
    return done.containsKey(key);
  }

  /** The entity of {@code type} that the done effect {@code key} created. */
  public Optional<Long> created(EffectKey key, EntityType type) {
    return Optional.ofNullable(done.getOrDefault(key, Map.of()).get(type));
  }

  /** The first entity of {@code type} any done effect of this call created. */
  public Optional<Long> createdByCall(EntityType type) {
    return done.values().stream().map(m -> m.get(type)).filter(java.util.Objects::nonNull)
        .findFirst();
  }

  /** True when no effect is done. */
  public boolean isEmpty() {
    return done.isEmpty();
  }

  /** The done effects and what each created, in the order they were recorded. */
  public Map<EffectKey, Map<EntityType, Long>> done() {
    return done;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CallProgress p && p.done.equals(done);
  }

  @Override
  public int hashCode() {
    return done.hashCode();
  }

  @Override
  public String toString() {
    return "CallProgress" + done;
  }
}
