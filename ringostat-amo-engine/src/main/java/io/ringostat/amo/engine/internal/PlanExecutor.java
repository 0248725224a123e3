package io.ringostat.amo.engine.internal;

import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EntityRef;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.plan.WrittenRecord;
import io.ringostat.amo.core.spi.AmoCrm;
import io.ringostat.amo.core.spi.CrmException;
import io.ringostat.amo.core.spi.CrmException.Kind;
import io.ringostat.amo.engine.internal.Requests.Request;
import io.ringostat.amo.engine.journal.Journal;
import io.ringostat.amo.engine.journal.KnownEntity;
import io.ringostat.amo.engine.journal.RememberedTask;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries a plan out against amoCRM exactly once (R-ONCE), journaling as it goes: {@link
 * Journal#markSending} before each request, {@link Journal#markDone} after each effect is done.
 * Effects are grouped into requests by {@link Requests} and each group goes to a small step
 * handler ({@link CreateSteps}, or the idempotent writes here).
 *
 * <p><b>Protocol.</b> A create is sent again only after the CRM was checked for what it may already
 * have made: first for every effect in {@code uncertain} (marked sending, never done: a crash or a
 * lost answer of an earlier attempt), and after an {@code OUTCOME_UNKNOWN}. Found: done with
 * {@code reconciled = true}. Not found: sent once more; unknown again: failed with {@code
 * OUTCOME_UNKNOWN}, and the effect stays uncertain in the journal. {@code INVALID_RESPONSE} from a
 * create means amoCRM acted: its ids are looked for, it is never sent again. A {@code REJECTED}
 * batch whose exception names some items: those fail {@code REJECTED}, the others {@code
 * OUTCOME_UNKNOWN} (checked before a resend). Effects that depend on a failed one are skipped;
 * after {@code AUTHENTICATION} or {@code ACCOUNT_BLOCKED} everything left is skipped. Field
 * updates and popups are idempotent: sent, never checked.
 *
 * <p>Every effect done is remembered for the phone ({@link Journal#rememberEntity}) and reported
 * to {@code wrote} (the routing cache). Never throws for a CRM failure; only the journal's own
 * failures escape. Thread-safe: each {@link #execute} has its own state.
 */
final class PlanExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(PlanExecutor.class);

  private final AmoCrm amo;
  private final Journal journal;
  private final Clock clock;
  private final Consumer<String> wrote;

  PlanExecutor(AmoCrm amo, Journal journal, Clock clock, Consumer<String> wrote) {
    this.amo = amo;
    this.journal = journal;
    this.clock = clock;
    this.wrote = wrote;
  }

  /**
   * Executes {@code plan} for journal entry {@code seq}.
   *
   * @param uncertain effects that may already have been carried out (checked first)
   * @param phone the client's phone, to remember created entities for
   */
  Execution execute(long seq, Plan plan, Set<EffectKey> uncertain, Optional<PhoneNumber> phone) {
    Run run = new Run(seq, plan, uncertain, phone);
    run.all();
    return run.execution();
  }

  /** One execution: results so far and the stop cause. Not thread-safe; confined to a worker. */
  private final class Run implements CreateSteps.Resolver {
    private final long seq;
    private final Plan plan;
    private final Set<EffectKey> uncertain;
    private final Optional<PhoneNumber> phone;
    private final Map<EffectKey, StepResult> results = new HashMap<>();
    private Optional<CrmException> stop = Optional.empty();

    Run(long seq, Plan plan, Set<EffectKey> uncertain, Optional<PhoneNumber> phone) {
      this.seq = seq;
      this.plan = plan;
      this.uncertain = Set.copyOf(uncertain);
      this.phone = phone;
    }

    void all() {
      for (Request request : Requests.of(plan.effects())) {
        Set<EffectKey> inRequest = request.keys();
        List<Effect> ready = new ArrayList<>();
        for (Effect e : request.effects()) {
          Optional<String> blocked = blockedReason(e, inRequest);
          if (blocked.isEmpty()) {
            ready.add(e);
          } else {
            results.put(e.key(), new StepResult.Skipped(e.key(), blocked.get()));
          }
        }
        if (!ready.isEmpty()) {
          run(request, ready);
        }
      }
    }

    Execution execution() {
      List<StepResult> out = new ArrayList<>();
      for (Effect e : plan.effects()) {
        out.add(results.getOrDefault(e.key(), new StepResult.Skipped(e.key(), "not attempted")));
      }
      return new Execution(out);
    }

    private void run(Request request, List<Effect> ready) {
      switch (request.kind()) {
        case COMPLEX -> {
          if (ready.size() == 2) {
            complex((Effect.CreateContact) ready.get(0), (Effect.CreateDeal) ready.get(1));
          } else if (ready.get(0) instanceof Effect.CreateContact c) {
            create(List.of(c), CreateSteps.contacts(amo), true);
          } else {
            Effect.CreateDeal d = (Effect.CreateDeal) ready.get(0);
            create(List.of(d), CreateSteps.deal(amo, d.contact().flatMap(this)), true);
          }
        }
        case CONTACT -> create(cast(ready, Effect.CreateContact.class), CreateSteps.contacts(amo),
            true);
        case DEAL -> {
          Effect.CreateDeal d = (Effect.CreateDeal) ready.get(0);
          create(List.of(d), CreateSteps.deal(amo, d.contact().flatMap(this)), true);
        }
        case UNSORTED -> create(cast(ready, Effect.CreateUnsorted.class),
            CreateSteps.unsorted(amo), true);
        case NOTES -> create(cast(ready, Effect.RecordCall.class),
            CreateSteps.notes(amo, request.entityType().orElseThrow(), this, this::rememberRecord),
            true);
        case NOTE_UPDATES -> {
          List<Effect.UpdateCallRecord> us = cast(ready, Effect.UpdateCallRecord.class);
          EntityType type = request.entityType().orElseThrow();
          idempotent(us, () -> amo.updateNotes(type, us.stream().map(u ->
              new AmoCrm.NoteUpdate(u.noteId(), u.entityId(), u.call())).toList()));
          for (Effect.UpdateCallRecord u : us) {
            if (results.get(u.key()) instanceof StepResult.Done) {
              journal.rememberRecord(seq, u.recordKey(), new WrittenRecord(u.entityType(),
                  u.entityId(), u.noteId(), u.call().content(),
                  u.call().clientResponsibleUserId()));
            }
          }
        }
        case TASKS -> create(cast(ready, Effect.CreateTask.class),
            CreateSteps.tasks(amo, this, this::rememberTask), true);
        case COMPLETIONS -> {
          List<Effect.CompleteTask> cs = cast(ready, Effect.CompleteTask.class);
          idempotent(cs, () -> amo.completeTasks(cs));
          for (Effect.CompleteTask c : cs) {
            if (results.get(c.key()) instanceof StepResult.Done) {
              journal.closeTask(c.taskId(), clock.instant());
            }
          }
        }
        case UPDATE -> {
          Effect.UpdateFields u = (Effect.UpdateFields) ready.get(0);
          long id = apply(u.target()).orElseThrow();
          idempotent(u, () -> amo.updateFields(u, id));
        }
        case NOTIFY -> {
          Effect.NotifyIncomingCall n = (Effect.NotifyIncomingCall) ready.get(0);
          idempotent(n, () -> amo.notifyIncomingCall(n));
        }
        default -> throw new AssertionError(request.kind());
      }
    }

    // --- the create protocol -----------------------------------------------------------------

    /**
     * Checks uncertain effects first (unless {@code checkUncertain} is false: the caller just
     * checked), sends the rest, and after an unknown outcome checks, then sends once more.
     */
    private <E extends Effect> void create(List<E> effects, CreateStep<E> step,
        boolean checkUncertain) {
      List<E> pending = new ArrayList<>(effects);
      if (checkUncertain) {
        List<E> unsure = pending.stream().filter(e -> uncertain.contains(e.key())).toList();
        if (!unsure.isEmpty()) {
          reconcile(unsure, step, Optional.empty());
          pending.removeIf(e -> results.containsKey(e.key()));
        }
      }
      for (int round = 1; !pending.isEmpty(); round++) {
        sending(pending);
        Answer<Map<EffectKey, Map<EntityType, Long>>> sent = step.send(pending);
        if (sent instanceof Answer.Ok<Map<EffectKey, Map<EntityType, Long>>> ok) {
          for (E e : pending) {
            done(e, ok.value().getOrDefault(e.key(), Map.of()), false);
          }
          return;
        }
        CrmException x = ((Answer.Err<Map<EffectKey, Map<EntityType, Long>>>) sent).error();
        if (x.kind() == Kind.INVALID_RESPONSE) {
          // amoCRM acted but its answer cannot be read: find the ids; never send it again.
          reconcile(pending, step, Optional.of(x));
          return;
        }
        if (x.kind() != Kind.OUTCOME_UNKNOWN || round == 2) {
          failAll(pending, x);
          return;
        }
        LOG.info("{}: outcome unknown; checking amoCRM before sending again", keysOf(pending));
        reconcile(pending, step, Optional.empty());
        pending.removeIf(e -> results.containsKey(e.key()));
      }
    }

    /**
     * Runs the step's check; found effects are done (reconciled). The rest fail with {@code
     * notFound} when given, else stay unresolved. When the check itself fails, every effect fails
     * (with an unknown outcome unless the failure stops the integration).
     */
    private <E extends Effect> void reconcile(List<E> effects, CreateStep<E> step,
        Optional<CrmException> notFound) {
      Answer<Map<EffectKey, Map<EntityType, Long>>> checked = step.check(effects);
      if (checked instanceof Answer.Err<Map<EffectKey, Map<EntityType, Long>>> err) {
        failAll(effects, checkFailure(effects, err.error(), notFound));
        return;
      }
      Map<EffectKey, Map<EntityType, Long>> found =
          ((Answer.Ok<Map<EffectKey, Map<EntityType, Long>>>) checked).value();
      for (E e : effects) {
        Map<EntityType, Long> ids = found.get(e.key());
        if (ids != null) {
          done(e, ids, true);
        } else {
          notFound.ifPresent(x -> fail(e, x));
        }
      }
    }

    // --- contact and deal together -----------------------------------------------------------

    private void complex(Effect.CreateContact c, Effect.CreateDeal d) {
      List<Effect> both = List.of(c, d);
      if (uncertain.contains(c.key()) || uncertain.contains(d.key())) {
        Optional<Optional<AmoCrm.FoundContact>> f = findComplex(c, d, Optional.empty());
        if (f.isEmpty() || adopt(c, d, f.get())) {
          return;
        }
      }
      for (int round = 1; ; round++) {
        sending(both);
        Answer<AmoCrm.ComplexIds> sent = Answer.of(() -> amo.createComplex(c, d));
        if (sent instanceof Answer.Ok<AmoCrm.ComplexIds> ok) {
          done(c, Map.of(EntityType.CONTACT, ok.value().contactId()), false);
          done(d, Map.of(EntityType.DEAL, ok.value().dealId()), false);
          return;
        }
        CrmException x = ((Answer.Err<AmoCrm.ComplexIds>) sent).error();
        if (x.kind() == Kind.INVALID_RESPONSE) {
          // empty: the check itself failed and both effects are already failed
          Optional<Optional<AmoCrm.FoundContact>> checked = findComplex(c, d, Optional.of(x));
          if (checked.isEmpty()) {
            return;
          }
          Optional<AmoCrm.FoundContact> found = checked.orElseThrow();
          if (found.isPresent()) {
            done(c, Map.of(EntityType.CONTACT, found.get().contactId()), true);
          } else {
            fail(c, x);
          }
          Optional<Long> deal = found.flatMap(AmoCrm.FoundContact::dealId);
          if (deal.isPresent()) {
            done(d, Map.of(EntityType.DEAL, deal.get()), true);
          } else {
            fail(d, x);
          }
          return;
        }
        if (x.kind() != Kind.OUTCOME_UNKNOWN || round == 2) {
          failAll(both, x);
          return;
        }
        LOG.info("{}: outcome unknown; checking amoCRM before sending again", keysOf(both));
        Optional<Optional<AmoCrm.FoundContact>> f = findComplex(c, d, Optional.empty());
        if (f.isEmpty() || adopt(c, d, f.get())) {
          return;
        }
      }
    }

    /**
     * Looks for what a lost complex create made; empty when the check failed (then both effects
     * have failed).
     */
    private Optional<Optional<AmoCrm.FoundContact>> findComplex(Effect.CreateContact c,
        Effect.CreateDeal d, Optional<CrmException> cause) {
      Answer<Optional<AmoCrm.FoundContact>> a =
          Answer.of(() -> amo.findContact(c.phone(), c.name(), Optional.of(d.name())));
      if (a instanceof Answer.Ok<Optional<AmoCrm.FoundContact>> ok) {
        return Optional.of(ok.value());
      }
      CrmException x = ((Answer.Err<Optional<AmoCrm.FoundContact>>) a).error();
      failAll(List.of(c, d), checkFailure(List.of(c, d), x, cause));
      return Optional.empty();
    }

    /**
     * Adopts what a check found. False when nothing was found (send again); when only the contact
     * was found, the deal is created for it on its own.
     */
    private boolean adopt(Effect.CreateContact c, Effect.CreateDeal d,
        Optional<AmoCrm.FoundContact> found) {
      if (found.isEmpty()) {
        return false;
      }
      long contactId = found.get().contactId();
      done(c, Map.of(EntityType.CONTACT, contactId), true);
      if (found.get().dealId().isPresent()) {
        done(d, Map.of(EntityType.DEAL, found.get().dealId().get()), true);
      } else {
        create(List.of(d), CreateSteps.deal(amo, Optional.of(contactId)), false);
      }
      return true;
    }

    // --- idempotent writes -------------------------------------------------------------------

    private void idempotent(Effect e, Runnable call) {
      idempotent(List.of(e), call);
    }

    /** One idempotent request for {@code effects}: all done, or all failed. */
    private void idempotent(List<? extends Effect> effects, Runnable call) {
      sending(effects);
      Answer<Boolean> a = Answer.run(call);
      for (Effect e : effects) {
        if (a instanceof Answer.Err<Boolean> err) {
          fail(e, err.error());
        } else {
          done(e, Map.of(), false);
        }
      }
    }

    // --- bookkeeping -------------------------------------------------------------------------

    private Optional<String> blockedReason(Effect e, Set<EffectKey> inRequest) {
      if (stop.isPresent()) {
        return Optional.of("not attempted: execution stopped after " + stop.get().kind());
      }
      for (EntityRef ref : e.refs()) {
        if (!(ref instanceof EntityRef.Pending p) || inRequest.contains(p.createdBy())) {
          continue;
        }
        StepResult r = results.get(p.createdBy());
        if (r instanceof StepResult.Done d) {
          if (!d.created().containsKey(p.type())) {
            return Optional.of("depends on " + p.createdBy() + ", which reported no "
                + p.type().name().toLowerCase(Locale.ROOT) + " id");
          }
        } else if (r instanceof StepResult.Failed) {
          return Optional.of("depends on " + p.createdBy() + ", which failed");
        } else {
          return Optional.of("depends on " + p.createdBy() + ", which was not carried out");
        }
      }
      return Optional.empty();
    }

    /** Resolves {@code ref}: an existing id, or the id an earlier effect of the plan created. */
    @Override
    public Optional<Long> apply(EntityRef ref) {
      if (ref instanceof EntityRef.Existing x) {
        return Optional.of(x.id());
      }
      EntityRef.Pending p = (EntityRef.Pending) ref;
      return results.get(p.createdBy()) instanceof StepResult.Done d
          ? Optional.ofNullable(d.created().get(p.type())) : Optional.empty();
    }

    private void sending(List<? extends Effect> effects) {
      journal.markSending(seq, keysOf(effects));
    }

    private void done(Effect e, Map<EntityType, Long> created, boolean reconciled) {
      results.put(e.key(), new StepResult.Done(e.key(), created, reconciled));
      // Remember the entities before marking the effect done: a crash between the two writes then
      // leaves the effect uncertain (reconciled next time, remembered again), never done but
      // forgotten. Entities an unsorted request hides from amoCRM's search are known only here.
      phone.ifPresent(p -> {
        Optional<Long> responsible = responsibleOf(e);
        created.forEach((type, id) -> journal.rememberEntity(p.digits(),
            new KnownEntity(type, id, responsible, clock.instant())));
      });
      journal.markDone(seq, e.key(), created);
      if (reconciled) {
        LOG.info("{}: found already done in amoCRM; not sent again", e.key());
      }
      phone.ifPresent(p -> wrote.accept(p.digits()));
    }

    /** R-LIFE: the journal keeps the call record's ids, so that news about the call edits it. */
    private void rememberRecord(Effect.RecordCall r, long entityId, long noteId) {
      journal.rememberRecord(seq, r.key(), new WrittenRecord(r.target().type(), entityId, noteId,
          r.content(), r.clientResponsibleUserId()));
    }

    /** R-LIFE: the journal remembers the tasks the SDK made for the phone, open. */
    private void rememberTask(Effect.CreateTask t, long taskId, Optional<Long> entityId) {
      phone.ifPresent(p -> journal.rememberTask(p.digits(), new RememberedTask(taskId,
          t.key().target(), entityId.isPresent() ? t.target().map(EntityRef::type)
              : Optional.empty(), entityId, t.assigneeUserId(), t.deadline(), clock.instant())));
    }

    private void fail(Effect e, CrmException x) {
      results.put(e.key(), new StepResult.Failed(e.key(), x));
      if (x.stopsIntegration() && stop.isEmpty()) {
        stop = Optional.of(x);
      }
    }

    private void failAll(List<? extends Effect> effects, CrmException x) {
      boolean named = x.kind() == Kind.REJECTED && effects.size() > 1
          && effects.stream().anyMatch(e -> x.rejectedKeys().contains(e.key().value()));
      for (Effect e : effects) {
        if (!named || x.rejectedKeys().contains(e.key().value())) {
          fail(e, x);
        } else {
          // amoCRM named the refused items; whether it saved this one is unconfirmed: it stays
          // uncertain in the journal and is checked before a resend.
          fail(e, new CrmException(Kind.OUTCOME_UNKNOWN, "another item of the same batch was"
              + " refused (" + x.getMessage() + "); amoCRM does not say whether this one was"
              + " saved"));
        }
      }
    }

    private CrmException checkFailure(List<? extends Effect> effects, CrmException x,
        Optional<CrmException> cause) {
      if (x.stopsIntegration()) {
        return x;
      }
      return cause.orElseGet(() -> new CrmException(Kind.OUTCOME_UNKNOWN, keysOf(effects)
          + ": outcome unknown, not sent again: amoCRM could not be checked (" + x.kind() + ": "
          + x.getMessage() + ")", x));
    }
  }

  private static Optional<Long> responsibleOf(Effect e) {
    if (e instanceof Effect.CreateContact c) {
      return Optional.of(c.responsibleUserId());
    }
    if (e instanceof Effect.CreateDeal d) {
      return Optional.of(d.responsibleUserId());
    }
    if (e instanceof Effect.CreateUnsorted u) {
      return Optional.of(u.responsibleUserId());
    }
    return Optional.empty();
  }

  private static List<EffectKey> keysOf(List<? extends Effect> effects) {
    return effects.stream().map(Effect::key).toList();
  }

  private static <T> List<T> cast(List<Effect> effects, Class<T> type) {
    return effects.stream().map(type::cast).toList();
  }
}
