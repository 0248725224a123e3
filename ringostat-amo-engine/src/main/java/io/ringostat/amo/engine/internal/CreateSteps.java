package io.ringostat.amo.engine.internal;

import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EntityRef;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.spi.AmoCrm;
import io.ringostat.amo.core.spi.CrmException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The create steps, one small handler per kind, over the {@link AmoCrm} port. Each recognizes what
 * a lost create made by what the plan put into it (amoCRM has no idempotency key): a contact by
 * phone and name, a deal by name on its contact, an unsorted request and a call record by {@code
 * uniq} (the call id), a task by assignee, entity, text and deadline.
 */
final class CreateSteps {
  /** Resolves a reference to an entity created earlier in the plan (or an existing one). */
  interface Resolver extends Function<EntityRef, Optional<Long>> {}

  /** Told each call record a step created, with its entity's id and its note id (R-LIFE). */
  interface RecordSink {
    void created(Effect.RecordCall record, long entityId, long noteId);
  }

  /** Told each task a step created (or found already created), with its entity's id. */
  interface TaskSink {
    void created(Effect.CreateTask task, long taskId, Optional<Long> entityId);
  }

  private CreateSteps() {}

  static CreateStep<Effect.CreateContact> contacts(AmoCrm amo) {
    return new CreateStep<>() {
      @Override
      public Answer<Map<EffectKey, Map<EntityType, Long>>> send(List<Effect.CreateContact> cs) {
        Answer<List<Long>> a = Answer.of(() -> amo.createContacts(cs));
        if (a instanceof Answer.Err<List<Long>> err) {
          return new Answer.Err<>(err.error());
        }
        List<Long> ids = ((Answer.Ok<List<Long>>) a).value();
        if (ids.size() != cs.size()) {
          return new Answer.Err<>(new CrmException(CrmException.Kind.INVALID_RESPONSE,
              "amoCRM answered " + ids.size() + " contact id(s) for " + cs.size()));
        }
        Map<EffectKey, Map<EntityType, Long>> out = new HashMap<>();
        for (int i = 0; i < cs.size(); i++) {
          out.put(cs.get(i).key(), Map.of(EntityType.CONTACT, ids.get(i)));
        }
        return new Answer.Ok<>(out);
      }

      @Override
      public Answer<Map<EffectKey, Map<EntityType, Long>>> check(List<Effect.CreateContact> cs) {
        return Answer.of(() -> {
          Map<EffectKey, Map<EntityType, Long>> out = new HashMap<>();
          for (Effect.CreateContact c : cs) {
            amo.findContact(c.phone(), c.name(), Optional.empty()).ifPresent(f ->
                out.put(c.key(), Map.of(EntityType.CONTACT, f.contactId())));
          }
          return out;
        });
      }
    };
  }

  /** A deal on its own, linked to {@code contactId} when present. */
  static CreateStep<Effect.CreateDeal> deal(AmoCrm amo, Optional<Long> contactId) {
    return new CreateStep<>() {
      @Override
      public Answer<Map<EffectKey, Map<EntityType, Long>>> send(List<Effect.CreateDeal> ds) {
        Effect.CreateDeal d = ds.get(0);
        return map(Answer.of(() -> amo.createDeal(d, contactId)),
            id -> Map.of(d.key(), Map.of(EntityType.DEAL, id)));
      }

      @Override
      public Answer<Map<EffectKey, Map<EntityType, Long>>> check(List<Effect.CreateDeal> ds) {
        Effect.CreateDeal d = ds.get(0);
        if (contactId.isEmpty()) {
          return new Answer.Err<>(new CrmException(CrmException.Kind.OUTCOME_UNKNOWN,
              d.key() + ": a deal without a contact cannot be looked for"));
        }
        return map(Answer.of(() -> amo.findDeal(contactId.get(), d.name())),
            found -> found.<Map<EffectKey, Map<EntityType, Long>>>map(
                id -> Map.of(d.key(), Map.of(EntityType.DEAL, id))).orElse(Map.of()));
      }
    };
  }

  static CreateStep<Effect.CreateUnsorted> unsorted(AmoCrm amo) {
    return new CreateStep<>() {
      @Override
      public Answer<Map<EffectKey, Map<EntityType, Long>>> send(List<Effect.CreateUnsorted> us) {
        Effect.CreateUnsorted u = us.get(0);
        return map(Answer.of(() -> amo.createUnsorted(u)), ids -> Map.of(u.key(), ids(ids)));
      }

      @Override
      public Answer<Map<EffectKey, Map<EntityType, Long>>> check(List<Effect.CreateUnsorted> us) {
        Effect.CreateUnsorted u = us.get(0);
        return map(Answer.of(() -> amo.findUnsorted(u.callId())),
            found -> found.<Map<EffectKey, Map<EntityType, Long>>>map(
                ids -> Map.of(u.key(), ids(ids))).orElse(Map.of()));
      }

      private Map<EntityType, Long> ids(AmoCrm.UnsortedIds ids) {
        Map<EntityType, Long> out = new LinkedHashMap<>();
        out.put(EntityType.DEAL, ids.dealId());
        ids.contactId().ifPresent(c -> out.put(EntityType.CONTACT, c));
        return out;
      }
    };
  }

