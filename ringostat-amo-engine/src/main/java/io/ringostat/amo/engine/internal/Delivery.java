package io.ringostat.amo.engine.internal;

import io.ringostat.amo.core.Decider;
import io.ringostat.amo.engine.DoneEffect;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.journal.EntryState;
import io.ringostat.amo.engine.journal.Journal;
import io.ringostat.amo.engine.journal.JournalEntry;
import io.ringostat.amo.engine.journal.KeptRecord;
import io.ringostat.amo.engine.journal.KnownEntity;
import io.ringostat.amo.engine.journal.OwnershipLostException;
import io.ringostat.amo.engine.journal.RememberedTask;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.model.OpenTask;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.model.PhoneParse;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EntityRef;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.plan.WrittenRecord;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.spi.CrmException;
import io.ringostat.amo.core.spi.AmoCrm;
import io.ringostat.amo.core.spi.RecordingLinks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * Delivers one journaled event: lookup → decide → execute → record (R-KEEP, R-ONCE). Every step
 * that changes the CRM is journaled before the next, so that a retry or a crash never repeats an
 * effect. Thread-safe; one instance serves all workers.
 */
public final class Delivery {
  /** What the engine needs to know and do for a delivery. */
  public interface Host {
    /** True when the integration may call the CRM. */
    boolean active();

    /**
     * The CRM refused the credentials or blocked the account: stop the integration, then report
     * {@code result} for {@code entry} (the event that found out) before deferring the others.
     */
    void stop(CrmException cause, JournalEntry entry, HandleResult result);

    /** {@code result} is the outcome of {@code entry} ({@code last} when it is final). */
    void report(JournalEntry entry, HandleResult result, boolean last);

    /** An effect changed what the CRM holds for {@code phoneDigits} (keeps caches correct). */
    void wrote(String phoneDigits);
  }

  /** Replaced at activation when the engine chose the language of CRM texts (R-LANG). */
  private volatile IntegrationSettings settings;
  private final AmoCrm amo;
  private final Decider decider;
  private final PlanExecutor executor;
  private final Journal journal;
  private final Clock clock;
  private final Host host;
  private final Duration retryBase;
  private final Duration retryMax;
  private final Duration knownWindow;
  private final DoubleSupplier jitter;
  private final RecordingLinks recordingLinks;
  /** Attempts before an event whose CRM answers can't be read is marked FAILED. */
  static final int INVALID_RESPONSE_ATTEMPTS = 5;

  private final Set<Long> lookupRetried = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final CallLookups callLookups;

  /**
   * Decides with {@code value} from now on: the same settings with the language the engine chose
   * at activation (R-LANG).
   */
  public void useSettings(IntegrationSettings value) {
    this.settings = value;
  }

  public Delivery(IntegrationSettings settings, AmoCrm amo, Decider decider, Journal journal,
      Clock clock, Host host, Duration retryBase, Duration retryMax, Duration knownWindow,
      DoubleSupplier jitter, Duration lookupReuse, RecordingLinks recordingLinks) {
    this.callLookups = new CallLookups(lookupReuse);
    this.settings = settings;
    this.amo = amo;
    this.decider = decider;
    this.executor = new PlanExecutor(amo, journal, clock, host::wrote);
    this.journal = journal;
    this.clock = clock;
    this.host = host;
    this.retryBase = retryBase;
    this.retryMax = retryMax;
    this.knownWindow = knownWindow;
    this.jitter = jitter;
    this.recordingLinks = recordingLinks;
  }

  /** Processes {@code entry}; never throws. */
  public OrderedDispatcher.Verdict process(JournalEntry queued) {
    try {
      return processOwned(queued);
    } catch (OwnershipLostException e) {
      // Another process owns the account now (R-FLEET): write nothing more, leave the entry to it.
      return OrderedDispatcher.Verdict.PAUSE;
    }
  }

