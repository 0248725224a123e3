package io.ringostat.amo.engine.internal;

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
 * Groups a plan's effects into requests, fewest first (R-LIMITS). Pure.
 *
 * <ul>
 *   <li>a {@code CreateContact} with a later {@code CreateDeal} of that contact: one {@code
 *       createComplex};
 *   <li>every other create on its own (they produce ids that later effects need);
 *   <li>then, in order of first appearance: call records batched per entity type, edits of call
 *       records batched per entity type, all tasks in one batch, all task completions in one
 *       batch, each field update, each popup.
 * </ul>
 */
final class Requests {
  /** What one request (plus its checks) carries out. */
  enum Kind {
    COMPLEX, CONTACT, DEAL, UNSORTED, NOTES, NOTE_UPDATES, TASKS, COMPLETIONS, UPDATE, NOTIFY
  }

  /** A group of effects sent together; {@code entityType} is set for NOTES and NOTE_UPDATES. */
  record Request(Kind kind, List<Effect> effects, Optional<EntityType> entityType) {
    Request {
      effects = List.copyOf(effects);
    }

    Set<EffectKey> keys() {
      Set<EffectKey> out = new HashSet<>();
      effects.forEach(e -> out.add(e.key()));
      return out;
    }
  }

  private Requests() {}

  static List<Request> of(List<Effect> effects) {
    List<Request> creates = new ArrayList<>();
    List<Object> others = new ArrayList<>(); // a Request, or the key of a batch in batches
    Map<String, List<Effect>> batches = new LinkedHashMap<>();
    Map<String, Optional<EntityType>> batchTypes = new LinkedHashMap<>();
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
            creates.add(new Request(Kind.COMPLEX, List.of(c, deal.get()), Optional.empty()));
          } else {
            creates.add(new Request(Kind.CONTACT, List.of(c), Optional.empty()));
          }
          return null;
        }

        @Override
        public Void createDeal(Effect.CreateDeal d) {
          creates.add(new Request(Kind.DEAL, List.of(d), Optional.empty()));
          return null;
        }

        @Override
        public Void createUnsorted(Effect.CreateUnsorted u) {
          creates.add(new Request(Kind.UNSORTED, List.of(u), Optional.empty()));
          return null;
        }

        @Override
        public Void recordCall(Effect.RecordCall r) {
          batch("notes:" + r.target().type(), Optional.of(r.target().type())).add(r);
          return null;
        }

        @Override
        public Void updateCallRecord(Effect.UpdateCallRecord u) {
          batch("note-updates:" + u.entityType(), Optional.of(u.entityType())).add(u);
          return null;
        }

        @Override
        public Void createTask(Effect.CreateTask t) {
          batch("tasks", Optional.empty()).add(t);
          return null;
        }

        @Override
        public Void completeTask(Effect.CompleteTask c) {
          batch("completions", Optional.empty()).add(c);
          return null;
        }

        @Override
        public Void updateFields(Effect.UpdateFields u) {
          others.add(new Request(Kind.UPDATE, List.of(u), Optional.empty()));
          return null;
        }

        @Override
        public Void notifyIncomingCall(Effect.NotifyIncomingCall n) {
          others.add(new Request(Kind.NOTIFY, List.of(n), Optional.empty()));
          return null;
        }

        private List<Effect> batch(String key, Optional<EntityType> type) {
          return batches.computeIfAbsent(key, k -> {
            others.add(k);
            batchTypes.put(k, type);
            return new ArrayList<>();
          });
        }
      });
    }
    List<Request> out = new ArrayList<>(creates);
    for (Object o : others) {
      if (o instanceof Request r) {
        out.add(r);
      } else {
        String key = (String) o;
        Kind kind = key.equals("tasks") ? Kind.TASKS
            : key.equals("completions") ? Kind.COMPLETIONS
            : key.startsWith("note-updates:") ? Kind.NOTE_UPDATES : Kind.NOTES;
        out.add(new Request(kind, batches.get(key), batchTypes.get(key)));
      }
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
