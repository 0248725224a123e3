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
  private static final CallProgress EMPTY =
      new CallProgress(Map.of(), java.util.Set.of(), Map.of());

  private final Map<EffectKey, Map<EntityType, Long>> done;
  private final java.util.Set<EffectKey> uncertain;
  private final Map<EffectKey, WrittenRecord> records;

  private CallProgress(Map<EffectKey, Map<EntityType, Long>> done,
      java.util.Set<EffectKey> uncertain, Map<EffectKey, WrittenRecord> records) {
    this.done = done;
    this.uncertain = uncertain;
    this.records = records;
  }

  /** Nothing done yet. */
  public static CallProgress empty() {
    return EMPTY;
  }

  /** Progress from a map of done effects to what each created. */
  public static CallProgress of(Map<EffectKey, Map<EntityType, Long>> done) {
    Map<EffectKey, Map<EntityType, Long>> copy = new LinkedHashMap<>();
    done.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
    return new CallProgress(Collections.unmodifiableMap(copy), java.util.Set.of(), Map.of());
  }

  /**
   * A copy that also knows the call records the call wrote (R-LIFE), by the key of the {@code
   * RecordCall} effect that wrote each; an update of the call edits them.
   */
  public CallProgress withRecords(Map<EffectKey, WrittenRecord> written) {
    return new CallProgress(done, uncertain,
        Collections.unmodifiableMap(new LinkedHashMap<>(written)));
  }

  /** The call records this call wrote whose note ids are known, by their effect key. */
  public Map<EffectKey, WrittenRecord> records() {
    return records;
  }

  /**
   * A copy that also knows {@code keys} were sent without a known outcome (a lost response or a
   * crash). A call with an uncertain creation keeps the scenario of a new client: the entities the
   * CRM now shows may be its own, and are used rather than created again.
   */
  public CallProgress withUncertain(java.util.Set<EffectKey> keys) {
    java.util.Set<EffectKey> open = new java.util.LinkedHashSet<>(keys);
    open.removeAll(done.keySet());
    return new CallProgress(done, java.util.Set.copyOf(open), records);
  }

  /** Effects sent without a known outcome. */
  public java.util.Set<EffectKey> uncertain() {
    return uncertain;
  }

  /** True when an effect that creates an entity was sent without a known outcome. */
  public boolean hasUncertainCreation() {
    return !uncertain.isEmpty() && uncertain.stream().anyMatch(k -> k.kind().createsEntity());
  }

  /** A copy that also records {@code key} as done, having created {@code created}. */
  public CallProgress with(EffectKey key, Map<EntityType, Long> created) {
    Map<EffectKey, Map<EntityType, Long>> copy = new LinkedHashMap<>(done);
    copy.put(key, Map.copyOf(created));
    java.util.Set<EffectKey> open = new java.util.LinkedHashSet<>(uncertain);
    open.remove(key);
    return new CallProgress(Collections.unmodifiableMap(copy), java.util.Set.copyOf(open),
        records);
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
    if (done.isEmpty()) {
      return Optional.empty();
    }
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
    return o instanceof CallProgress p && p.done.equals(done) && p.uncertain.equals(uncertain)
        && p.records.equals(records);
  }

  @Override
  public int hashCode() {
    return (done.hashCode() * 31 + uncertain.hashCode()) * 31 + records.hashCode();
  }

  @Override
  public String toString() {
    return "CallProgress" + done + (uncertain.isEmpty() ? "" : " uncertain " + uncertain)
        + (records.isEmpty() ? "" : " records " + records);
  }
}
