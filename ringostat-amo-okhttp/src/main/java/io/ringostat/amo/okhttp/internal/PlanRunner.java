package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EntityRef;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.spi.CrmException;
import io.ringostat.amo.core.spi.CrmException.Kind;
import io.ringostat.amo.core.spi.EffectResult;
import io.ringostat.amo.core.spi.ExecutionObserver;
import io.ringostat.amo.core.spi.ExecutionReport;
import io.ringostat.amo.okhttp.AmoClientException;
import io.ringostat.amo.okhttp.AmoValidationException;
import io.ringostat.amo.okhttp.internal.Units.Unit;
import io.ringostat.amo.okhttp.internal.wire.ComplexResultDto;
import io.ringostat.amo.okhttp.internal.wire.CreatedDto;
import io.ringostat.amo.okhttp.internal.wire.TaskDto;
import io.ringostat.amo.okhttp.internal.wire.UnsortedDto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes a plan with the fewest requests ({@link Units}), in plan order, one {@code
 * EffectResult} per effect.
 *
 * <p><b>Exactly once (R-ONCE).</b> A create is sent again only after the CRM was checked for what
 * it may already have made ({@link Reconciler}): first for every effect in {@code uncertain} (left
 * in flight by a crash), and after any answer that leaves the outcome unknown (sent and no answer,
 * a cut body, a 5xx). Found: done, {@code reconciled = true}. Not found: sent once more; lost
 * again: failed with {@code OUTCOME_UNKNOWN}, so the engine keeps it uncertain. A 2xx whose body
 * cannot be read did act: its ids are looked up, it is never resent. Field updates and popups are
 * idempotent and are simply retried by the transport.
 *
 * <p><b>Call records</b> are {@code call_in}/{@code call_out} notes on exactly the entity the plan
 * names, not {@code POST /api/v4/calls}: that endpoint picks the entity itself (by the last ten
 * digits, the only active lead, else the contact; reference §8.1), cannot be told which of a
 * client's deals the matrix chose, and loses calls from unknown numbers with 400 "Entity not
 * found". Notes also have a {@code uniq} to check for after a lost answer.
 *
 * <p>Never throws for an effect's failure; only an exception thrown by the observer escapes.
 */
public final class PlanRunner {
  private static final Logger LOG = LoggerFactory.getLogger(PlanRunner.class);

  private final AmoTransport http;
  private final Json json;
  private final Payloads payloads;
  private final Reconciler reconciler;
  private final Metrics metrics;

  public PlanRunner(AmoTransport http, Json json, Payloads payloads, Reconciler reconciler,
      Metrics metrics) {
    this.http = http;
    this.json = json;
    this.payloads = payloads;
    this.reconciler = reconciler;
    this.metrics = metrics;
  }

  public ExecutionReport execute(Plan plan, Set<EffectKey> uncertain,
      ExecutionObserver observer) {
    Run run = new Run(plan, uncertain, observer);
    try {
      run.all();
    } catch (ObserverFailure f) {
      throw (RuntimeException) f.getCause();
    }
    return run.report();
  }

