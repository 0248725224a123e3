package io.ringostat.amo.core.plan;

/**
 * Points at the amoCRM entity an effect works on: one that already exists, or one that an earlier
 * effect of the same plan creates (resolved by the executor once that effect is done).
 */
public sealed interface EntityRef {
  EntityType type();

  /** An entity that exists in amoCRM with {@code id}. */
  static EntityRef existing(EntityType type, long id) {
    return new Existing(type, id);
  }

  /** The entity of {@code type} that the effect with {@code key} creates. */
  static EntityRef createdBy(EntityType type, EffectKey key) {
    return new Pending(type, key);
  }

  /** An entity that exists in amoCRM. */
  record Existing(EntityType type, long id) implements EntityRef {
    @Override
    public String toString() {
      return type.name().toLowerCase(java.util.Locale.ROOT) + " #" + id;
    }
  }

  /** An entity created by an earlier effect of the same plan. */
  record Pending(EntityType type, EffectKey createdBy) implements EntityRef {
    @Override
    public String toString() {
      return "new " + type.name().toLowerCase(java.util.Locale.ROOT) + " (from " + createdBy.kind()
          + ")";
    }
  }
}