  private OrderedDispatcher.Verdict processOwned(JournalEntry queued) {
    if (!host.active()) {
      return OrderedDispatcher.Verdict.PAUSE;
    }
    JournalEntry entry = journal.entry(queued.seq()).orElse(queued);
    if (entry.state() != EntryState.PENDING) {
      return OrderedDispatcher.Verdict.DONE;
    }
    if (entry.event().isEmpty()) {
      String note = entry.note().orElse("the journaled event could not be read");
      journal.finish(entry.seq(), EntryState.FAILED, note, clock.instant());
      host.report(entry, result(entry, HandleResult.Status.FAILED, Optional.empty(), List.of(),
          note, Optional.of(CrmException.Kind.INVALID_RESPONSE)), true);
      return OrderedDispatcher.Verdict.DONE;
    }
    try {
      return deliver(entry, entry.event().get());
    } catch (CrmException e) {
      return failed(entry, Optional.empty(), List.of(), e);
    } catch (OwnershipLostException e) {
      throw e;
    } catch (RuntimeException e) {
      // A bug, a broken port or a failing journal must not lose the event: keep it pending and
      // retry later.
      String note = "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage();
      journal.recordAttempt(entry.seq(), note);
      host.report(entry, result(entry, HandleResult.Status.DEFERRED, Optional.empty(), List.of(),
          "retrying after an " + note, Optional.empty()), false);
      return new OrderedDispatcher.Verdict.Retry(backoff(entry.attempts() + 1));
    }
  }

  private OrderedDispatcher.Verdict deliver(JournalEntry entry, CallEvent received) {
    CallEvent event = withLink(received.phase().isFinal()
        ? CallLife.merged(entry.seq(), received, journal.callEntries(received.callId()))
        : received);
    PhoneParse phone = Decider.phone(event, settings);
    Set<EffectKey> uncertain = journal.uncertain(event.callId());
    CallProgress progress = journal.progress(event.callId()).withUncertain(uncertain)
        .withRecords(recordsOfOtherEntries(entry.seq(), event.callId()));
    Optional<CrmView> view;
    if (decider.needsLookup(event, settings, progress)) {
      view = phone.number().map(p -> lookup(p, event));
    } else if (progress.createdByCall(EntityType.CONTACT).isPresent()
        && !(event.phase().isFinal() && !progress.records().isEmpty())) {
      view = phone.number().map(this::journalView);
    } else {
      view = Optional.empty(); // nothing in this phase depends on what the CRM holds
    }
    Plan plan = decider.decide(event, view, settings, progress);
    if (plan.retryLookupAfter().isPresent() && lookupRetried.add(entry.seq())) {
      host.report(entry, result(entry, HandleResult.Status.DEFERRED, Optional.of(plan), List.of(),
          "no target entity yet; looking up again in " + plan.retryLookupAfter().get(),
          Optional.empty()), false);
      return new OrderedDispatcher.Verdict.Retry(plan.retryLookupAfter().get());
    }
    lookupRetried.remove(entry.seq());
    rememberTalk(event, phone);
    if (plan.isEmpty()) {
      journal.finish(entry.seq(), EntryState.DELIVERED, "nothing to do: "
          + plan.noAction().orElseThrow(), clock.instant());
      host.report(entry, result(entry, HandleResult.Status.NOTHING_TO_DO, Optional.of(plan),
          List.of(), "nothing to do: " + plan.noAction().orElseThrow(), Optional.empty()), true);
      return OrderedDispatcher.Verdict.DONE;
    }
    if (!host.active()) {
      return OrderedDispatcher.Verdict.PAUSE; // stopped or closed while looking up: send nothing
    }
    Execution report = executor.execute(entry.seq(), plan, uncertain, phone.number());
    List<DoneEffect> done = doneEffects(plan, report);
    if (report.isComplete()) {
      journal.finish(entry.seq(), EntryState.DELIVERED, done.size() + " effect(s) done",
          clock.instant());
      host.report(entry, result(entry, HandleResult.Status.DELIVERED, Optional.of(plan), done,
          done.size() + " effect(s) done", Optional.empty()), true);
      return OrderedDispatcher.Verdict.DONE;
    }
    CrmException error = report.firstError().orElseGet(() ->
        new CrmException(CrmException.Kind.TRANSIENT, "some effects were skipped"));
    return failed(entry, Optional.of(plan), done, error);
  }

