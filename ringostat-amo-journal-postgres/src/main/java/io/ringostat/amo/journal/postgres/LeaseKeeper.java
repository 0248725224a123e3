package io.ringostat.amo.journal.postgres;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one process's leases alive: renews them periodically on a daemon thread of its own,
 * reports a lost lease to the {@link Listener}, and (when claiming is on) claims free or expired
 * accounts, so that the processes of a fleet divide the accounts and take over a dead process's.
 *
 * <h2>Rounds</h2>
 *
 * Every {@code renewEvery} (default {@link #DEFAULT_RENEW_EVERY}) the keeper:
 *
 * <ol>
 *   <li>renews all its leases in one statement (one by one if that fails, so one account whose
 *       row a slow write holds does not hold up the others). A lease the database refuses (taken
 *       over, expired, released) is dropped and reported {@link Loss#REFUSED}; a lease that could
 *       not be renewed (database unreachable) is kept trying until its local deadline (start of
 *       the last successful renewal request + ttl) passes, then dropped and reported {@link
 *       Loss#TIMED_OUT}.
 *   <li>if claiming: counts the accounts and live owners and claims free or expired accounts, at
 *       most {@code maxClaimsPerRound} (default {@link #DEFAULT_MAX_CLAIMS_PER_ROUND}), at most up
 *       to {@code maxHeld}, and at most up to the fair share {@code ceil(accounts / live owners)}
 *       (this keeper counted), then reports each to {@link Listener#acquired}.
 * </ol>
 *
 * With the defaults (ttl 15 s, rounds every 5 s) a dead process's accounts are taken over within
 * ttl + one round, 20 s, and renewals get two more tries before a lease expires. The share is only
 * enforced when claiming: a process that joins later gets accounts as they become free or expire;
 * nobody gives accounts up to make room (no rebalancing).
 *
 * <h2>Listener</h2>
 *
 * Called on the keeper's thread, one call at a time; it must return quickly (hand the work to the
 * host's own executor). {@code acquired}: open a journal with {@link PostgresJournal#openFenced}
 * and start the account's engine; if it throws, the keeper releases the lease. {@code lost}: stop
 * the account's engine; the fenced journal already refuses its writes. Exceptions are logged, never
 * propagated.
 *
 * <h2>Lifecycle and thread-safety</h2>
 *
 * Build, {@link #start()}, {@link #close()}; one keeper per process and schema. Thread-safe: {@link
 * #acquire}, {@link #release}, {@link #held} and {@link #guard} may be called from any thread at
 * any time. {@link #acquire} and {@link #release} block for one database transaction. {@link
 * #close()} stops the thread (waiting at most for the round in flight, bounded by {@link
 * Leases#STATEMENT_TIMEOUT} per statement) and releases the leases still held, without calling the
 * listener: stop the engines first.
 */
public final class LeaseKeeper implements AutoCloseable {
  /** Default time between rounds: 5 s, a third of {@link Leases#DEFAULT_TTL}. */
  public static final Duration DEFAULT_RENEW_EVERY = Duration.ofSeconds(5);

  /** Default most accounts claimed in one round: {@value}. */
  public static final int DEFAULT_MAX_CLAIMS_PER_ROUND = 50;

  private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

  private final Leases leases;
  private final String ownerId;
  private final Duration ttl;
  private final Duration renewEvery;
  private final boolean claim;
  private final int maxClaimsPerRound;
  private final int maxHeld;
  private final Listener listener;
  private final Map<String, Held> held = new ConcurrentHashMap<>();
  private final ScheduledExecutorService thread;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  private LeaseKeeper(Builder b) {
    this.leases = b.leases;
    this.ownerId = b.ownerId;
    this.ttl = b.ttl;
    this.renewEvery = b.renewEvery;
    this.claim = b.claim;
    this.maxClaimsPerRound = b.maxClaimsPerRound;
    this.maxHeld = b.maxHeld;
    this.listener = b.listener;
    String name = "ringostat-amo-lease-keeper";
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * A builder for a keeper of {@code leases}.
   *
   * @param leases the leases of the schema to keep
   * @return a new builder with the defaults and a fresh {@link #newOwnerId() owner id}
   */
  public static Builder builder(Leases leases) {
    return new Builder(Objects.requireNonNull(leases, "leases"));
  }

  /**
   * A fresh owner id for this process incarnation: {@code pid-<pid>-<random>}.
   *
   * @return an owner id no other process uses
   */
  public static String newOwnerId() {
    return "pid-" + ProcessHandle.current().pid() + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * This keeper's owner id.
   *
   * @return the owner id its leases are taken under
   */
  public String ownerId() {
    return ownerId;
  }

  /**
   * Starts the rounds on the keeper's thread; the first runs at once.
   *
   * @throws IllegalStateException if started before or closed
   */
  public void start() {
    if (closed.get()) {
      throw new IllegalStateException("lease keeper is closed");
    }
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("lease keeper already started");
    }
    thread.scheduleWithFixedDelay(this::round, 0, renewEvery.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Acquires the account now (if free or expired) and keeps renewing it. Returns the lease held
   * already if this keeper holds the account. The listener is not called.
   *
   * @param accountId the account
   * @return the lease, or empty when another process holds it
   * @throws IllegalStateException if the keeper is closed
   * @throws PostgresJournalException if the database fails
   */
  public Optional<Lease> acquire(String accountId) {
    ensureOpen();
    Held h = held.get(accountId);
    if (h != null) {
      return Optional.of(h.lease);
    }
    long start = System.nanoTime();
    Optional<Lease> got = leases.acquire(accountId, ownerId, ttl);
    got.ifPresent(l -> held.put(accountId, new Held(l, start)));
    return got;
  }

  /**
   * Stops renewing the account and frees it for the next owner. Stop serving it first.
   *
   * @param accountId the account
   * @return true if this keeper held it and the database freed it
   * @throws PostgresJournalException if the database fails (the lease then expires by itself)
   */
  public boolean release(String accountId) {
    Held h = held.remove(accountId);
    return h != null && leases.release(h.lease);
  }

  /**
   * The leases held now, by account id; renewed ones carry their latest expiry.
   *
   * @return a snapshot
   */
  public Map<String, Lease> held() {
    Map<String, Lease> out = new LinkedHashMap<>();
    held.forEach((account, h) -> out.put(account, h.lease));
    return out;
  }

  /**
   * A guard for {@code lease}: true while this keeper still holds that lease (same fence) and its
   * local deadline has not passed. See {@link LeaseGuard}.
   *
   * @param lease a lease of this keeper
   * @return the guard; never blocks
   */
  public LeaseGuard guard(Lease lease) {
    Objects.requireNonNull(lease, "lease");
    String account = lease.accountId();
    long fence = lease.fence();
    return () -> {
      Held h = held.get(account);
      return h != null && h.lease.fence() == fence && System.nanoTime() - h.deadlineNanos < 0;
    };
  }

  /**
   * Stops the rounds and releases the leases still held, without calling the listener. Waits for
   * the round in flight (bounded by the statement timeouts). Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    thread.shutdown();
    try {
      long wait = Leases.STATEMENT_TIMEOUT.multipliedBy(3).toMillis();
      if (!thread.awaitTermination(wait, TimeUnit.MILLISECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
    for (String account : List.copyOf(held.keySet())) {
      try {
        release(account);
      } catch (RuntimeException e) {
        LOG.warn("lease keeper {}: cannot release account {} on close; it expires by itself",
            ownerId, account, e);
      }
    }
  }

  // --- rounds -----------------------------------------------------------------------------

  private void round() {
    try {
      renewRound();
    } catch (RuntimeException e) {
      LOG.warn("lease keeper {}: renewal round failed; trying again next round", ownerId, e);
    }
    if (claim && !closed.get()) {
      try {
        claimRound();
      } catch (RuntimeException e) {
        LOG.warn("lease keeper {}: claim round failed; trying again next round", ownerId, e);
      }
    }
  }

  private void renewRound() {
    Map<String, Held> snapshot = new HashMap<>(held);
    if (snapshot.isEmpty()) {
      return;
    }
    Map<String, Lease> renewed = new HashMap<>();
    Map<String, Long> startedAt = new HashMap<>();
    List<String> unknown = new ArrayList<>();
    long start = System.nanoTime();
    try {
      renewed.putAll(leases.renewAll(snapshot.values().stream().map(h -> h.lease).toList()));
      snapshot.keySet().forEach(a -> startedAt.put(a, start));
    } catch (PostgresJournalException batch) {
      LOG.debug("lease keeper {}: batch renewal failed; renewing one by one", ownerId, batch);
      for (Held h : snapshot.values()) {
        String account = h.lease.accountId();
        long one = System.nanoTime();
        try {
          leases.renew(h.lease).ifPresent(l -> renewed.put(account, l));
          startedAt.put(account, one);
        } catch (PostgresJournalException e) {
          unknown.add(account);
          LOG.warn("lease keeper {}: cannot renew account {}: {}", ownerId, account,
              e.getMessage());
        }
      }
    }
    for (Held h : snapshot.values()) {
      String account = h.lease.accountId();
      Lease l = renewed.get(account);
      if (l != null) {
        held.replace(account, h, new Held(l, startedAt.get(account)));
      } else if (unknown.contains(account)) {
        if (System.nanoTime() - h.deadlineNanos >= 0 && held.remove(account, h)) {
          LOG.warn("lease keeper {}: lease on account {} (fence {}) not renewed before its"
              + " deadline; giving it up", ownerId, account, h.lease.fence());
          lost(h.lease, Loss.TIMED_OUT);
        }
      } else if (held.remove(account, h)) {
        LOG.warn("lease keeper {}: lease on account {} (fence {}) is lost (expired, released"
            + " or taken over)", ownerId, account, h.lease.fence());
        lost(h.lease, Loss.REFUSED);
      }
    }
  }

  private void claimRound() {
    int have = held.size();
    long room = Math.min(maxClaimsPerRound, (long) maxHeld - have);
    if (room <= 0) {
      return;
    }
    Leases.Census census = leases.census();
    long owners = census.liveOwners() + (have == 0 ? 1 : 0);
    room = Math.min(room, census.fairShare(owners) - have);
    if (room <= 0) {
      return;
    }
    long start = System.nanoTime();
    for (Lease l : leases.claim(ownerId, ttl, (int) room)) {
      held.put(l.accountId(), new Held(l, start));
      LOG.info("lease keeper {}: claimed account {} (fence {})", ownerId, l.accountId(),
          l.fence());
      try {
        listener.acquired(l);
      } catch (RuntimeException e) {
        LOG.warn("lease keeper {}: the listener failed on account {}; releasing it", ownerId,
            l.accountId(), e);
        try {
          release(l.accountId());
        } catch (RuntimeException r) {
          LOG.warn("lease keeper {}: cannot release account {}; it expires by itself", ownerId,
              l.accountId(), r);
        }
      }
    }
  }

  private void lost(Lease lease, Loss loss) {
    try {
      listener.lost(lease, loss);
    } catch (RuntimeException e) {
      LOG.warn("lease keeper {}: the listener failed on the loss of account {}", ownerId,
          lease.accountId(), e);
    }
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("lease keeper is closed");
    }
  }

  /** A lease held, with its local deadline: start of the renewal request that got it + ttl. */
  private static final class Held {
    final Lease lease;
    final long deadlineNanos;

    Held(Lease lease, long requestStartNanos) {
      this.lease = lease;
      this.deadlineNanos = requestStartNanos + lease.ttl().toNanos();
    }
  }

  /** Why a lease was lost. */
  public enum Loss {
    /**
     * The database refused the renewal: the lease expired, was released, or another process took
     * the account over.
     */
    REFUSED,
    /**
     * Renewals failed (the database could not be reached in time) until the lease's local deadline
     * passed; another process may take the account now.
     */
    TIMED_OUT
  }

  /** What the keeper tells its host; see the class documentation for the threading rules. */
  public interface Listener {
    /**
     * The keeper claimed {@code lease}'s account and now renews it: start serving it.
     *
     * @param lease the new lease
     */
    default void acquired(Lease lease) {}

    /**
     * The keeper no longer holds {@code lease}: stop serving its account.
     *
     * @param lease the lost lease
     * @param loss why
     */
    default void lost(Lease lease, Loss loss) {}
  }

  /** Builds a {@link LeaseKeeper}; {@link #build()} checks the values. */
  public static final class Builder {
    private final Leases leases;
    private String ownerId = newOwnerId();
    private Duration ttl = Leases.DEFAULT_TTL;
    private Duration renewEvery = DEFAULT_RENEW_EVERY;
    private boolean claim = true;
    private int maxClaimsPerRound = DEFAULT_MAX_CLAIMS_PER_ROUND;
    private int maxHeld = Integer.MAX_VALUE;
    private Listener listener = new Listener() {};

    private Builder(Leases leases) {
      this.leases = leases;
    }

    /**
     * Sets the owner id; default {@link LeaseKeeper#newOwnerId()}.
     *
     * @param ownerId 1 to 200 characters, unique to this process incarnation, no secrets
     * @return this builder
     */
    public Builder ownerId(String ownerId) {
      this.ownerId = Objects.requireNonNull(ownerId, "ownerId");
      return this;
    }

    /**
     * Sets the leases' time to live; default {@link Leases#DEFAULT_TTL}.
     *
     * @param ttl at least one second and at least twice {@code renewEvery}
     * @return this builder
     */
    public Builder ttl(Duration ttl) {
      this.ttl = Objects.requireNonNull(ttl, "ttl");
      return this;
    }

    /**
     * Sets the time between rounds; default {@link LeaseKeeper#DEFAULT_RENEW_EVERY}.
     *
     * @param renewEvery positive, at most half the ttl
     * @return this builder
     */
    public Builder renewEvery(Duration renewEvery) {
      this.renewEvery = Objects.requireNonNull(renewEvery, "renewEvery");
      return this;
    }

    /**
     * Sets whether the keeper claims free or expired accounts each round; default on. Off, it only
     * renews the leases taken with {@link LeaseKeeper#acquire}.
     *
     * @param claim true to claim
     * @return this builder
     */
    public Builder claim(boolean claim) {
      this.claim = claim;
      return this;
    }

    /**
     * Sets the most accounts claimed in one round; default {@link
     * LeaseKeeper#DEFAULT_MAX_CLAIMS_PER_ROUND}. Smaller spreads processes that start together more
     * evenly; larger takes a dead process's accounts over in fewer rounds.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxClaimsPerRound(int max) {
      this.maxClaimsPerRound = max;
      return this;
    }

    /**
     * Sets the most accounts this keeper holds; default unlimited (only the fair share limits).
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxHeld(int max) {
      this.maxHeld = max;
      return this;
    }

    /**
     * Sets the listener; default one that does nothing.
     *
     * @param listener called on the keeper's thread
     * @return this builder
     */
    public Builder listener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Checks the values and builds a keeper, not yet started.
     *
     * @return the keeper
     * @throws IllegalArgumentException naming the first invalid value
     */
    public LeaseKeeper build() {
      Leases.requireOwner(ownerId);
      Leases.requireTtl(ttl);
      if (renewEvery.isNegative() || renewEvery.isZero()
          || renewEvery.multipliedBy(2).compareTo(ttl) > 0) {
        throw new IllegalArgumentException("renewEvery: must be positive and at most half the ttl"
            + " (" + renewEvery + " with ttl " + ttl + "), so a renewal gets a second try");
      }
      if (maxClaimsPerRound < 1) {
        throw new IllegalArgumentException(
            "maxClaimsPerRound: must be at least 1 (" + maxClaimsPerRound + ")");
      }
      if (maxHeld < 1) {
        throw new IllegalArgumentException("maxHeld: must be at least 1 (" + maxHeld + ")");
      }
      return new LeaseKeeper(this);
    }
  }
}
