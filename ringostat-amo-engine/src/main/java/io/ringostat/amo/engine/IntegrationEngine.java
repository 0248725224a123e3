package io.ringostat.amo.engine;

import io.ringostat.amo.core.Decider;
import io.ringostat.amo.engine.internal.Delivery;
import io.ringostat.amo.engine.internal.OrderedDispatcher;
import io.ringostat.amo.engine.internal.RoutingService;
import io.ringostat.amo.engine.journal.Appended;
import io.ringostat.amo.engine.journal.EntryState;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.engine.journal.Journal;
import io.ringostat.amo.engine.journal.JournalEntry;
import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.routing.CallerCard;
import io.ringostat.amo.core.routing.RoutingDecision;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.SettingsProblem;
import io.ringostat.amo.core.settings.SettingsValidator;
import io.ringostat.amo.core.spi.CrmException;
import io.ringostat.amo.core.spi.AmoCrm;
import io.ringostat.amo.core.spi.RecordingLinks;
import io.ringostat.amo.core.spi.Credentials;
import io.ringostat.amo.core.text.Language;
import io.ringostat.amo.core.text.LanguageChoice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The integration hosts embed (R-KEEP, R-ONCE, R-LIMITS, R-OBS): {@link #handle} journals each
 * call event before any CRM request, looks the client up, asks the {@link Decider} for a plan,
 * carries it out through the {@link AmoCrm} port exactly once and records every effect, so that
 * retries, duplicates and crashes never apply an effect twice and never lose an event.
 *
 * <p><b>Ordering.</b> Events of the same normalized client phone are applied strictly in arrival
 * order; different phones run in parallel on a bounded pool of {@code workers} threads.
 *
 * <p><b>Back-pressure.</b> At most {@code queueCapacity} events wait in memory. Beyond that an
 * event is still journaled (nothing is dropped) and {@code handle} returns {@code DEFERRED}; the
 * engine reads it back from the journal when the queue has room.
 *
 * <p><b>States.</b> INACTIVE until {@link #activate()}; ACTIVE; BROKEN when amoCRM refuses the
 * credentials (an {@link Alert.Kind#AUTHORIZATION_PROBLEM} alert; events are journaled until
 * {@link #reactivate}); BLOCKED when amoCRM blocks the API (a probe every {@code blockedProbe}
 * resumes delivery).
 *
 * <p>State changes and alerts are logged through SLF4J (logger {@code
 * io.ringostat.amo.engine.IntegrationEngine}) as well as reported to the listener; logs never carry
 * tokens or phone numbers.
 *
 * <p><b>Every future completes.</b> A {@code handle} future completes when the event is delivered,
 * refused or deferred: when the integration stops (BROKEN, BLOCKED) every queued event's future
 * answers {@code DEFERRED} at once (the events stay PENDING in the journal), {@link #close()}
 * answers every outstanding one {@code DEFERRED}, and {@link #handle} itself waits at most the
 * builder's {@code handleTimeout}.
 *
 * <p>Thread-safe. {@code handle} never throws on bad input: malformed input is a {@code REJECTED}
 * result kept in the journal. {@link #close()} stops the workers and closes the journal.
 */
public final class IntegrationEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IntegrationEngine.class);
  /** Threads for routing lookups at most; hung lookups never leave a new one without a thread. */
  static final int MAX_LOOKUP_THREADS = 256;
  private static final String CLOSED_MESSAGE = "the engine is closed";
  private static final String PAUSED_MESSAGE =
      "journaled; the integration is paused and delivers it when resumed";

  private final IntegrationSettings settings;
  private final AmoCrm amo;
  private final Decider decider;
  private final Duration handleTimeout;
  private final Journal journal;
  private final Clock clock;
  private final EngineListener listener;
  private final int queueCapacity;
  private final Duration blockedProbe;
  private final Duration retention;
  private final Executor workers;
  private final ScheduledExecutorService timer;
  private final ExecutorService lookups;
  /** The engine's own pools, shut down by close; absent when the host shares its pools. */
  private final Optional<ExecutorService> ownWorkers;
  private final boolean ownsJournal;
  private volatile java.util.concurrent.ScheduledFuture<?> pruneTask;
  private final OrderedDispatcher dispatcher;
  private final Delivery delivery;
  private final RoutingService routing;
  private volatile Optional<AccountCatalog> catalog = Optional.empty();

  private final Object intake = new Object();
  private final AtomicReference<EngineState> state = new AtomicReference<>(EngineState.INACTIVE);
  private final Map<Long, Waiter> waiting = new ConcurrentHashMap<>();
  private final AtomicBoolean pruning = new AtomicBoolean();
  private final AtomicLong handled = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong nothing = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong deferredAtIntake = new AtomicLong();
  private final AtomicLong reconciled = new AtomicLong();
  private volatile ZoneId accountZone;
  /** {@link #settings} with the language chosen at activation (R-LANG). */
  private volatile IntegrationSettings effective;
  private long highWater;
  private boolean overflow;

  private IntegrationEngine(Builder b) {
    this.settings = Objects.requireNonNull(b.settings, "settings");
    this.amo = Objects.requireNonNull(b.amo, "amo: call Builder.amo(AmoCrm) with the amoCRM port");
    this.decider = b.decider;
    this.handleTimeout = b.handleTimeout;
    this.journal = b.journal != null ? b.journal : new InMemoryJournal();
    this.clock = b.clock;
    this.listener = b.listener;
    this.queueCapacity = b.queueCapacity;
    this.blockedProbe = b.blockedProbe;
    this.retention = b.retention;
    this.accountZone = settings.account().timeZone().orElse(ZoneId.of("UTC"));
    this.effective = settings;
    this.ownsJournal = b.ownsJournal;
    if (b.executors != null) {
      this.ownWorkers = Optional.empty();
      this.workers = b.executors.workers();
      this.timer = b.executors.timer();
    } else {
      ExecutorService own = Executors.newFixedThreadPool(b.workers, daemon("ringostat-amo-worker"));
      this.ownWorkers = Optional.of(own);
      this.workers = own;
      this.timer = Executors.newSingleThreadScheduledExecutor(daemon("ringostat-amo-timer"));
    }
    this.delivery = new Delivery(settings, amo, decider, journal, clock, new DeliveryHost(),
        b.retryBase, b.retryMax, b.knownEntityWindow, b.jitter, b.lookupReuse, b.recordingLinks);
    this.dispatcher = new OrderedDispatcher(workers, timer, delivery::process, this::refillIfRoom);
    // Routing lookups get their own threads, on demand, so that neither a backlog of events nor
    // lookups that hang leave a ringing call without one; idle threads end after 30 s.
    this.lookups = b.executors != null ? b.executors.lookups()
        : new ThreadPoolExecutor(0, MAX_LOOKUP_THREADS, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), daemon("ringostat-amo-lookup"));
    this.routing = new RoutingService(settings, amo, journal, clock, lookups,
        () -> state.get() == EngineState.ACTIVE, () -> state.get() == EngineState.PAUSED,
        () -> catalog, b.knownEntityWindow);
  }

  /** A caller waiting for the outcome of entry {@code seq}. */
  private record Waiter(String callId, CompletableFuture<HandleResult> future) {}

  /** An event accepted by {@link #accept}: its journal entry and the future of its outcome. */
  private record Accepted(long seq, String callId, CompletableFuture<HandleResult> future) {}

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Checks the credentials and the settings against the live account before any call is
   * handled: every employee's amoCRM user exists and is active, every pipeline and status named
   * by the settings exists, every mapped custom field exists, the senior manager is set. Returns every
   * problem at once; the engine goes ACTIVE only when there is no error, and then resumes
   * delivering journaled events. This is the one method that starts the engine's work (the
   * builder starts nothing); it may be called again after fixing the problems it listed.
   *
   * @throws IllegalStateException if the engine is closed, or paused (call {@link #resume})
   */
  public ActivationResult activate() {
    requireOpenAndNotPaused("activate()");
    schedulePruning();
    ActivationResult result = checkAccount();
    if (result.isActive()) {
      restartDelivery();
    }
    return result;
  }

  /**
   * Accepts a call event and returns its outcome once it is delivered, refused, or deferred,
   * waiting at most the builder's {@code handleTimeout}: then the answer is {@code DEFERRED}
   * ("still being delivered") and the listener gets the final outcome. The event is journaled
   * before any CRM request. Never throws on bad input; never blocks longer than the timeout.
   *
   * @throws IllegalStateException with the message "the engine is closed" if the engine is
   *     closed (or closes while the event is being accepted); the event is then not journaled.
   *     This is the only exception {@code handle} throws.
   */
  public HandleResult handle(CallEvent event) {
    Accepted a = accept(event);
    try {
      return a.future().get(handleTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return deferred(a.seq(), a.callId(), "journaled and still being delivered after "
          + handleTimeout.toMillis() + " ms; the listener gets the outcome");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return deferred(a.seq(), a.callId(), "journaled; interrupted while waiting for the"
          + " delivery; the listener gets the outcome");
    } catch (java.util.concurrent.ExecutionException e) {
      // Futures of handle are only ever completed with a result; kept for completeness.
      return deferred(a.seq(), a.callId(), "journaled; the listener gets the outcome");
    }
  }

  /**
   * Like {@link #handle}, without blocking: the future completes with the same result (always
   * normally, never exceptionally), at the latest when the engine stops dispatching or closes.
   * The listener also receives the final outcome of deferred events.
   *
   * @throws IllegalStateException with the message "the engine is closed" if the engine is
   *     closed; the event is then not journaled
   */
  public CompletableFuture<HandleResult> handleAsync(CallEvent event) {
    return accept(event).future();
  }

  private Accepted accept(CallEvent event) {
    if (state.get() == EngineState.CLOSED) {
      throw new IllegalStateException(CLOSED_MESSAGE);
    }
    if (event == null) {
      HandleResult r = reject("null", "the event is null");
      return new Accepted(r.seq(), r.callId(), CompletableFuture.completedFuture(r));
    }
    String phoneKey = Decider.phone(event, settings).number().map(PhoneNumber::digits)
        .orElseGet(() -> Journal.unparseablePhoneKey(event.callId()));
    synchronized (intake) {
      // Checked under the intake lock, which close() takes to close the journal: no event is
      // appended to a closed journal.
      if (state.get() == EngineState.CLOSED) {
        throw new IllegalStateException(CLOSED_MESSAGE);
      }
      handled.incrementAndGet();
      Appended a = journal.append(event, phoneKey, clock.instant());
      JournalEntry entry = a.entry();
      if (a.duplicate()) {
        duplicates.incrementAndGet();
        return new Accepted(entry.seq(), entry.callId(), CompletableFuture.completedFuture(
            new HandleResult(entry.seq(), entry.callId(), HandleResult.Status.DUPLICATE,
                Optional.empty(), List.of(), "already journaled as #" + entry.seq() + " ("
                    + entry.state() + "); not applied twice", Optional.empty())));
      }
      CompletableFuture<HandleResult> future = new CompletableFuture<>();
      waiting.put(entry.seq(), new Waiter(entry.callId(), future));
      if (state.get() != EngineState.ACTIVE) {
        deferredAtIntake.incrementAndGet();
        complete(entry, deferred(entry, state.get() == EngineState.PAUSED ? PAUSED_MESSAGE
            : "journaled; the integration is " + state.get() + " and delivers it when active"));
      } else if (overflow || dispatcher.size() >= queueCapacity) {
        overflow = true;
        deferredAtIntake.incrementAndGet();
        complete(entry, deferred(entry, "journaled; the queue is full (" + queueCapacity
            + " events) and it is delivered in order when there is room"));
      } else {
        highWater = entry.seq();
        dispatcher.submit(entry);
      }
      return new Accepted(entry.seq(), entry.callId(), future);
    }
  }

  /**
   * Records a malformed input (e.g. a line that is not a valid call event) as REJECTED in the
   * journal with the reason, so it stays visible; returns the REJECTED result.
   */
  public HandleResult reject(String raw, String reason) {
    JournalEntry e;
    synchronized (intake) {
      if (state.get() == EngineState.CLOSED) {
        throw new IllegalStateException(CLOSED_MESSAGE);
      }
      e = journal.appendRejected(raw == null ? "null" : raw,
          reason == null ? "no reason given" : reason, clock.instant());
    }
    rejected.incrementAndGet();
    HandleResult r = new HandleResult(e.seq(), e.callId(), HandleResult.Status.REJECTED,
        Optional.empty(), List.of(), reason, Optional.empty());
    notifyOutcome(r);
    return r;
  }

  /**
   * Returns the integration to ACTIVE with new credentials (after a broken token, R-KEEP). With
   * {@code resend}, every undelivered event of the last {@code resendWindowDays} calendar days
   * (today and the days before, in the account's time zone) is delivered in original order and
   * older ones are marked EXPIRED (reported, never silently dropped); without it, undelivered
   * events are marked SKIPPED. Every future still waiting completes ({@code DEFERRED}) when
   * dispatching stops for the reactivation.
   *
   * @throws IllegalStateException if the engine is closed, or paused (call {@link #resume})
   */
  public ReactivationResult reactivate(Credentials credentials, boolean resend) {
    requireOpenAndNotPaused("reactivate()");
    amo.useCredentials(credentials);
    stopDispatching();
    deferWaiting("journaled; the integration is being reactivated");
    return restart("reactivated without resend", resend);
  }

  /**
   * Pauses the integration (R-PAUSE): an operator's stop. Every event is still journaled and
   * answered {@code DEFERRED} ("the integration is paused"), nothing is sent to amoCRM, and
   * {@link #route} and {@link #callerCard} fall through ({@link
   * io.ringostat.amo.core.routing.FallThroughReason#INTEGRATION_PAUSED}). An event being delivered
   * finishes first; every future still waiting completes {@code DEFERRED}. Raises one {@link
   * Alert.Kind#PAUSED} alert. Idempotent: pausing a paused engine does nothing.
   *
   * <p>Pausing works from any open state. A BROKEN or BLOCKED engine becomes PAUSED too (and stops
   * probing); {@link #resume} checks the account again, so a token that is still refused turns
   * the engine BROKEN again, with its alert, and the events stay pending.
   *
   * @throws IllegalStateException if the engine is closed
   */
  public void pause() {
    if (state.get() == EngineState.CLOSED) {
      throw new IllegalStateException(CLOSED_MESSAGE);
    }
    if (state.get() == EngineState.PAUSED) {
      return;
    }
    stopDispatching();
    EngineState before = moveTo(EngineState.PAUSED, "paused by the operator");
    if (before == EngineState.CLOSED || before == EngineState.PAUSED) {
      return;
    }
    alert(Alert.Kind.PAUSED, "the integration is paused (it was " + before + "); calls are kept"
        + " in the journal and nothing is sent to amoCRM until it is resumed");
    deferWaiting(PAUSED_MESSAGE);
  }

  /**
   * Resumes a paused integration (R-PAUSE), checking the account as {@link #activate} does. With
   * {@code resend}, what came while paused is delivered exactly as {@link #reactivate} delivers
   * it: events of the last {@code resendWindowDays} calendar days in original order, older ones
   * EXPIRED (reported with an alert). Without it, pending events are marked SKIPPED. If the
   * account check fails (e.g. the token is refused: BROKEN), nothing is resent or skipped and the
   * events stay pending. Raises one {@link Alert.Kind#RESUMED} alert when it becomes ACTIVE.
   *
   * @throws IllegalStateException if the engine is closed or not paused; the message names the
   *     state
   */
  public ReactivationResult resume(boolean resend) {
    EngineState now = state.get();
    if (now != EngineState.PAUSED) {
      throw new IllegalStateException(now == EngineState.CLOSED ? CLOSED_MESSAGE
          : "the integration is " + now + ", not paused; resume() follows pause()");
    }
    ReactivationResult result = restart("resumed without resend", resend);
    if (result.activation().isActive()) {
      alert(Alert.Kind.RESUMED, "the integration is resumed " + (resend
          ? "and resends " + result.resent() + " event(s)"
          : "without resend; " + result.skipped() + " event(s) skipped"));
    }
    return result;
  }

  private void requireOpenAndNotPaused(String what) {
    EngineState now = state.get();
    if (now == EngineState.CLOSED) {
      throw new IllegalStateException(CLOSED_MESSAGE);
    }
    if (now == EngineState.PAUSED) {
      throw new IllegalStateException("the integration is paused; call resume(resend) before "
          + what);
    }
  }

  /**
   * Checks the account and, when it is active, settles the pending events (R-KEEP): with {@code
   * resend} those within the resend window are kept for delivery and older ones EXPIRED; without
   * it, all are SKIPPED with {@code skipReason}. Then delivery restarts. Shared by {@link
   * #reactivate} and {@link #resume}.
   */
  private ReactivationResult restart(String skipReason, boolean resend) {
    ActivationResult activation = checkAccount();
    Instant windowStart = windowStart();
    if (!activation.isActive()) {
      return new ReactivationResult(activation, 0, List.of(), 0, windowStart);
    }
    List<JournalEntry> expired = new ArrayList<>();
    int resent = 0;
    int skipped = 0;
    long after = 0;
    List<JournalEntry> page;
    while (!(page = journal.pending(after, 1000)).isEmpty()) {
      for (JournalEntry e : page) {
        after = e.seq();
        Instant callTime = e.event().map(CallEvent::startedAt).orElse(e.receivedAt());
        if (!resend) {
          journal.finish(e.seq(), EntryState.SKIPPED, skipReason,
              clock.instant());
          skipped++;
        } else if (callTime.isBefore(windowStart)) {
          journal.finish(e.seq(), EntryState.EXPIRED, "older than the resend window (calls since "
              + windowStart.atZone(accountZone).toLocalDateTime() + " " + accountZone + ", "
              + settings.resendWindowDays() + " calendar days)", clock.instant());
          expired.add(journal.entry(e.seq()).orElse(e));
        } else {
          resent++;
        }
      }
    }
    if (!expired.isEmpty()) {
      alert(Alert.Kind.EVENTS_EXPIRED, expired.size() + " undelivered event(s) were older than"
          + " the resend window and were not sent; see expired()");
    }
    restartDelivery();
    return new ReactivationResult(activation, resent, expired, skipped, windowStart);
  }

  /**
   * Who should take a call from {@code clientPhone} (R-ROUTE): the employee responsible for the
   * first open entity in the configured priority order, or "fall through" with the reason. The
   * answer arrives within the settings' routing budget (default 1.5 s) whatever amoCRM does;
   * repeated lookups are served from a short-lived cache that the engine's own writes keep
   * correct. Never throws.
   */
  public RoutingDecision route(String clientPhone) {
    return routing.route(clientPhone);
  }

  /**
   * What amoCRM knows about {@code clientPhone} (R-CARD): contact name, responsible manager, open
   * deals with pipeline and status names, company, and web links; an empty card with the reason
   * when nothing is known. Within the same budget as {@link #route}. Never throws.
   */
  public CallerCard callerCard(String clientPhone) {
    return routing.card(clientPhone);
  }

  /**
   * Forgets what the routing cache holds for {@code clientPhone}, or for every cached lookup that
   * holds the entity {@code entity} (a contact, deal or company), so that the next {@link #route}
   * asks amoCRM again. For hosts that learn of changes made in amoCRM, e.g. from its webhooks
   * (R-SOURCES). Either argument may be null; an unparseable phone is ignored. Never throws, never
   * calls amoCRM.
   *
   * @param clientPhone a phone in any format {@link #route} accepts, or null
   * @param entity the entity's type, or null; {@code entityId} is then ignored
   */
  public void invalidateRouting(String clientPhone, EntityType entity, long entityId) {
    if (clientPhone != null) {
      settings.phoneNormalizer().normalize(clientPhone).number()
          .ifPresent(p -> routing.invalidate(p.digits()));
    }
    if (entity != null) {
      routing.invalidateEntity(entity, entityId);
    }
  }

  /** The integration's state. */
  public EngineState state() {
    return state.get();
  }

  /** The last {@code limit} events in {@code state} (e.g. EXPIRED, FAILED, REJECTED). */
  public List<JournalEntry> journalEntries(EntryState entryState, int limit) {
    return journal.entries(entryState, limit);
  }

  /** The last {@code limit} events that were too old to resend (R-KEEP). */
  public List<JournalEntry> expired(int limit) {
    return journal.entries(EntryState.EXPIRED, limit);
  }

  /**
   * The settings in effect: those given to the builder, with the {@linkplain
   * IntegrationSettings#language() language} of CRM texts chosen at activation when they set none
   * (R-LANG).
   */
  public IntegrationSettings settings() {
    return effective;
  }

  /** The account's time zone: the settings' override, else the account's. */
  public ZoneId accountZone() {
    return accountZone;
  }

  public EngineMetrics metrics() {
    return new EngineMetrics(state.get(), handled.get(), delivered.get(), nothing.get(),
        duplicates.get(), failed.get(), rejected.get(), retries.get(), dispatcher.size(),
        journal.counts(), amo.metrics(), deferredAtIntake.get(), reconciled.get(),
        oldestPending());
  }

  /**
   * When the oldest event still pending in the journal was received (one journal read); empty
   * when nothing is pending or the engine is closed.
   */
  public Optional<Instant> oldestPending() {
    if (state.get() == EngineState.CLOSED && ownsJournal) {
      return Optional.empty();
    }
    return journal.pending(0, 1).stream().findFirst().map(JournalEntry::receivedAt);
  }

  /** Deletes finished journal entries older than the retention; returns how many. */
  public int prune() {
    return journal.prune(clock.instant().minus(retention));
  }

  /**
   * Closes the engine. What a host may expect:
   *
   * <ul>
   *   <li>every outstanding {@code handle} future completes at once with {@code DEFERRED} "the
   *       engine is closed"; those events stay PENDING in the journal and are delivered by the
   *       next engine activated on the same (durable) journal;
   *   <li>{@code handle}, {@code handleAsync}, {@code reject}, {@code activate} and {@code
   *       reactivate} called after (or racing) {@code close} throw {@link IllegalStateException}
   *       "the engine is closed", or return a result if they got in first; they never hang;
   *   <li>an event being delivered is given up to {@value #CLOSE_GRACE_SECONDS} seconds to finish;
   *       if it does not, its effects in flight stay uncertain in the journal and are checked in
   *       amoCRM before any resend (R-ONCE);
   *   <li>the journal given to the builder is closed. Calling {@code close} again does nothing.
   * </ul>
   */
  @Override
  public void close() {
    EngineState before;
    synchronized (intake) {
      before = state.getAndSet(EngineState.CLOSED);
      if (before == EngineState.CLOSED) {
        return;
      }
      dispatcher.pause();
      dispatcher.clear();
    }
    LOG.info("integration state {} -> CLOSED", before);
    deferWaiting(CLOSED_MESSAGE + "; the event stays pending in the journal");
    if (ownWorkers.isPresent()) {
      timer.shutdownNow();
      lookups.shutdownNow();
      ownWorkers.get().shutdown();
    } else if (pruneTask != null) {
      pruneTask.cancel(false); // shared pools stay; only this engine's work stops
    }
    try {
      boolean idle = ownWorkers.isPresent()
          ? ownWorkers.get().awaitTermination(CLOSE_GRACE_SECONDS, TimeUnit.SECONDS)
          : dispatcher.awaitIdle(Duration.ofSeconds(CLOSE_GRACE_SECONDS));
      if (!idle) {
        LOG.warn("an event was still being delivered {} s after close; its effects in flight"
            + " stay uncertain in the journal", CLOSE_GRACE_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ownWorkers.ifPresent(ExecutorService::shutdownNow);
    if (ownsJournal) {
      synchronized (intake) {
        journal.close();
      }
    }
    deferWaiting(CLOSED_MESSAGE); // anything a last delivery left
  }

  /** Seconds {@link #close()} waits for an event being delivered. */
  public static final int CLOSE_GRACE_SECONDS = 10;

  // --- activation ---------------------------------------------------------------------------

  private ActivationResult checkAccount() {
    List<SettingsProblem> problems = new ArrayList<>(SettingsValidator.validate(settings));
    AccountCatalog catalog;
    try {
      amo.probe();
      catalog = amo.catalog(true);
    } catch (CrmException e) {
      EngineState next = e.kind() == CrmException.Kind.AUTHENTICATION ? EngineState.BROKEN
          : e.kind() == CrmException.Kind.ACCOUNT_BLOCKED ? EngineState.BLOCKED
          : EngineState.INACTIVE;
      setStopped(next, e);
      return new ActivationResult(next, problems, "amoCRM did not accept the activation: "
          + e.kind() + ": " + e.getMessage());
    }
    accountZone = settings.account().timeZone().orElse(catalog.timeZone());
    this.catalog = Optional.of(catalog);
    useLanguage(catalog);
    problems.addAll(SettingsValidator.validateAgainst(settings, catalog));
    List<SettingsProblem> errors = problems.stream().filter(SettingsProblem::isError).toList();
    if (!errors.isEmpty()) {
      moveTo(EngineState.INACTIVE, "settings problems");
      alert(Alert.Kind.SETTINGS_PROBLEM, errors.size() + " settings problem(s) keep the"
          + " integration inactive: " + errors);
      return new ActivationResult(EngineState.INACTIVE, problems,
          "the settings don't match the account; fix the listed problems and activate again");
    }
    moveTo(EngineState.ACTIVE, "activated");
    return new ActivationResult(state.get(), problems, state.get() == EngineState.ACTIVE ? "active"
        : "the engine is closed");
  }

  /**
   * R-LANG: without a language in the settings, chooses it once per activation from the account's
   * country and the admin's interface language; decisions from now on write in it.
   */
  private void useLanguage(AccountCatalog catalog) {
    IntegrationSettings next = settings;
    if (settings.account().timeZone().isEmpty()) {
      // R-HOURS: working hours are read in the account's zone, which amoCRM reports
      next = next.withAccountTimeZone(catalog.timeZone());
    }
    if (settings.language().isEmpty()) {
      Language language = LanguageChoice.choose(Optional.empty(), catalog.adminUserLang(),
          catalog.country());
      next = next.withLanguage(language);
      LOG.info("CRM texts in {} (account country {}, admin interface {})", language,
          catalog.country().orElse("unknown"), catalog.adminUserLang().orElse("unknown"));
    }
    effective = next;
    delivery.useSettings(effective);
    routing.useSettings(effective);
  }

  private Instant windowStart() {
    LocalDate today = LocalDate.now(clock.withZone(accountZone));
    return today.minusDays(settings.resendWindowDays() - 1L).atStartOfDay(accountZone).toInstant();
  }

  private void setStopped(EngineState next, CrmException e) {
    setStopped(next, e, () -> { });
  }

  /**
   * Stops delivery in state {@code next}; {@code reportTrigger} reports the event that found out
   * (its caller learns why, with the state already changed) before the others are deferred.
   */
  private void setStopped(EngineState next, CrmException e, Runnable reportTrigger) {
    EngineState before = moveTo(next, e.kind().toString());
    dispatcher.pause();
    if (before == EngineState.CLOSED) {
      return;
    }
    if (before != next) {
      alertStopped(next, e);
    }
    reportTrigger.run();
    // After the alert: a caller whose future completes here sees the alert already raised.
    deferWaiting("journaled; the integration is " + next + " and delivers it when active");
  }

  private void alertStopped(EngineState next, CrmException e) {
    if (next == EngineState.BROKEN) {
      alert(Alert.Kind.AUTHORIZATION_PROBLEM, "amoCRM refused the credentials (" + e.getMessage()
          + "). Calls are kept in the journal; reactivate with new credentials and resend.");
    } else if (next == EngineState.BLOCKED) {
      alert(Alert.Kind.ACCOUNT_BLOCKED, "amoCRM blocked the account's API (" + e.getMessage()
          + "). Calls are kept; the engine probes every " + blockedProbe + ".");
      scheduleProbe();
    }
  }

  private void scheduleProbe() {
    try {
      timer.schedule(() -> offTimer(this::probeBlocked), blockedProbe.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // closing
    }
  }

  private void probeBlocked() {
    if (state.get() != EngineState.BLOCKED) {
      return;
    }
    try {
      amo.probe();
    } catch (CrmException e) {
      scheduleProbe();
      return;
    } catch (RuntimeException e) {
      LOG.warn("probing the blocked account failed unexpectedly; probing again later", e);
      scheduleProbe();
      return;
    }
    if (state.compareAndSet(EngineState.BLOCKED, EngineState.ACTIVE)) {
      LOG.info("integration state BLOCKED -> ACTIVE (amoCRM answers again)");
      alert(Alert.Kind.ACCOUNT_UNBLOCKED, "amoCRM answers again; delivery resumed");
      restartDelivery();
    }
  }

  // --- dispatching --------------------------------------------------------------------------

  private void stopDispatching() {
    dispatcher.pause();
    try {
      dispatcher.awaitIdle(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reloads pending events from the journal in order and lets them run. */
  private void restartDelivery() {
    stopDispatching();
    synchronized (intake) {
      dispatcher.clear();
      delivery.forgetLookupRetries();
      highWater = 0;
      overflow = true;
      refill();
      dispatcher.resume();
    }
  }

  private void refillIfRoom() {
    if (overflow && dispatcher.size() < queueCapacity / 2 + 1) {
      synchronized (intake) {
        refill();
      }
    }
  }

  /** Called with the intake lock held. */
  private void refill() {
    int room = queueCapacity - dispatcher.size();
    if (room <= 0 || !overflow) {
      return;
    }
    List<JournalEntry> page = journal.pending(highWater, room);
    for (JournalEntry e : page) {
      highWater = e.seq();
      dispatcher.submit(e);
    }
    if (page.size() < room) {
      overflow = false;
    }
  }

  // --- outcomes -----------------------------------------------------------------------------

  private final class DeliveryHost implements Delivery.Host {
    @Override
    public boolean active() {
      return state.get() == EngineState.ACTIVE;
    }

    @Override
    public void stop(CrmException cause, JournalEntry entry, HandleResult result) {
      setStopped(cause.kind() == CrmException.Kind.AUTHENTICATION ? EngineState.BROKEN
          : EngineState.BLOCKED, cause, () -> report(entry, result, false));
    }

    @Override
    public void report(JournalEntry entry, HandleResult result, boolean last) {
      switch (result.status()) {
        case DELIVERED -> delivered.incrementAndGet();
        case NOTHING_TO_DO -> nothing.incrementAndGet();
        case FAILED -> {
          failed.incrementAndGet();
          alert(Alert.Kind.EVENT_FAILED, "call " + entry.callId() + " (#" + entry.seq()
              + ") failed: " + result.message());
        }
        case DEFERRED -> retries.incrementAndGet();
        default -> { }
      }
      reconciled.addAndGet(result.effects().stream().filter(DoneEffect::reconciled).count());
      complete(entry, result);
      if (state.get() == EngineState.CLOSED && !last) {
        return; // the engine closed under this delivery; the journal keeps the event
      }
      if (last || result.status() == HandleResult.Status.DEFERRED) {
        notifyOutcome(result);
      }
      if (last) {
        notifyFinished(result, Duration.between(entry.receivedAt(), clock.instant()));
      }
    }

    @Override
    public void wrote(String phoneDigits) {
      routing.invalidate(phoneDigits);
    }
  }

  private HandleResult deferred(JournalEntry entry, String why) {
    return deferred(entry.seq(), entry.callId(), why);
  }

  private static HandleResult deferred(long seq, String callId, String why) {
    return new HandleResult(seq, callId, HandleResult.Status.DEFERRED, Optional.empty(),
        List.of(), why, Optional.empty());
  }

  private void complete(JournalEntry entry, HandleResult result) {
    Waiter w = waiting.remove(entry.seq());
    if (w != null) {
      w.future().complete(result);
    }
  }

  /**
   * Completes every waiting future with DEFERRED {@code why}. Taken under the intake lock, after
   * the state changed: an event accepted before sees its future completed here, one accepted
   * after sees the new state.
   */
  private void deferWaiting(String why) {
    synchronized (intake) {
      for (Long seq : List.copyOf(waiting.keySet())) {
        Waiter w = waiting.remove(seq);
        if (w != null) {
          w.future().complete(deferred(seq, w.callId(), why));
        }
      }
    }
  }

  /**
   * Moves to {@code next} unless the engine is closed; logs the change. Returns the state before.
   */
  private EngineState moveTo(EngineState next, String why) {
    while (true) {
      EngineState before = state.get();
      if (before == EngineState.CLOSED) {
        return before;
      }
      if (state.compareAndSet(before, next)) {
        if (before != next) {
          LOG.info("integration state {} -> {} ({})", before, next, why);
        }
        return before;
      }
    }
  }

  private void schedulePruning() {
    if (retention.isZero() || !pruning.compareAndSet(false, true)) {
      return;
    }
    long hours = Math.max(1, Math.min(24, retention.toHours()));
    try {
      pruneTask = timer.scheduleWithFixedDelay(() -> offTimer(this::pruneQuietly), hours, hours,
          TimeUnit.HOURS);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // closing
    }
  }

  /** Calls the listener; whatever it throws (an Error included) is logged and dropped. */
  private void notifyOutcome(HandleResult r) {
    try {
      listener.outcome(r);
    } catch (Throwable t) {
      LOG.warn("the listener threw on the outcome of #{}; ignored", r.seq(), t);
    }
  }

  private void notifyFinished(HandleResult r, Duration sinceJournaled) {
    try {
      listener.finished(r, sinceJournaled);
    } catch (Throwable t) {
      LOG.warn("the listener threw on the latency of #{}; ignored", r.seq(), t);
    }
  }

  private void alert(Alert.Kind kind, String message) {
    LOG.warn("alert {}: {}", kind, message);
    try {
      listener.alert(new Alert(kind, message));
    } catch (Throwable t) {
      LOG.warn("the listener threw on alert {}; ignored", kind, t);
    }
  }

  /**
   * Runs {@code task} on the workers: timer threads only schedule, so that a probe or a prune
   * that blocks on I/O never delays another engine's timers when the timer is shared.
   */
  private void offTimer(Runnable task) {
    try {
      workers.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // closing
    }
  }

  private void pruneQuietly() {
    try {
      prune();
    } catch (RuntimeException e) {
      LOG.debug("pruning the journal failed; the next run tries again", e);
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Builds an {@link IntegrationEngine}; {@code settings} and {@code amo} are required. {@link
   * #build()} starts no thread and does no I/O; {@link IntegrationEngine#activate()} starts the
   * work. Not thread-safe.
   */
  public static final class Builder {
    /** An ENDED reuses its own call's lookup made at most this long ago (see lookupReuse). */
    public static final Duration DEFAULT_LOOKUP_REUSE = Duration.ofMinutes(5);
    /** Worker threads by default: enough phones in flight to fill batch requests. */
    public static final int DEFAULT_WORKERS = 32;
    private IntegrationSettings settings;
    private AmoCrm amo;
    private Decider decider = Decider.matrix();
    private Duration handleTimeout = Duration.ofSeconds(30);
    private Journal journal;
    private Clock clock = Clock.systemUTC();
    private EngineListener listener = EngineListener.NONE;
    private int workers = DEFAULT_WORKERS;
    private int queueCapacity = 10_000;
    private Duration retryBase = Duration.ofSeconds(1);
    private Duration retryMax = Duration.ofMinutes(5);
    private Duration blockedProbe = Duration.ofMinutes(10);
    private Duration retention = Duration.ofDays(7);
    private Duration knownEntityWindow = Duration.ofDays(1);
    private Duration lookupReuse = DEFAULT_LOOKUP_REUSE;
    private RecordingLinks recordingLinks = RecordingLinks.passThrough();
    private DoubleSupplier jitter = () -> java.util.concurrent.ThreadLocalRandom.current()
        .nextDouble();
    private EngineExecutors executors;
    private boolean ownsJournal = true;

    private Builder() {}

    public Builder settings(IntegrationSettings value) {
      this.settings = value;
      return this;
    }

    /** The amoCRM port (required), e.g. {@code ringostat-amo-okhttp}'s client. */
    public Builder amo(AmoCrm value) {
      this.amo = Objects.requireNonNull(value, "amo");
      return this;
    }

    /** The decision; default {@link Decider#matrix()}. It must be pure (see {@link Decider}). */
    public Builder decider(Decider value) {
      this.decider = Objects.requireNonNull(value, "decider");
      return this;
    }

    /**
     * How long {@link IntegrationEngine#handle} waits for the outcome at most; then it answers
     * {@code DEFERRED} and the listener gets the outcome. Default 30 s.
     */
    public Builder handleTimeout(Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException("handleTimeout: not negative");
      }
      this.handleTimeout = value;
      return this;
    }

    /**
     * The journal; default an {@link InMemoryJournal} (not durable). The engine takes ownership
     * of the journal it is given: it closes it in {@link IntegrationEngine#close()}, and the
     * journal must not be shared with another running engine.
     */
    public Builder journal(Journal value) {
      this.journal = value;
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value);
      return this;
    }

    public Builder listener(EngineListener value) {
      this.listener = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Worker threads delivering different phones in parallel; default {@value #DEFAULT_WORKERS}.
     * They mostly wait on amoCRM and its rate limiter; under a backlog each waiting worker's
     * writes join the next batch request (R-BATCH), so the pool size bounds how many calls one
     * request can carry.
     */
    public Builder workers(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("workers: at least 1");
      }
      this.workers = value;
      return this;
    }

    /** Events waiting in memory at most; beyond, they wait in the journal. Default 10,000. */
    public Builder queueCapacity(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("queueCapacity: at least 1");
      }
      this.queueCapacity = value;
      return this;
    }

    /** Backoff of redelivery after a retryable failure: base doubling to max; 1 s to 5 min. */
    public Builder retryBackoff(Duration base, Duration max) {
      if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
        throw new IllegalArgumentException("retryBackoff: 0 < base <= max");
      }
      this.retryBase = base;
      this.retryMax = max;
      return this;
    }

    /** How often a BLOCKED engine probes the account; default 10 min. */
    public Builder blockedProbe(Duration value) {
      this.blockedProbe = Objects.requireNonNull(value);
      return this;
    }

    /** How long finished events stay in the journal; default 7 days; zero disables pruning. */
    public Builder retention(Duration value) {
      this.retention = Objects.requireNonNull(value);
      return this;
    }

    /**
     * How long a call's lookup stands for its later ENDED event; default {@link
     * #DEFAULT_LOOKUP_REUSE}; zero asks amoCRM again for every event. An ENDED within this time of
     * its own call's earlier lookup (ANSWERED, STARTED) decides on that answer, merged with what
     * the SDK created since, and saves one to three requests. The risk: a change someone else made
     * in amoCRM meanwhile (a deal closed, a contact merged or reassigned) is not seen by that
     * ENDED, which then records the call where the earlier event would have.
     */
    public Builder lookupReuse(Duration value) {
      Objects.requireNonNull(value);
      if (value.isNegative()) {
        throw new IllegalArgumentException("lookupReuse: must not be negative");
      }
      this.lookupReuse = value;
      return this;
    }

    /** How long entities the SDK created are merged into lookups; default 1 day. */
    public Builder knownEntityWindow(Duration value) {
      this.knownEntityWindow = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Turns the PBX's recording references into the links written to amoCRM (R-LIFE); default
     * {@link RecordingLinks#passThrough()}. See {@link RecordingLinks} for what amoCRM needs to
     * play a recording.
     */
    public Builder recordingLinks(RecordingLinks value) {
      this.recordingLinks = Objects.requireNonNull(value, "recordingLinks");
      return this;
    }

    /** Jitter source in [0, 1) for retry backoff; default a thread-local random. */
    public Builder jitter(DoubleSupplier value) {
      this.jitter = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Runs the engine on pools the caller owns and shares with other engines (R-FLEET) instead of
     * its own ({@code workers} is then ignored); see {@link EngineExecutors} for what they must
     * be. Default: the engine's own pools, shut down by {@link IntegrationEngine#close()}.
     */
    public Builder executors(EngineExecutors value) {
      this.executors = Objects.requireNonNull(value, "executors");
      return this;
    }

    /**
     * Whether {@link IntegrationEngine#close()} closes the journal; default true. A host that
     * replaces an account's engine on the same journal (new settings, pause) passes false and
     * closes the journal itself.
     */
    public Builder ownsJournal(boolean value) {
      this.ownsJournal = value;
      return this;
    }

    /**
     * Builds the engine; it starts no thread and does no I/O until {@link
     * IntegrationEngine#activate()}.
     *
     * @throws NullPointerException if settings or amo is missing
     */
    public IntegrationEngine build() {
      return new IntegrationEngine(this);
    }
  }
}