  /** The observer threw: carried out of the run and rethrown as is. */
  private static final class ObserverFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ObserverFailure(RuntimeException cause) {
      super(cause);
    }
  }

  /** Marks a check that cannot be made: the create must not be repeated blindly. */
  private static final class CannotCheck extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CannotCheck(String why) {
      super(why, null, false, false);
    }
  }

  @FunctionalInterface
  private interface Step<E extends Effect> {
    /** Ids per effect key (an empty map for effects that create no addressable entity). */
    Map<EffectKey, Map<EntityType, Long>> apply(List<E> effects);
  }

  /** One execution: results so far, the stop flag, the request tally. Not thread-safe. */
  private final class Run {
    private final Plan plan;
    private final Set<EffectKey> uncertain;
    private final ExecutionObserver observer;
    private final Tally tally = new Tally();
    private final Map<EffectKey, EffectResult> results = new HashMap<>();
    private CrmException stop;

    Run(Plan plan, Set<EffectKey> uncertain, ExecutionObserver observer) {
      this.plan = plan;
      this.uncertain = Set.copyOf(uncertain);
      this.observer = observer;
    }

    void all() {
      for (Unit unit : Units.of(plan.effects())) {
        Set<EffectKey> inUnit = unit.keys();
        List<Effect> ready = new ArrayList<>();
        for (Effect e : unit.effects()) {
          String why = blockedReason(e, inUnit);
          if (why == null) {
            ready.add(e);
          } else {
            skip(e, why);
          }
        }
        if (ready.isEmpty()) {
          continue;
        }
        try {
          run(unit, ready);
        } catch (ObserverFailure f) {
          throw f;
        } catch (CrmException e) {
          ready.stream().filter(r -> !results.containsKey(r.key())).forEach(r -> fail(r, e));
        } catch (RuntimeException e) {
          LOG.error("unexpected failure executing {}", unit.kind(), e);
          CrmException x = new AmoClientException(Kind.INVALID_RESPONSE, "",
              "internal error while executing " + unit.kind() + ": " + e.getClass().getName(),
              null);
          ready.stream().filter(r -> !results.containsKey(r.key())).forEach(r -> fail(r, x));
        }
      }
    }

    ExecutionReport report() {
      List<EffectResult> out = new ArrayList<>();
      for (Effect e : plan.effects()) {
        out.add(results.getOrDefault(e.key(),
            new EffectResult.Skipped(e.key(), "not attempted")));
      }
      return new ExecutionReport(out, tally.count());
    }

    private void run(Unit unit, List<Effect> ready) {
      switch (unit.kind()) {
        case COMPLEX:
          if (ready.size() == 2) {
            complex((Effect.CreateContact) ready.get(0), (Effect.CreateDeal) ready.get(1));
          } else {
            ready.forEach(e -> run(new Unit(e instanceof Effect.CreateContact ? Units.Kind.CONTACT
                : Units.Kind.DEAL, List.of(e), null), List.of(e)));
          }
          break;
        case CONTACT:
          create(cast(ready, Effect.CreateContact.class), this::sendContacts, this::checkContacts);
          break;
        case DEAL:
          Effect.CreateDeal d = (Effect.CreateDeal) ready.get(0);
          Long contact = d.contact().flatMap(this::resolve).orElse(null);
          deal(d, contact, true);
          break;
        case UNSORTED:
          create(cast(ready, Effect.CreateUnsorted.class), this::sendUnsorted,
              this::checkUnsorted);
          break;
        case NOTES:
          EntityType type = unit.entityType();
          create(cast(ready, Effect.RecordCall.class), n -> sendNotes(type, n),
              n -> checkNotes(type, n));
          break;
        case TASKS:
          create(cast(ready, Effect.CreateTask.class), this::sendTasks, this::checkTasks);
          break;
        case UPDATE:
          update((Effect.UpdateFields) ready.get(0));
          break;
        case NOTIFY:
          notifyCall((Effect.NotifyIncomingCall) ready.get(0));
          break;
        default:
          throw new AssertionError(unit.kind());
      }
    }

    // --- the create protocol -----------------------------------------------------------------

    /**
     * Checks uncertain effects first, sends the rest, and after an unknown outcome checks the
     * CRM, then sends what was not found once more.
     */
    private <E extends Effect> void create(List<E> effects, Step<E> send, Step<E> check) {
      create(effects, send, check, true);
    }

    /** @param checkUncertain false when the caller has just checked the CRM for these */
    private <E extends Effect> void create(List<E> effects, Step<E> send, Step<E> check,
        boolean checkUncertain) {
      List<E> pending = new ArrayList<>(effects);
      List<E> unsure = !checkUncertain ? List.of()
          : pending.stream().filter(e -> uncertain.contains(e.key())).toList();
      if (!unsure.isEmpty()) {
        reconcile(unsure, check, null);
        pending.removeIf(e -> results.containsKey(e.key()));
      }
      for (int round = 1; !pending.isEmpty(); round++) {
        sending(pending);
        Map<EffectKey, Map<EntityType, Long>> ids;
        try {
          ids = send.apply(pending);
        } catch (CrmException x) {
          if (actedUnreadable(x)) {
            // A 2xx we cannot read: amoCRM acted. Find the ids; never send it again.
            reconcile(pending, check, x);
            return;
          }
          if (x.kind() != Kind.OUTCOME_UNKNOWN || round == 2) {
            failAll(pending, x);
            return;
          }
          LOG.info("{}: outcome unknown; checking amoCRM before sending again",
              keysOf(pending));
          http.pause(1);
          reconcile(pending, check, null);
          pending.removeIf(e -> results.containsKey(e.key()));
          continue;
        }
        for (E e : pending) {
          done(e, ids.getOrDefault(e.key(), Map.of()), false);
        }
        return;
      }
    }

    /**
     * Runs {@code check}; found effects are done (reconciled). The rest fail with {@code
     * notFound} when given, else stay pending. When the check itself fails, every effect fails
     * with an unknown outcome.
     */
    private <E extends Effect> void reconcile(List<E> effects, Step<E> check,
        CrmException notFound) {
      Map<EffectKey, Map<EntityType, Long>> found;
      try {
        found = check.apply(effects);
      } catch (CannotCheck c) {
        failAll(effects, notFound != null ? notFound : unknown(effects, c.getMessage()));
        return;
      } catch (CrmException x) {
        failAll(effects, x.stopsIntegration() ? x
            : unknown(effects, "amoCRM could not be checked (" + x.getMessage() + ")"));
        return;
      }
      for (E e : effects) {
        Map<EntityType, Long> ids = found.get(e.key());
        if (ids != null) {
          done(e, ids, true);
        } else if (notFound != null) {
          fail(e, notFound);
        }
      }
    }

    // --- contacts and deals ------------------------------------------------------------------

    private void complex(Effect.CreateContact c, Effect.CreateDeal d) {
      List<Effect> both = List.of(c, d);
      if (uncertain.contains(c.key()) || uncertain.contains(d.key())) {
        Reconciler.Found f = findComplex(c, d, null);
        if (f == null || adopt(c, d, f)) {
          return;
        }
      }
      for (int round = 1; ; round++) {
        sending(both);
        try {
          ComplexResultDto r = sendComplex(c, d);
          done(c, Map.of(EntityType.CONTACT, r.contactId()), false);
          done(d, Map.of(EntityType.DEAL, r.id()), false);
          return;
        } catch (CrmException x) {
          if (actedUnreadable(x)) {
            Reconciler.Found f = findComplex(c, d, x);
            if (f == null) {
              return;
            }
            if (f.contactId() != null) {
              done(c, Map.of(EntityType.CONTACT, f.contactId()), true);
            } else {
              fail(c, x);
            }
            if (f.contactId() != null && f.dealId() != null) {
              done(d, Map.of(EntityType.DEAL, f.dealId()), true);
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
          http.pause(1);
          Reconciler.Found f = findComplex(c, d, null);
          if (f == null || adopt(c, d, f)) {
            return;
          }
        }
      }
    }

    /** Looks for a lost complex create; null when the check failed (both effects failed). */
    private Reconciler.Found findComplex(Effect.CreateContact c, Effect.CreateDeal d,
        CrmException cause) {
      try {
        return reconciler.contact(c.phone(), c.name(), Optional.of(d.name()), tally);
      } catch (CrmException x) {
        failAll(List.of(c, d), x.stopsIntegration() ? x : cause != null ? cause
            : unknown(List.of(c, d), "amoCRM could not be checked (" + x.getMessage() + ")"));
        return null;
      }
    }

    /**
     * Adopts what a check found. Returns false when nothing was found (send again); when only the
     * contact was found, the deal is created for it with {@code POST /api/v4/leads}.
     */
    private boolean adopt(Effect.CreateContact c, Effect.CreateDeal d, Reconciler.Found f) {
      if (f.contactId() == null) {
        return false;
      }
      done(c, Map.of(EntityType.CONTACT, f.contactId()), true);
      if (f.dealId() != null) {
        done(d, Map.of(EntityType.DEAL, f.dealId()), true);
      } else {
        deal(d, f.contactId(), false); // just checked: the deal is not there
      }
      return true;
    }

    private ComplexResultDto sendComplex(Effect.CreateContact c, Effect.CreateDeal d) {
      ApiCall call = ApiCall.post("/api/v4/leads/complex", payloads.complex(c, d),
          ApiCall.Mode.CREATE).build();
      ApiResponse r = http.send(call, tally);
      List<ComplexResultDto> items = json.readList(r.body(), ComplexResultDto.class,
          call.endpoint());
      ComplexResultDto item = items.stream()
          .filter(i -> i.requestId() != null && i.requestId().contains(d.key().value()))
          .findFirst().orElse(items.size() == 1 ? items.get(0) : null);
      if (item == null || item.id() == null || item.contactId() == null) {
        throw Json.invalid(call.endpoint(), "the answer lacks the lead id or the contact id",
            null);
      }
      return item;
    }

    private Map<EffectKey, Map<EntityType, Long>> sendContacts(List<Effect.CreateContact> cs) {
      ApiCall call = ApiCall.post("/api/v4/contacts", payloads.contacts(cs), ApiCall.Mode.CREATE)
          .build();
      ApiResponse r = http.send(call, tally);
      return ids(cs, json.read(r.body(), CreatedDto.Page.class, call.endpoint())
          .items("contacts"), EntityType.CONTACT, call);
    }

    private Map<EffectKey, Map<EntityType, Long>> checkContacts(List<Effect.CreateContact> cs) {
      Map<EffectKey, Map<EntityType, Long>> out = new HashMap<>();
      for (Effect.CreateContact c : cs) {
        Long id = reconciler.contact(c.phone(), c.name(), Optional.empty(), tally).contactId();
        if (id != null) {
          out.put(c.key(), Map.of(EntityType.CONTACT, id));
        }
      }
      return out;
    }

    /** Creates {@code d}, linked to {@code contactId} when set, with the create protocol. */
    private void deal(Effect.CreateDeal d, Long contactId, boolean checkUncertain) {
      create(List.of(d), ds -> {
        ApiCall call = ApiCall.post("/api/v4/leads", payloads.leads(d, contactId),
            ApiCall.Mode.CREATE).build();
        ApiResponse r = http.send(call, tally);
        return ids(ds, json.read(r.body(), CreatedDto.Page.class, call.endpoint())
            .items("leads"), EntityType.DEAL, call);
      }, ds -> {
        if (contactId == null) {
          throw new CannotCheck("a deal without a contact cannot be looked up");
        }
        Long id = reconciler.deal(contactId, d.name(), tally);
        return id == null ? Map.of() : Map.of(d.key(), Map.of(EntityType.DEAL, id));
      }, checkUncertain);
    }

    // --- unsorted ----------------------------------------------------------------------------

    private Map<EffectKey, Map<EntityType, Long>> sendUnsorted(List<Effect.CreateUnsorted> us) {
      Effect.CreateUnsorted u = us.get(0);
      ApiCall call = ApiCall.post("/api/v4/leads/unsorted/sip", payloads.unsorted(u),
          ApiCall.Mode.CREATE).build();
      ApiResponse r = http.send(call, tally);
      List<UnsortedDto> items = json.read(r.body(), UnsortedDto.Page.class, call.endpoint())
          .items();
      UnsortedDto item = items.stream().filter(i -> u.key().value().equals(i.requestId()))
          .findFirst().orElse(items.size() == 1 ? items.get(0) : null);
      if (item == null || item.leadId() == null) {
        throw Json.invalid(call.endpoint(), "the answer lacks the unsorted lead id", null);
      }
      return Map.of(u.key(), unsortedIds(item));
    }

    private Map<EffectKey, Map<EntityType, Long>> checkUnsorted(List<Effect.CreateUnsorted> us) {
      Effect.CreateUnsorted u = us.get(0);
      UnsortedDto found = reconciler.unsorted(u.callId(), tally);
      return found == null || found.leadId() == null ? Map.of()
          : Map.of(u.key(), unsortedIds(found));
    }

    private Map<EntityType, Long> unsortedIds(UnsortedDto u) {
      Map<EntityType, Long> ids = new LinkedHashMap<>();
      ids.put(EntityType.DEAL, u.leadId());
      if (u.contactId() != null) {
        ids.put(EntityType.CONTACT, u.contactId());
      }
      return ids;
    }

    // --- call records ------------------------------------------------------------------------

    private Map<EffectKey, Map<EntityType, Long>> sendNotes(EntityType type,
        List<Effect.RecordCall> calls) {
      List<Payloads.Note> notes = calls.stream()
          .map(r -> new Payloads.Note(r, resolve(r.target()).orElseThrow())).toList();
      ApiCall call = ApiCall.post("/api/v4/" + Payloads.path(type) + "/notes",
          payloads.notes(notes), ApiCall.Mode.CREATE).build();
      http.send(call, tally); // a 2xx is all we need: a note has no id the plan refers to
      return Map.of();
    }

    private Map<EffectKey, Map<EntityType, Long>> checkNotes(EntityType type,
        List<Effect.RecordCall> calls) {
      Map<EffectKey, Map<EntityType, Long>> out = new HashMap<>();
      Map<String, Set<String>> seen = new HashMap<>();
      for (Effect.RecordCall r : calls) {
        long entity = resolve(r.target()).orElseThrow();
        String noteType = Payloads.noteType(r);
        Set<String> uniqs = seen.computeIfAbsent(entity + "/" + noteType,
            k -> reconciler.noteUniqs(type, entity, noteType, tally));
        if (uniqs.contains(r.uniq())) {
          out.put(r.key(), Map.of());
        }
      }
      return out;
    }

    // --- tasks -------------------------------------------------------------------------------

    private List<Payloads.Task> resolved(List<Effect.CreateTask> tasks) {
      return tasks.stream().map(t -> new Payloads.Task(t,
          t.target().map(EntityRef::type).orElse(null),
          t.target().flatMap(this::resolve).orElse(null))).toList();
    }

    private Map<EffectKey, Map<EntityType, Long>> sendTasks(List<Effect.CreateTask> tasks) {
      ApiCall call = ApiCall.post("/api/v4/tasks", payloads.tasks(resolved(tasks)),
          ApiCall.Mode.CREATE).build();
      http.send(call, tally); // a 2xx is all we need
      return Map.of();
    }

    private Map<EffectKey, Map<EntityType, Long>> checkTasks(List<Effect.CreateTask> tasks) {
      Map<String, List<Payloads.Task>> groups = resolved(tasks).stream().collect(
          Collectors.groupingBy(t -> t.entityType() + "/" + t.task().assigneeUserId(),
              LinkedHashMap::new, Collectors.toList()));
      Map<EffectKey, Map<EntityType, Long>> out = new HashMap<>();
      for (List<Payloads.Task> group : groups.values()) {
        Payloads.Task first = group.get(0);
        Set<Long> entities = group.stream().map(Payloads.Task::entityId)
            .filter(java.util.Objects::nonNull).collect(Collectors.toCollection(
                java.util.LinkedHashSet::new));
        List<TaskDto> existing = reconciler.tasks(first.entityType(), entities,
            first.task().assigneeUserId(), tally);
        for (Payloads.Task t : group) {
          boolean found = existing.stream().anyMatch(x -> t.task().text().equals(x.text())
              && Long.valueOf(t.task().deadline().getEpochSecond()).equals(x.completeTill())
              && (t.entityId() == null || t.entityId().equals(x.entityId())));
          if (found) {
            out.put(t.task().key(), Map.of());
          }
        }
      }
      return out;
    }

    // --- idempotent writes -------------------------------------------------------------------

    private void update(Effect.UpdateFields u) {
      long id = resolve(u.target()).orElseThrow();
      sending(List.of(u));
      try {
        http.send(ApiCall.patch("/api/v4/" + Payloads.path(u.target().type()) + "/" + id,
            payloads.patch(u)).build(), tally);
      } catch (CrmException x) {
        fail(u, x);
        return;
      }
      done(u, Map.of(), false);
    }

    /** The popup is harmless to repeat and useless late: retried like a read, never checked. */
    private void notifyCall(Effect.NotifyIncomingCall n) {
      sending(List.of(n));
      try {
        http.send(ApiCall.post("/api/v2/events", payloads.event(n), ApiCall.Mode.IDEMPOTENT)
            .build(), tally);
      } catch (CrmException x) {
        fail(n, x);
        return;
      }
      done(n, Map.of(), false);
    }

    // --- bookkeeping -------------------------------------------------------------------------

    private Map<EffectKey, Map<EntityType, Long>> ids(List<? extends Effect> effects,
        List<CreatedDto> items, EntityType type, ApiCall call) {
      Map<EffectKey, Map<EntityType, Long>> out = new HashMap<>();
      for (int i = 0; i < effects.size(); i++) {
        Effect e = effects.get(i);
        int index = i;
        Long id = items.stream().filter(it -> e.key().value().equals(it.requestId()))
            .map(CreatedDto::id).findFirst()
            .orElse(items.size() == effects.size() ? items.get(index).id() : null);
        if (id == null) {
          throw Json.invalid(call.endpoint(), "the answer lacks the id of item " + i, null);
        }
        out.put(e.key(), Map.of(type, id));
      }
      return out;
    }

    private String blockedReason(Effect e, Set<EffectKey> inUnit) {
      if (stop != null) {
        return "not attempted: execution stopped after " + stop.kind();
      }
      for (EntityRef ref : e.refs()) {
        if (!(ref instanceof EntityRef.Pending p) || inUnit.contains(p.createdBy())) {
          continue;
        }
        EffectResult r = results.get(p.createdBy());
        if (r instanceof EffectResult.Done d) {
          if (!d.created().containsKey(p.type())) {
            return "depends on " + p.createdBy() + ", which reported no "
                + p.type().name().toLowerCase(java.util.Locale.ROOT) + " id";
          }
        } else if (r instanceof EffectResult.Failed) {
          return "depends on " + p.createdBy() + ", which failed";
        } else {
          return "depends on " + p.createdBy() + ", which was not carried out";
        }
      }
      return null;
    }

    private Optional<Long> resolve(EntityRef ref) {
      if (ref instanceof EntityRef.Existing x) {
        return Optional.of(x.id());
      }
      EntityRef.Pending p = (EntityRef.Pending) ref;
      EffectResult r = results.get(p.createdBy());
      return r instanceof EffectResult.Done d ? Optional.ofNullable(d.created().get(p.type()))
          : Optional.empty();
    }

    private void sending(List<? extends Effect> effects) {
      List<EffectKey> keys = keysOf(effects);
      try {
        observer.sending(keys);
      } catch (RuntimeException e) {
        throw new ObserverFailure(e);
      }
    }

    private void done(Effect e, Map<EntityType, Long> created, boolean reconciled) {
      EffectResult.Done d = new EffectResult.Done(e.key(), created, reconciled);
      results.put(e.key(), d);
      if (reconciled) {
        metrics.reconciled();
        LOG.info("{}: found already done in amoCRM; not sent again", e.key());
      }
      try {
        observer.done(d);
      } catch (RuntimeException x) {
        throw new ObserverFailure(x);
      }
    }

    private void fail(Effect e, CrmException x) {
      results.put(e.key(), new EffectResult.Failed(e.key(), x));
      if (x.stopsIntegration() && stop == null) {
        stop = x;
      }
    }

    private void failAll(List<? extends Effect> effects, CrmException x) {
      if (x instanceof AmoValidationException v && effects.size() > 1) {
        Set<String> named = v.errors().stream().map(AmoValidationException.ValidationError::requestId)
            .collect(Collectors.toSet());
        if (effects.stream().anyMatch(e -> named.contains(Redact.text(e.key().value())))) {
          // amoCRM named the refused items; whether it saved the others is unconfirmed
          // (reference §16.4): they are left uncertain, to be checked before a resend.
          for (Effect e : effects) {
            fail(e, named.contains(Redact.text(e.key().value())) ? v
                : new AmoClientException(Kind.OUTCOME_UNKNOWN, v.endpoint(),
                    "another item of the same batch was refused (" + v.getMessage()
                        + "); amoCRM does not say whether this one was saved", null));
          }
          return;
        }
      }
      effects.forEach(e -> fail(e, x));
    }

    private void skip(Effect e, String why) {
      results.put(e.key(), new EffectResult.Skipped(e.key(), why));
    }

    private CrmException unknown(List<? extends Effect> effects, String why) {
      return new AmoClientException(Kind.OUTCOME_UNKNOWN, "",
          keysOf(effects) + ": outcome unknown, not sent again: " + why, null);
    }
  }

  /**
   * amoCRM answered 2xx but the body is unreadable (the transport raises {@link
   * AmoClientException} with INVALID_RESPONSE only for 2xx bodies): the create happened.
   */
  private static boolean actedUnreadable(CrmException x) {
    return x instanceof AmoClientException && x.kind() == Kind.INVALID_RESPONSE;
  }

  private static List<EffectKey> keysOf(List<? extends Effect> effects) {
    return effects.stream().map(Effect::key).toList();
  }

  private static <T> List<T> cast(List<Effect> effects, Class<T> type) {
    return effects.stream().map(type::cast).toList();
  }
}
