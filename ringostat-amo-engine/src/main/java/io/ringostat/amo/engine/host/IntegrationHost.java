package io.ringostat.amo.engine.host;

import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.routing.CallerCard;
import io.ringostat.amo.core.routing.RoutingDecision;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.SettingsValidator;
import io.ringostat.amo.core.spi.Credentials;
import io.ringostat.amo.engine.ActivationResult;
import io.ringostat.amo.engine.Alert;
import io.ringostat.amo.engine.EngineExecutors;
import io.ringostat.amo.engine.EngineListener;
import io.ringostat.amo.engine.EngineMetrics;
import io.ringostat.amo.engine.EngineState;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.ReactivationResult;
import io.ringostat.amo.engine.journal.OwnershipLostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many amoCRM accounts in one process (R-FLEET): one {@link IntegrationEngine} per account, all on
 * shared bounded thread pools, so that 10,000 configured accounts cost memory, not threads.
 *
 * <p><b>Accounts.</b> The application gives each account as an {@link AccountSpec}: settings, its
 * own amoCRM port (with its own rate limiter and credentials) and its own journal partition. The
 * host builds nothing that talks to amoCRM. Accounts are added, updated, paused, resumed and
 * removed at run time without touching the others.
 *
 * <p><b>Threads.</b> {@code workers} threads deliver the events of every account; one timer thread
 * schedules retries and probes (it never blocks on I/O); up to {@code lookupThreads} threads run
 * routing lookups. None is started before it is needed.
 *
 * <p><b>Fairness.</b> A busy, slow or broken account never slows the others: at most {@code
 * accountConcurrency} deliveries of one account run at a time (per-phone order is kept by its
 * engine), its other phones wait in the account's own queue, at most {@code queueCapacity} of its
 * events wait in memory and the rest wait in its journal, and at most {@code accountLookups} of
 * its routing lookups run at a time (beyond, routing falls through at once).
 *
 * <p><b>Pause.</b> The host pauses an account by replacing its engine with one on the same journal
 * that is not activated ({@link IntegrationEngine#pause} serves embeddings without a host): events
 * are journaled and answered {@code DEFERRED}, nothing is sent to amoCRM, routing falls through. {@link #resume} activates it,
 * which delivers everything pending in original order.
 *
 * <p><b>A fleet (R-FLEET).</b> When several processes share the accounts through a fenced journal
 * (e.g. the PostgreSQL journal with leases), a journal write refused with {@link
 * OwnershipLostException} because another process took the account over makes the host {@link
 * #disown} the account at once: its engine stops (nothing more is written to the journal or sent to
 * amoCRM), its state is {@link AccountState#NOT_OWNED}, listeners get an {@link
 * Alert.Kind#OWNERSHIP_LOST} alert and {@link HostListener#ownership}, and {@code handle} throws
 * {@link OwnershipLostException}. The lease keeper's loss report should call {@link #disown} too.
 * {@link #takeOver} gives the account a journal fenced by a new lease and resumes its pending
 * events in original order.
 *
 * <p><b>Unknown accounts.</b> Every method taking an account id throws {@link
 * UnknownAccountException} at once when the host has no such account; nothing hangs.
 *
 * <p>Thread-safe. Operations on one account are serialized with each other; {@code handle} and
 * {@code route} are not serialized with anything. {@link #close()} closes every engine and journal
 * and stops the pools; afterwards every method throws {@link IllegalStateException}.
 */
public final class IntegrationHost implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IntegrationHost.class);
  private static final String CLOSED_MESSAGE = "the host is closed";

  private final ConcurrentHashMap<String, Account> accounts = new ConcurrentHashMap<>();
  private final List<HostListener> listeners = new CopyOnWriteArrayList<>();
  private final ThreadPoolExecutor workers;
  private final ScheduledThreadPoolExecutor timer;
  private final ThreadPoolExecutor lookups;
  private final int accountConcurrency;
  private final int accountLookups;
  private final int queueCapacity;
  private final Consumer<IntegrationEngine.Builder> engineOptions;
  private final AtomicBoolean closed = new AtomicBoolean();

  private IntegrationHost(Builder b) {
    this.workers = new ThreadPoolExecutor(b.workers, b.workers, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), daemon("ringostat-amo-host-worker"));
    this.workers.allowCoreThreadTimeOut(true);
    this.timer = new ScheduledThreadPoolExecutor(1, daemon("ringostat-amo-host-timer"));
    this.timer.setRemoveOnCancelPolicy(true);
    this.lookups = new ThreadPoolExecutor(0, b.lookupThreads, 30, TimeUnit.SECONDS,
        new SynchronousQueue<>(), daemon("ringostat-amo-host-lookup"));
    this.accountConcurrency = b.accountConcurrency;
    this.accountLookups = b.accountLookups;
    this.queueCapacity = b.queueCapacity;
    this.engineOptions = b.engineOptions;
    if (b.listener != HostListener.NONE) {
      listeners.add(b.listener);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  // --- accounts -------------------------------------------------------------------------------

  /**
   * Adds an account and activates it (one probe and one catalog request to its amoCRM; blocks for
   * them). The account stays in the host whatever the activation says: when amoCRM refuses the
   * credentials it is BROKEN, with wrong settings INACTIVE, and its events are journaled.
   *
   * @throws IllegalArgumentException if the host already has an account with this id
   */
  public ActivationResult add(AccountSpec spec) {
    Objects.requireNonNull(spec, "spec");
    requireOpen();
    Account a = new Account(spec, new AccountExecutor(workers, accountConcurrency),
        new LookupGate(lookups, accountLookups));
    synchronized (a) {
      a.engine = build(a, spec.settings());
      if (accounts.putIfAbsent(spec.id(), a) != null) {
        throw new IllegalArgumentException("account '" + spec.id() + "' is already in the host;"
            + " remove it first or update it");
      }
      LOG.info("account {} added", spec.id());
      each(l -> l.added(spec.id()));
      return a.engine.activate();
    }
  }

  /**
   * Replaces an account's settings: its engine is rebuilt on the same journal and port (an event
   * being delivered gets up to {@link IntegrationEngine#CLOSE_GRACE_SECONDS} s to finish; queued
   * events stay pending and are delivered by the new engine). A paused account stays paused and
   * its settings are only checked offline; otherwise the new engine is activated.
   *
   * @throws UnknownAccountException if there is no such account
   */
  public ActivationResult update(String accountId, IntegrationSettings settings) {
    Objects.requireNonNull(settings, "settings");
    Account a = account(accountId);
    synchronized (a) {
      requirePresent(a);
      a.spec = a.spec.withSettings(settings);
      replaceEngine(a);
      if (!a.owned) {
        return new ActivationResult(EngineState.INACTIVE, SettingsValidator.validate(settings),
            "this process does not own the account; the settings are used when it takes it over");
      }
      if (a.paused) {
        return new ActivationResult(EngineState.INACTIVE, SettingsValidator.validate(settings),
            "the account is paused; the settings are checked against amoCRM on resume");
      }
      return a.engine.activate();
    }
  }

  /**
   * Gives an account new credentials and activates it again (after a BROKEN token, R-KEEP); see
   * {@link IntegrationEngine#reactivate}. A paused account is resumed by this.
   *
   * @throws UnknownAccountException if there is no such account
   * @throws OwnershipLostException if this process does not own the account
   */
  public ReactivationResult reactivate(String accountId, Credentials credentials,
      boolean resend) {
    Objects.requireNonNull(credentials, "credentials");
    Account a = account(accountId);
    synchronized (a) {
      requirePresent(a);
      requireOwned(a);
      a.paused = false;
      return a.engine.reactivate(credentials, resend);
    }
  }

  /**
   * Pauses an account (R-PAUSE): nothing more is sent to its amoCRM, its events are journaled and
   * answered {@code DEFERRED}, routing falls through. An event being delivered gets up to {@link
   * IntegrationEngine#CLOSE_GRACE_SECONDS} s to finish. Does nothing if it is paused already.
   *
   * @throws UnknownAccountException if there is no such account
   */
  public void pause(String accountId) {
    Account a = account(accountId);
    synchronized (a) {
      requirePresent(a);
      if (!a.paused) {
        a.paused = true;
        if (a.owned) {
          replaceEngine(a);
        }
        LOG.info("account {} paused", accountId);
      }
    }
  }

  /**
   * Resumes a paused account: activates it, which delivers every pending event in original
   * order. On an account that is not paused, activates it again (like {@link
   * IntegrationEngine#activate()}).
   *
   * @throws UnknownAccountException if there is no such account
   */
  public ActivationResult resume(String accountId) {
    Account a = account(accountId);
    synchronized (a) {
      requirePresent(a);
      a.paused = false;
      LOG.info("account {} resumed", accountId);
      if (!a.owned) {
        return new ActivationResult(EngineState.INACTIVE, List.of(),
            "this process does not own the account; it is activated when taken over");
      }
      return a.engine.activate();
    }
  }

  /**
   * Marks the account as not owned by this process (R-FLEET): its engine stops (an event being
   * delivered gets up to {@link IntegrationEngine#CLOSE_GRACE_SECONDS} s to finish; its next
   * journal write is refused anyway), nothing more is written or sent for it, {@link #state} is
   * {@link AccountState#NOT_OWNED}, {@link #handle} throws {@link OwnershipLostException}, and
   * listeners get an {@link Alert.Kind#OWNERSHIP_LOST} alert. Its pending events stay in the
   * journal for the process that owns the account now. Does nothing if it is not owned already.
   * Call it when the lease keeper reports the lease lost; the host also calls it by itself when a
   * journal write is refused with {@link OwnershipLostException}.
   *
   * @param accountId the account
   * @param why what happened, for the alert and the log; no secrets
   * @throws UnknownAccountException if there is no such account
   */
  public void disown(String accountId, String why) {
    Objects.requireNonNull(why, "why");
    Account a = account(accountId);
    synchronized (a) {
      requirePresent(a);
      if (!a.owned) {
        return;
      }
      stopServing(a);
    }
    reportLoss(accountId, why);
  }

  /** Called under the account's lock on an owned account. */
  private void stopServing(Account a) {
    a.owned = false;
    replaceEngine(a);
  }

  private void reportLoss(String accountId, String why) {
    LOG.warn("account {} is no longer owned by this process: {}", accountId, why);
    each(l -> l.alert(accountId, new Alert(Alert.Kind.OWNERSHIP_LOST,
        "this process stopped serving the account: " + why)));
    each(l -> l.ownership(accountId, false));
  }

  /**
   * Gives an account a new spec after this process (re)gained its lease (R-FLEET): typically a
   * journal fenced by the new lease and an amoCRM port guarded by it. The old engine is closed
   * and the old journal too (when it is another object); the account is owned again and, unless
   * paused, activated, which delivers its pending events in original order (effects that another
   * process left uncertain are reconciled, R-ONCE).
   *
   * @param spec the account's new spec; its id names the account
   * @return the activation's result (INACTIVE, without contacting amoCRM, when paused)
   * @throws UnknownAccountException if there is no account with {@code spec.id()}
   */
  public ActivationResult takeOver(AccountSpec spec) {
    Objects.requireNonNull(spec, "spec");
    Account a = account(spec.id());
    synchronized (a) {
      requirePresent(a);
      io.ringostat.amo.engine.journal.Journal old = a.spec.journal();
      a.spec = spec;
      boolean wasOwned = a.owned;
      a.owned = true;
      replaceEngine(a);
      if (old != spec.journal()) {
        closeQuietly(a.id(), old);
      }
      LOG.info("account {} taken over by this process", spec.id());
      if (!wasOwned) {
        each(l -> l.ownership(spec.id(), true));
      }
      if (a.paused) {
        return new ActivationResult(EngineState.INACTIVE,
            SettingsValidator.validate(spec.settings()),
            "the account is paused; it is activated on resume");
      }
      return a.engine.activate();
    }
  }

  /**
   * Removes an account: closes its engine (see {@link IntegrationEngine#close()}) and its journal;
   * its pending events stay in a durable journal. Returns false if there was no such account.
   */
  public boolean remove(String accountId) {
    Account a = accounts.remove(accountId);
    if (a == null) {
      return false;
    }
    synchronized (a) {
      closeAccount(a);
    }
    LOG.info("account {} removed", accountId);
    each(l -> l.removed(accountId));
    return true;
  }

  /** The ids of the accounts in the host, at the time of the call. */
  public Set<String> accounts() {
    return Set.copyOf(accounts.keySet());
  }

  /**
   * The account's state.
   *
   * @throws UnknownAccountException if there is no such account
   */
  public AccountState state(String accountId) {
    Account a = account(accountId);
    if (!a.owned) {
      return AccountState.NOT_OWNED;
    }
    if (a.paused) {
      return AccountState.PAUSED;
    }
    return AccountState.of(a.engine.state());
  }

  /**
   * The account's counters, counted since it was added (across engine replacements).
   *
   * @throws UnknownAccountException if there is no such account
   */
  public EngineMetrics metrics(String accountId) {
    return account(accountId).metrics();
  }

  /**
   * When the account's oldest pending event was received (one journal read).
   *
   * @throws UnknownAccountException if there is no such account
   */
  public Optional<Instant> oldestPending(String accountId) {
    return account(accountId).engine.oldestPending();
  }

  /**
   * The account's tasks waiting for a shared worker beyond its concurrency cap (a fairness
   * figure: each is one phone whose events wait).
   *
   * @throws UnknownAccountException if there is no such account
   */
  public int waitingForWorker(String accountId) {
    return account(accountId).workers.waiting();
  }

  /** Adds a listener; returns a handle that removes it. */
  public AutoCloseable subscribe(HostListener listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  // --- events and routing ---------------------------------------------------------------------

  /**
   * {@link IntegrationEngine#handle} on the account's engine: blocks at most the engine's
   * handle timeout. An event arriving while the account's engine is replaced goes to the new one.
   *
   * @throws UnknownAccountException if there is no such account (nothing is journaled)
   * @throws OwnershipLostException if this process does not own the account (nothing is
   *     journaled): hand the event to the process that does
   * @throws IllegalStateException if the host is closed
   */
  public HandleResult handle(String accountId, CallEvent event) {
    return onEngine(accountId, e -> e.handle(event));
  }

  /**
   * {@link IntegrationEngine#handleAsync} on the account's engine: the future always completes
   * normally (see there).
   *
   * @throws UnknownAccountException if there is no such account (nothing is journaled)
   * @throws OwnershipLostException if this process does not own the account (nothing is
   *     journaled)
   * @throws IllegalStateException if the host is closed
   */
  public CompletableFuture<HandleResult> handleAsync(String accountId, CallEvent event) {
    return onEngine(accountId, e -> e.handleAsync(event));
  }

  /**
   * {@link IntegrationEngine#route} for the account: within its routing budget, never throws
   * for amoCRM's sake.
   *
   * @throws UnknownAccountException if there is no such account
   */
  public RoutingDecision route(String accountId, String clientPhone) {
    return account(accountId).engine.route(clientPhone);
  }

  /**
   * {@link IntegrationEngine#callerCard} for the account.
   *
   * @throws UnknownAccountException if there is no such account
   */
  public CallerCard callerCard(String accountId, String clientPhone) {
    return account(accountId).engine.callerCard(clientPhone);
  }

  /**
   * Closes every account's engine and journal, then stops the shared pools. Outstanding handle
   * futures complete {@code DEFERRED}; an event being delivered gets up to {@link
   * IntegrationEngine#CLOSE_GRACE_SECONDS} s per engine. Calling it again does nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (String id : List.copyOf(accounts.keySet())) {
      Account a = accounts.remove(id);
      if (a != null) {
        synchronized (a) {
          closeAccount(a);
        }
      }
    }
    timer.shutdownNow();
    lookups.shutdownNow();
    workers.shutdownNow();
    LOG.info("host closed");
  }

  // --- internals ------------------------------------------------------------------------------

  private <T> T onEngine(String accountId, Function<IntegrationEngine, T> call) {
    while (true) {
      Account a = account(accountId);
      requireOwned(a);
      IntegrationEngine e = a.engine;
      try {
        return call.apply(e);
      } catch (IllegalStateException closedEngine) {
        if (a.engine != e) {
          continue; // the engine was replaced under us: hand the event to the new one
        }
        if (closed.get()) {
          throw new IllegalStateException(CLOSED_MESSAGE, closedEngine);
        }
        if (accounts.get(accountId) != a) {
          throw new UnknownAccountException(accountId);
        }
        throw closedEngine;
      }
    }
  }

  private Account account(String accountId) {
    requireOpen();
    Account a = accounts.get(accountId);
    if (a == null) {
      throw new UnknownAccountException(String.valueOf(accountId));
    }
    return a;
  }

  /** Called under the account's lock. */
  private void requirePresent(Account a) {
    requireOpen();
    if (accounts.get(a.id()) != a) {
      throw new UnknownAccountException(a.id());
    }
  }

  private static void requireOwned(Account a) {
    if (!a.owned) {
      throw new OwnershipLostException(a.id(), "account '" + a.id() + "' is not owned by this"
          + " process (its lease is lost); another process serves it");
    }
  }

  private void requireOpen() {
    if (closed.get()) {
      throw new IllegalStateException(CLOSED_MESSAGE);
    }
  }

  /** Builds a new (not activated) engine, makes it current, closes the old one. */
  private void replaceEngine(Account a) {
    IntegrationEngine old = a.engine;
    a.engine = build(a, a.spec.settings());
    old.close();
    a.retire(old.metrics());
  }

  private void closeAccount(Account a) {
    a.engine.close();
    closeQuietly(a.id(), a.spec.journal());
  }

  private static void closeQuietly(String accountId, io.ringostat.amo.engine.journal.Journal j) {
    try {
      j.close();
    } catch (RuntimeException e) {
      LOG.warn("closing the journal of account {} failed", accountId, e);
    }
  }

  /**
   * Called on the thread whose journal write was refused: disowns the account on a worker (never
   * on the caller, which may be a delivery the disowning waits for), unless it was taken over
   * with another journal meanwhile.
   */
  private void lost(Account a, io.ringostat.amo.engine.journal.Journal refused) {
    if (!a.owned || a.spec.journal() != refused || closed.get()) {
      return;
    }
    try {
      workers.execute(() -> {
        synchronized (a) {
          if (closed.get() || accounts.get(a.id()) != a || !a.owned
              || a.spec.journal() != refused) {
            return;
          }
          stopServing(a);
        }
        reportLoss(a.id(), "a journal write was refused: another process owns the account");
      });
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // the host is closing
    }
  }

  private IntegrationEngine build(Account a, IntegrationSettings settings) {
    IntegrationEngine.Builder b = IntegrationEngine.builder();
    engineOptions.accept(b);
    io.ringostat.amo.engine.journal.Journal journal = a.spec.journal();
    return b.settings(settings).amo(a.spec.amo())
        .journal(OwnershipWatch.watch(journal, () -> lost(a, journal))).ownsJournal(false)
        .queueCapacity(queueCapacity)
        .executors(new EngineExecutors(a.workers, timer, a.lookups))
        .listener(new AccountListener(a.id()))
        .build();
  }

  private void each(Consumer<HostListener> call) {
    for (HostListener l : listeners) {
      try {
        call.accept(l);
      } catch (Throwable t) {
        LOG.warn("a host listener threw; ignored", t);
      }
    }
  }

  /** Forwards one engine's reports with its account id. */
  private final class AccountListener implements EngineListener {
    private final String accountId;

    AccountListener(String accountId) {
      this.accountId = accountId;
    }

    @Override
    public void outcome(HandleResult result) {
      each(l -> l.outcome(accountId, result));
    }

    @Override
    public void alert(Alert alert) {
      each(l -> l.alert(accountId, alert));
    }

    @Override
    public void finished(HandleResult result, Duration sinceJournaled) {
      each(l -> l.finished(accountId, result, sinceJournaled));
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
   * Builds an {@link IntegrationHost}. Starts no thread. Not thread-safe.
   */
  public static final class Builder {
    private int workers = Math.max(64, Runtime.getRuntime().availableProcessors() * 16);
    private int lookupThreads = 256;
    private int accountConcurrency = 16;
    private int accountLookups = 16;
    private int queueCapacity = 1_000;
    private HostListener listener = HostListener.NONE;
    private Consumer<IntegrationEngine.Builder> engineOptions = b -> { };

    private Builder() {}

    /**
     * Threads delivering events of all accounts; default 16 per processor, at least 64.
     * Deliveries mostly wait on amoCRM and on each account's rate limiter, so more threads than
     * cores pay.
     */
    public Builder workers(int value) {
      this.workers = atLeastOne("workers", value);
      return this;
    }

    /** Threads for routing lookups of all accounts at most; default 256. */
    public Builder lookupThreads(int value) {
      this.lookupThreads = atLeastOne("lookupThreads", value);
      return this;
    }

    /**
     * Deliveries of one account running at a time at most (different phones); default 16. Under
     * a backlog the writes of an account's concurrent deliveries share batch requests (R-BATCH),
     * so concurrency is what turns amoCRM's 7 requests/s into more calls/s; the cost is that a
     * hanging account can hold up to this many shared threads (each bounded by the gateway's
     * timeouts).
     */
    public Builder accountConcurrency(int value) {
      this.accountConcurrency = atLeastOne("accountConcurrency", value);
      return this;
    }

    /** Routing lookups of one account running at a time at most; default 16. */
    public Builder accountLookups(int value) {
      this.accountLookups = atLeastOne("accountLookups", value);
      return this;
    }

    /**
     * Events of one account waiting in memory at most; beyond, they wait in its journal and
     * {@code handle} answers {@code DEFERRED}. Default 1,000.
     */
    public Builder queueCapacity(int value) {
      this.queueCapacity = atLeastOne("queueCapacity", value);
      return this;
    }

    /** Receives every account's outcomes and alerts; more can {@link #subscribe} later. */
    public Builder listener(HostListener value) {
      this.listener = Objects.requireNonNull(value, "listener");
      return this;
    }

    /**
     * Options applied to every account's engine builder (clock, handle timeout, retry backoff,
     * retention…). The host sets settings, amo, journal, listener, executors and queue capacity
     * itself, after these.
     */
    public Builder engineOptions(Consumer<IntegrationEngine.Builder> value) {
      this.engineOptions = Objects.requireNonNull(value, "engineOptions");
      return this;
    }

    public IntegrationHost build() {
      return new IntegrationHost(this);
    }

    private static int atLeastOne(String name, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(name + ": at least 1");
      }
      return value;
    }
  }
}