  /**
   * R-LIFE: the call records this call wrote from other entries than {@code seq}: news about the
   * call edits them. A retry of the entry that wrote them decides as before (a record it could
   * not write yet, e.g. the second of BOTH, is still written).
   */
  private Map<EffectKey, WrittenRecord> recordsOfOtherEntries(long seq, String callId) {
    List<KeptRecord> kept = journal.records(callId);
    if (kept.isEmpty() || kept.stream().anyMatch(k -> k.seq() == seq)) {
      return Map.of();
    }
    Map<EffectKey, WrittenRecord> out = new java.util.LinkedHashMap<>();
    kept.forEach(k -> out.put(k.key(), k.record()));
    return out;
  }

  /** The event with the link the host's {@link RecordingLinks} makes of its recording reference. */
  private CallEvent withLink(CallEvent event) {
    if (event.recordingUrl().isEmpty()) {
      return event;
    }
    Optional<String> link = recordingLinks.link(event, event.recordingUrl().get());
    if (link.equals(event.recordingUrl())) {
      return event;
    }
    return CallEvent.builder().from(event).recordingUrl(link).build();
  }

  /**
   * amoCRM's view of {@code phone}, merged with what the journal knows. An ENDED reuses the
   * lookup an earlier event of the same call made within the reuse window ({@link CallLookups}).
   */
  private CrmView lookup(PhoneNumber phone, CallEvent event) {
    Instant now = clock.instant();
    Optional<CrmView> reused = event.phase() == io.ringostat.amo.core.model.CallPhase.ENDED
        ? callLookups.fresh(event.callId(), now) : Optional.empty();
    CrmView found;
    if (reused.isPresent() && reused.get().phone().equals(phone)) {
      found = reused.get();
    } else {
      found = amo.lookup(phone, Set.of());
      if (event.phase() != io.ringostat.amo.core.model.CallPhase.ENDED) {
        callLookups.remember(event.callId(), found, now);
      }
    }
    if (event.phase() == io.ringostat.amo.core.model.CallPhase.ENDED) {
      callLookups.forget(event.callId());
    }
    List<KnownEntity> known =
        journal.knownEntities(phone.digits(), clock.instant().minus(knownWindow));
    return ViewMerger.merge(found, known).withOpenCallbackTasks(openTasks(phone));
  }

  /** What the journal knows for {@code phone}, without asking the CRM. */
  private CrmView journalView(PhoneNumber phone) {
    return ViewMerger.merge(CrmView.empty(phone),
        journal.knownEntities(phone.digits(), clock.instant().minus(knownWindow)))
        .withOpenCallbackTasks(openTasks(phone));
  }

  /**
   * R-LIFE: the open tasks the SDK created for {@code phone}, from the journal (no request); the
   * decision picks the call-back ones by template.
   */
  private List<OpenTask> openTasks(PhoneNumber phone) {
    List<OpenTask> out = new ArrayList<>();
    for (RememberedTask t : journal.openTasks(phone.digits())) {
      Optional<EntityType> type = t.entityType();
      if (type.isPresent() && type.get() == EntityType.COMPANY) {
        continue; // the decision puts call-back tasks on deals and contacts only
      }
      boolean deal = type.equals(Optional.of(EntityType.DEAL));
      out.add(new OpenTask(t.id(), t.template(), deal ? t.entityId() : Optional.empty(),
          deal ? Optional.empty() : t.entityId(), t.assigneeUserId(), t.deadline()));
    }
    return out;
  }

