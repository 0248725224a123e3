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
import io.ringostat.amo.core.routing.CallerCard;
import io.ringostat.amo.core.routing.RoutingDecision;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.SettingsProblem;
import io.ringostat.amo.core.settings.SettingsValidator;
import io.ringostat.amo.core.spi.CrmException;
import io.ringostat.amo.core.spi.CrmGateway;
import io.ringostat.amo.core.spi.Credentials;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;

/**
 * The integration hosts embed (R-KEEP, R-ONCE, R-LIMITS, R-OBS): {@link #handle} journals each
 * call event before any CRM request, looks the client up, decides with the matrix, executes the
 * plan through the {@link CrmGateway} and records every effect, so that retries, duplicates and
 * crashes never apply an effect twice and never lose an event.
 *
 * <p><b>Ordering.</b> Events of the same normalized client phone are applied strictly in arrival
 * order; different phones run in parallel on a bounded pool of {@code workers} threads.
 *
 * <p><b>Back-pressure.</b> At most {@code queueCapacity} events wait in memory. Beyond that an
 * event is still journaled (nothing is dropped) and {@code handle} returns {@code DEFERRED}; the
 * engine reads it back from the journal when the queue has room.
 *
 * <p><b>States.</b> INACTIVE until {@link #start()}; ACTIVE; BROKEN when amoCRM refuses the
 * credentials (an {@link Alert.Kind#AUTHORIZATION_PROBLEM} alert; events are journaled until
 * {@link #reactivate}); BLOCKED when amoCRM blocks the API (a probe every {@code blockedProbe}
 * resumes delivery).
 *
 * <p>Thread-safe. {@code handle} never throws on bad input: malformed input is a {@code REJECTED}
 * result kept in the journal. {@link #close()} stops the workers and closes the journal.
 */
public final class IntegrationEngine implements AutoCloseable {
  private final IntegrationSettings settings;
  private final CrmGateway gateway;
  private final Journal journal;
  private final Clock clock;
  private final EngineListener listener;
  private final int queueCapacity;
  private final Duration blockedProbe;
  private final Duration retention;
  private final ExecutorService workers;
  private final ScheduledExecutorService timer;
  private final ExecutorService lookups;
  private final OrderedDispatcher dispatcher;
  private final Delivery delivery;
  private final RoutingService routing;
  private volatile Optional<AccountCatalog> catalog = Optional.empty();

  private final Object intake = new Object();
  private final AtomicReference<EngineState> state = new AtomicReference<>(EngineState.INACTIVE);
  private final Map<Long, CompletableFuture<HandleResult>> waiting = new ConcurrentHashMap<>();
  private final AtomicLong handled = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong nothing = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private volatile ZoneId accountZone;
  private long highWater;
  private boolean overflow;

