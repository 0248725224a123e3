package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EffectVisitor;
import io.ringostat.amo.core.plan.EntityRef;
import io.ringostat.amo.core.plan.EntityType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Groups a plan's effects into requests, fewest first (R-LIMITS):
 *
 * <ul>
 *   <li>a {@code CreateContact} with a later {@code CreateDeal} of that contact: one {@code
 *       leads/complex};
 *   <li>every other create on its own (they produce ids that later effects need);
 *   <li>then, in order of first appearance: call records batched per entity type, all tasks in
 *       one batch, each field update, each popup.
 * </ul>
 *
 * <p>Batches are not split: amoCRM documents a cap only for {@code leads/complex} (50; the
 * official client advises at most 50 elsewhere, a hard cap is unconfirmed, reference §16.3), and a
 * plan for one call holds at most a few items of a kind.
 */
final class Units {
  /** What one request (plus its checks) carries out. */
  enum Kind { COMPLEX, CONTACT, DEAL, UNSORTED, NOTES, TASKS, UPDATE, NOTIFY }

  /** A group of effects sent together. */
  record Unit(Kind kind, List<Effect> effects, EntityType entityType) {
    Set<EffectKey> keys() {
      Set<EffectKey> out = new HashSet<>();
      effects.forEach(e -> out.add(e.key()));
      return out;
    }
  }

  private Units() {}

  static List<Unit> of(List<Effect> effects) {
    List<Unit> creates = new ArrayList<>();
    List<Unit> others = new ArrayList<>();
    Map<String, Unit> batches = new LinkedHashMap<>();
    Set<EffectKey> consumed = new HashSet<>();
    for (Effect effect : effects) {
      if (consumed.contains(effect.key())) {
        continue;
      }
      effect.accept(new EffectVisitor<Void>() {
        @Override
        public Void createContact(Effect.CreateContact c) {
          Optional<Effect.CreateDeal> deal = dealOf(c, effects, consumed);
          if (deal.isPresent()) {
            consumed.add(deal.get().key());
            creates.add(new Unit(Kind.COMPLEX, List.of(c, deal.get()), null));
          } else {
            creates.add(new Unit(Kind.CONTACT, List.of(c), EntityType.CONTACT));
          }
          return null;
        }

        @Override
        public Void createDeal(Effect.CreateDeal d) {
          creates.add(new Unit(Kind.DEAL, List.of(d), EntityType.DEAL));
          return null;
        }

        @Override
        public Void createUnsorted(Effect.CreateUnsorted u) {
          creates.add(new Unit(Kind.UNSORTED, List.of(u), EntityType.DEAL));
          return null;
        }

        @Override
        public Void recordCall(Effect.RecordCall r) {
          EntityType type = r.target().type();
          batch("notes:" + type, Kind.NOTES, type).effects().add(r);
          return null;
        }

        @Override
        public Void createTask(Effect.CreateTask t) {
          batch("tasks", Kind.TASKS, null).effects().add(t);
          return null;
        }

        @Override
        public Void updateFields(Effect.UpdateFields u) {
          others.add(new Unit(Kind.UPDATE, List.of(u), u.target().type()));
          return null;
        }

        @Override
        public Void notifyIncomingCall(Effect.NotifyIncomingCall n) {
          others.add(new Unit(Kind.NOTIFY, List.of(n), null));
          return null;
        }

        private Unit batch(String key, Kind kind, EntityType type) {
          return batches.computeIfAbsent(key, k -> {
            Unit u = new Unit(kind, new ArrayList<>(), type);
            others.add(u);
            return u;
          });
        }
      });
    }
    List<Unit> out = new ArrayList<>(creates);
    for (Unit u : others) {
      out.add(new Unit(u.kind(), List.copyOf(u.effects()), u.entityType()));
    }
    return out;
  }

  private static Optional<Effect.CreateDeal> dealOf(Effect.CreateContact c, List<Effect> effects,
      Set<EffectKey> consumed) {
    EntityRef mine = EntityRef.createdBy(EntityType.CONTACT, c.key());
    return effects.stream().filter(Effect.CreateDeal.class::isInstance)
        .map(Effect.CreateDeal.class::cast)
        .filter(d -> !consumed.contains(d.key()) && d.contact().equals(Optional.of(mine)))
        .findFirst();
  }
}