  private OrderedDispatcher.Verdict failed(JournalEntry entry, Optional<Plan> plan,
      List<DoneEffect> done, CrmException e) {
    if (e.stopsIntegration()) {
      host.stop(e, entry, result(entry, HandleResult.Status.DEFERRED, plan, done,
          "journaled; the integration stopped (" + e.kind() + "): " + e.getMessage(),
          Optional.of(e.kind())));
      return OrderedDispatcher.Verdict.PAUSE;
    }
    if (e.retryable() || unreadableYetRetryable(entry, e)) {
      journal.recordAttempt(entry.seq(), e.kind() + ": " + e.getMessage());
      Duration delay = backoff(entry.attempts() + 1);
      host.report(entry, result(entry, HandleResult.Status.DEFERRED, plan, done,
          "retrying in " + delay.toMillis() + " ms after " + e.kind() + ": " + e.getMessage(),
          Optional.of(e.kind())), false);
      return new OrderedDispatcher.Verdict.Retry(delay);
    }
    String note = e.kind() + ": " + e.getMessage();
    journal.finish(entry.seq(), EntryState.FAILED, note, clock.instant());
    host.report(entry, result(entry, HandleResult.Status.FAILED, plan, done, note,
        Optional.of(e.kind())), true);
    return OrderedDispatcher.Verdict.DONE;
  }

  /**
   * An answer we could not read is often a proxy's or a network's accident: try a few times before
   * giving the event up as FAILED (it stays in the journal either way).
   */
  private static boolean unreadableYetRetryable(JournalEntry entry, CrmException e) {
    return e.kind() == CrmException.Kind.INVALID_RESPONSE
        && entry.attempts() + 1 < INVALID_RESPONSE_ATTEMPTS;
  }

  private void rememberTalk(CallEvent event, PhoneParse phone) {
    if (!event.isAnswered() || phone.number().isEmpty()) {
      return;
    }
    Optional<Employee> e = event.employeeEndpoint().flatMap(settings.directory()::byEndpoint);
    e.ifPresent(emp -> journal.rememberTalk(phone.number().get().digits(), emp.amoUserId(),
        event.occurredAt()));
  }

  private List<DoneEffect> doneEffects(Plan plan, Execution report) {
    Map<EffectKey, Map<EntityType, Long>> created = new HashMap<>();
    report.done().forEach(d -> created.put(d.key(), d.created()));
    List<DoneEffect> out = new ArrayList<>();
    for (StepResult.Done d : report.done()) {
      Effect effect = plan.effects().stream().filter(e -> e.key().equals(d.key())).findFirst()
          .orElse(null);
      List<String> links = new ArrayList<>();
      d.created().forEach((type, id) -> links.add(settings.account().webUrl(type, id)));
      if (effect != null) {
        for (EntityRef ref : effect.refs()) {
          resolve(ref, created).ifPresent(id -> {
            String link = settings.account().webUrl(ref.type(), id);
            if (!links.contains(link)) {
              links.add(link);
            }
          });
        }
      }
      out.add(new DoneEffect(d.key(), d.created(), links, d.reconciled()));
    }
    return out;
  }

  private static Optional<Long> resolve(EntityRef ref, Map<EffectKey, Map<EntityType, Long>> made) {
    if (ref instanceof EntityRef.Existing e) {
      return Optional.of(e.id());
    }
    EntityRef.Pending p = (EntityRef.Pending) ref;
    return Optional.ofNullable(made.getOrDefault(p.createdBy(), Map.of()).get(p.type()));
  }

  private Duration backoff(int attempt) {
    long base = retryBase.toMillis() << Math.min(20, Math.max(0, attempt - 1));
    long capped = Math.min(retryMax.toMillis(), base);
    // 75–100 % jitter spreads retries of many phones after an outage.
    return Duration.ofMillis((long) (capped * (0.75 + 0.25 * jitter.getAsDouble())));
  }

  private static HandleResult result(JournalEntry entry, HandleResult.Status status,
      Optional<Plan> plan, List<DoneEffect> done, String message,
      Optional<CrmException.Kind> kind) {
    return new HandleResult(entry.seq(), entry.callId(), status, plan, done, message, kind);
  }

  /** Seqs that must be forgotten when the dispatcher is cleared. */
  public void forgetLookupRetries() {
    lookupRetried.clear();
  }
}