  private IntegrationEngine(Builder b) {
    this.settings = Objects.requireNonNull(b.settings, "settings");
    this.gateway = Objects.requireNonNull(b.gateway, "gateway");
    this.journal = b.journal != null ? b.journal : new InMemoryJournal();
    this.clock = b.clock;
    this.listener = b.listener;
    this.queueCapacity = b.queueCapacity;
    this.blockedProbe = b.blockedProbe;
    this.retention = b.retention;
    this.accountZone = settings.account().timeZone().orElse(ZoneId.of("UTC"));
    this.workers = Executors.newFixedThreadPool(b.workers, daemon("ringostat-amo-worker"));
    this.timer = Executors.newSingleThreadScheduledExecutor(daemon("ringostat-amo-timer"));
    this.delivery = new Delivery(settings, gateway, journal, clock, new DeliveryHost(),
        b.retryBase, b.retryMax, b.knownEntityWindow, b.jitter);
    this.dispatcher = new OrderedDispatcher(workers, timer, delivery::process, this::refillIfRoom);
    // Routing lookups get their own small pool so a backlog of events never delays a ringing call.
    this.lookups = new ThreadPoolExecutor(2, 8, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(64), daemon("ringostat-amo-lookup"));
    this.routing = new RoutingService(settings, gateway, journal, clock, lookups,
        () -> state.get() == EngineState.ACTIVE, () -> catalog, b.knownEntityWindow);
    if (!retention.isZero()) {
      long hours = Math.max(1, Math.min(24, retention.toHours()));
      timer.scheduleWithFixedDelay(this::pruneQuietly, hours, hours, TimeUnit.HOURS);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Activates the integration and resumes every undelivered event in the journal, in order.
   * Equivalent to {@link #activate()}; call it once after building.
   */
  public ActivationResult start() {
    return activate();
  }

  /**
   * Checks the credentials and the settings against the live account before any call is
   * handled: every employee's amoCRM user exists and is active, every pipeline and status named
   * by the settings exists, every mapped custom field exists, the senior manager is set. Returns
   * every problem at once; the engine goes ACTIVE only when there is no error, and then resumes
   * delivering journaled events.
   */
  public ActivationResult activate() {
    ActivationResult result = checkAccount();
    if (result.isActive()) {
      resume();
    }
    return result;
  }

  /**
   * Accepts a call event and returns its outcome once it is delivered, refused, or deferred.
   * The event is journaled before any CRM request. Never throws on bad input.
   *
   * @throws IllegalStateException if the engine is closed
   */
  public HandleResult handle(CallEvent event) {
    return handleAsync(event).join();
  }

  /**
   * Like {@link #handle}, without blocking: the future completes with the same result. The
   * listener also receives the final outcome of deferred events.
   *
   * @throws IllegalStateException if the engine is closed
   */
  public CompletableFuture<HandleResult> handleAsync(CallEvent event) {
    if (state.get() == EngineState.CLOSED) {
      throw new IllegalStateException("the engine is closed");
    }
    if (event == null) {
      return CompletableFuture.completedFuture(reject("null", "the event is null"));
    }
    handled.incrementAndGet();
    String phoneKey = Decider.phone(event, settings).number().map(PhoneNumber::digits)
        .orElseGet(() -> Journal.unparseablePhoneKey(event.callId()));
    synchronized (intake) {
      Appended a = journal.append(event, phoneKey, clock.instant());
      JournalEntry entry = a.entry();
      if (a.duplicate()) {
        duplicates.incrementAndGet();
        return CompletableFuture.completedFuture(new HandleResult(entry.seq(), entry.callId(),
            HandleResult.Status.DUPLICATE, Optional.empty(), List.of(),
            "already journaled as #" + entry.seq() + " (" + entry.state()
                + "); not applied twice", Optional.empty()));
      }
      CompletableFuture<HandleResult> future = new CompletableFuture<>();
      waiting.put(entry.seq(), future);
      if (state.get() != EngineState.ACTIVE) {
        complete(entry, deferred(entry, "journaled; the integration is " + state.get()
            + " and delivers it when active"));
      } else if (overflow || dispatcher.size() >= queueCapacity) {
        overflow = true;
        complete(entry, deferred(entry, "journaled; the queue is full (" + queueCapacity
            + " events) and it is delivered in order when there is room"));
      } else {
        highWater = entry.seq();
        dispatcher.submit(entry);
      }
      return future;
    }
  }

  /**
   * Records a malformed input (e.g. a line that is not a valid call event) as REJECTED in the
   * journal with the reason, so it stays visible; returns the REJECTED result.
   */
  public HandleResult reject(String raw, String reason) {
    JournalEntry e = journal.appendRejected(raw == null ? "null" : raw, reason, clock.instant());
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
   * events are marked SKIPPED.
   */
  public ReactivationResult reactivate(Credentials credentials, boolean resend) {
    gateway.useCredentials(credentials);
    stopDispatching();
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
          journal.finish(e.seq(), EntryState.SKIPPED, "reactivated without resend",
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
    resume();
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

  /** The settings in effect. */
  public IntegrationSettings settings() {
    return settings;
  }

  /** The account's time zone: the settings' override, else the account's. */
  public ZoneId accountZone() {
    return accountZone;
  }

  public EngineMetrics metrics() {
    return new EngineMetrics(state.get(), handled.get(), delivered.get(), nothing.get(),
        duplicates.get(), failed.get(), rejected.get(), retries.get(), dispatcher.size(),
        journal.counts(), gateway.metrics());
  }

  /** Deletes finished journal entries older than the retention; returns how many. */
  public int prune() {
    return journal.prune(clock.instant().minus(retention));
  }

  /**
   * Stops the workers (an event being delivered finishes; queued ones stay pending in the
   * journal for the next start) and closes the journal.
   */
  @Override
  public void close() {
    if (state.getAndSet(EngineState.CLOSED) == EngineState.CLOSED) {
      return;
    }
    dispatcher.pause();
    timer.shutdownNow();
    lookups.shutdownNow();
    workers.shutdown();
    try {
      workers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownNow();
    journal.close();
  }

  // --- activation ---------------------------------------------------------------------------

  private ActivationResult checkAccount() {
    List<SettingsProblem> problems = new ArrayList<>(SettingsValidator.validate(settings));
    AccountCatalog catalog;
    try {
      gateway.probe();
      catalog = gateway.catalog(true);
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
    problems.addAll(SettingsValidator.validateAgainst(settings, catalog));
    List<SettingsProblem> errors = problems.stream().filter(SettingsProblem::isError).toList();
    if (!errors.isEmpty()) {
      state.set(EngineState.INACTIVE);
      alert(Alert.Kind.SETTINGS_PROBLEM, errors.size() + " settings problem(s) keep the"
          + " integration inactive: " + errors);
      return new ActivationResult(EngineState.INACTIVE, problems,
          "the settings don't match the account; fix the listed problems and activate again");
    }
    state.set(EngineState.ACTIVE);
    return new ActivationResult(EngineState.ACTIVE, problems, "active");
  }

  private Instant windowStart() {
    LocalDate today = LocalDate.now(clock.withZone(accountZone));
    return today.minusDays(settings.resendWindowDays() - 1L).atStartOfDay(accountZone).toInstant();
  }

  private void setStopped(EngineState next, CrmException e) {
    EngineState before = state.getAndSet(next);
    dispatcher.pause();
    if (before == next) {
      return;
    }
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
      timer.schedule(this::probeBlocked, blockedProbe.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // closing
    }
  }

  private void probeBlocked() {
    if (state.get() != EngineState.BLOCKED) {
      return;
    }
    try {
      gateway.probe();
    } catch (CrmException e) {
      scheduleProbe();
      return;
    }
    if (state.compareAndSet(EngineState.BLOCKED, EngineState.ACTIVE)) {
      alert(Alert.Kind.ACCOUNT_UNBLOCKED, "amoCRM answers again; delivery resumed");
      resume();
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
  private void resume() {
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
    public void stop(CrmException cause) {
      setStopped(cause.kind() == CrmException.Kind.AUTHENTICATION ? EngineState.BROKEN
          : EngineState.BLOCKED, cause);
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
      complete(entry, result);
      if (last || result.status() == HandleResult.Status.DEFERRED) {
        notifyOutcome(result);
      }
    }

    @Override
    public void wrote(String phoneDigits) {
      routing.invalidate(phoneDigits);
    }
  }

  private HandleResult deferred(JournalEntry entry, String why) {
    return new HandleResult(entry.seq(), entry.callId(), HandleResult.Status.DEFERRED,
        Optional.empty(), List.of(), why, Optional.empty());
  }

  private void complete(JournalEntry entry, HandleResult result) {
    CompletableFuture<HandleResult> f = waiting.remove(entry.seq());
    if (f != null) {
      f.complete(result);
    }
  }

  private void notifyOutcome(HandleResult r) {
    try {
      listener.outcome(r);
    } catch (RuntimeException ignored) {
      // A listener must not break delivery.
    }
  }

  private void alert(Alert.Kind kind, String message) {
    try {
      listener.alert(new Alert(kind, message));
    } catch (RuntimeException ignored) {
      // A listener must not break delivery.
    }
  }

  private void pruneQuietly() {
    try {
      prune();
    } catch (RuntimeException ignored) {
      // Pruning is housekeeping; the next run tries again.
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

  /** Builds an {@link IntegrationEngine}; {@code settings} and {@code gateway} are required. */
  public static final class Builder {
    private IntegrationSettings settings;
    private CrmGateway gateway;
    private Journal journal;
    private Clock clock = Clock.systemUTC();
    private EngineListener listener = EngineListener.NONE;
    private int workers = 4;
    private int queueCapacity = 10_000;
    private Duration retryBase = Duration.ofSeconds(1);
    private Duration retryMax = Duration.ofMinutes(5);
    private Duration blockedProbe = Duration.ofMinutes(10);
    private Duration retention = Duration.ofDays(7);
    private Duration knownEntityWindow = Duration.ofDays(1);
    private DoubleSupplier jitter = () -> java.util.concurrent.ThreadLocalRandom.current()
        .nextDouble();

    private Builder() {}

    public Builder settings(IntegrationSettings value) {
      this.settings = value;
      return this;
    }

    public Builder gateway(CrmGateway value) {
      this.gateway = value;
      return this;
    }

    /** The journal; default an {@link InMemoryJournal} (not durable). The engine closes it. */
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

    /** Worker threads delivering different phones in parallel; default 4. */
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

    /** How long entities the SDK created are merged into lookups; default 1 day. */
    public Builder knownEntityWindow(Duration value) {
      this.knownEntityWindow = Objects.requireNonNull(value);
      return this;
    }

    /** Jitter source in [0, 1) for retry backoff; default a thread-local random. */
    public Builder jitter(DoubleSupplier value) {
      this.jitter = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Builds the engine; it does no I/O until {@link IntegrationEngine#start()}.
     *
     * @throws NullPointerException if settings or gateway is missing
     */
    public IntegrationEngine build() {
      return new IntegrationEngine(this);
    }
  }
}