  /**
   * Call records on entities of {@code type}, in one request; {@code sink} learns each created
   * record's note id (R-LIFE).
   */
  static CreateStep<Effect.RecordCall> notes(AmoCrm amo, EntityType type, Resolver resolver,
      RecordSink sink) {
    return new CreateStep<>() {
      @Override
      public Answer<Map<EffectKey, Map<EntityType, Long>>> send(List<Effect.RecordCall> calls) {
        List<AmoCrm.NoteRequest> notes = calls.stream()
            .map(r -> new AmoCrm.NoteRequest(r, resolved(resolver, r.target()))).toList();
        return map(Answer.of(() -> amo.createNotes(type, notes)), ids -> {
          // the records exist either way; without one id per record none can be edited later
          if (ids.size() == notes.size()) {
            for (int i = 0; i < ids.size(); i++) {
              sink.created(notes.get(i).call(), notes.get(i).entityId(), ids.get(i));
            }
          }
          return Map.of();
        });
      }

      @Override
      public Answer<Map<EffectKey, Map<EntityType, Long>>> check(List<Effect.RecordCall> calls) {
        return Answer.of(() -> {
          Map<EffectKey, Map<EntityType, Long>> out = new HashMap<>();
          Map<String, Map<String, Optional<Long>>> seen = new HashMap<>();
          for (Effect.RecordCall r : calls) {
            long entity = resolved(resolver, r.target());
            CallDirection direction = r.direction();
            Map<String, Optional<Long>> notes = seen.computeIfAbsent(entity + "/" + direction,
                k -> amo.notesByUniq(type, entity, direction));
            if (notes.containsKey(r.uniq())) {
              out.put(r.key(), Map.of());
              // found after a lost answer: with its id, a later update can still edit it
              notes.get(r.uniq()).ifPresent(noteId -> sink.created(r, entity, noteId));
            }
          }
          return out;
        });
      }
    };
  }

  /** Tasks, in one request; {@code sink} learns each created task's id (R-LIFE). */
  static CreateStep<Effect.CreateTask> tasks(AmoCrm amo, Resolver resolver, TaskSink sink) {
    return new CreateStep<>() {
      @Override
      public Answer<Map<EffectKey, Map<EntityType, Long>>> send(List<Effect.CreateTask> tasks) {
        List<AmoCrm.TaskRequest> requests = tasks.stream().map(t -> new AmoCrm.TaskRequest(t,
            t.target().map(ref -> resolved(resolver, ref)))).toList();
        return map(Answer.of(() -> amo.createTasks(requests)), ids -> {
          // the tasks exist either way; without one id per task none is remembered
          if (ids.size() == requests.size()) {
            for (int i = 0; i < ids.size(); i++) {
              sink.created(requests.get(i).task(), ids.get(i), requests.get(i).entityId());
            }
          }
          return Map.of();
        });
      }

      @Override
      public Answer<Map<EffectKey, Map<EntityType, Long>>> check(List<Effect.CreateTask> tasks) {
        return Answer.of(() -> {
          Map<String, List<Effect.CreateTask>> groups = new LinkedHashMap<>();
          for (Effect.CreateTask t : tasks) {
            groups.computeIfAbsent(t.target().map(EntityRef::type) + "/" + t.assigneeUserId(),
                k -> new java.util.ArrayList<>()).add(t);
          }
          Map<EffectKey, Map<EntityType, Long>> out = new HashMap<>();
          for (List<Effect.CreateTask> group : groups.values()) {
            Effect.CreateTask first = group.get(0);
            Set<Long> entities = new LinkedHashSet<>();
            group.forEach(t -> t.target().ifPresent(ref -> entities.add(resolved(resolver, ref))));
            List<AmoCrm.ExistingTask> existing = amo.findTasks(
                first.target().map(EntityRef::type), entities, first.assigneeUserId());
            for (Effect.CreateTask t : group) {
              Optional<Long> entity = t.target().map(ref -> resolved(resolver, ref));
              Optional<AmoCrm.ExistingTask> found = existing.stream()
                  .filter(x -> t.text().equals(x.text())
                      && t.deadline().getEpochSecond() == x.completeTillEpochSecond()
                      && (entity.isEmpty() || entity.equals(x.entityId())))
                  .findFirst();
              if (found.isPresent()) {
                out.put(t.key(), Map.of());
                if (!found.get().completed()) {
                  sink.created(t, found.get().id(), entity);
                }
              }
            }
          }
          return out;
        });
      }
    };
  }

  /**
   * The id of a reference the executor has already checked is resolvable (effects whose
   * references are not resolved are skipped before any step runs).
   */
  private static long resolved(Resolver resolver, EntityRef ref) {
    return resolver.apply(ref).orElseThrow(() -> new IllegalStateException(
        "unresolved reference " + ref + " reached a step"));
  }

  private static <T> Answer<Map<EffectKey, Map<EntityType, Long>>> map(Answer<T> a,
      Function<T, Map<EffectKey, Map<EntityType, Long>>> f) {
    if (a instanceof Answer.Ok<T> ok) {
      return new Answer.Ok<>(f.apply(ok.value()));
    }
    return new Answer.Err<>(((Answer.Err<T>) a).error());
  }
}
