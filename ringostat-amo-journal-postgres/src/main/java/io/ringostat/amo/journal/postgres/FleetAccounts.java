package io.ringostat.amo.journal.postgres;

import io.ringostat.amo.engine.host.AccountSpec;
import io.ringostat.amo.engine.host.IntegrationHost;
import io.ringostat.amo.engine.journal.Journal;
import io.ringostat.amo.engine.journal.OwnershipLostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process of a fleet (R-FLEET): serves, in an {@link IntegrationHost}, exactly the accounts
 * its {@link LeaseKeeper} holds leases on.
 *
 * <ul>
 *   <li>When the keeper claims an account, its journal is opened {@linkplain
 *       PostgresJournal#openFenced fenced} by the lease, its amoCRM port is guarded by the lease
 *       ({@link LeaseGuard}: nothing is sent once the lease may have expired), and the account is
 *       added to the host, or {@linkplain IntegrationHost#takeOver taken over} again when the host
 *       still has it from an earlier lease; activation resumes its pending events in order.
 *   <li>When the keeper loses a lease, the host {@linkplain IntegrationHost#disown disowns} the
 *       account (state {@code NOT_OWNED}, an {@code OWNERSHIP_LOST} alert); a write refused by the
 *       fence does the same even sooner. When the guard refuses a request (renewals late), the
 *       account is disowned and its lease released, so that a claim starts it cleanly again.
 * </ul>
 *
 * <p>The application only says how to build an account from its id and journal ({@link Specs}),
 * and hands each event to the process that owns its account: {@link IntegrationHost#handle}
 * throws {@code OwnershipLostException} elsewhere. Listener calls are moved off the keeper's
 * thread to a few threads of this object (one account's always to the same one, in order), as
 * activation contacts amoCRM.
 *
 * <p>{@link #close()} stops claiming, removes the accounts it added from the host (closing their
 * engines and journals), then closes the keeper, which releases the leases: another process takes
 * the accounts over at its next round, without waiting for the ttl.
 */
public final class FleetAccounts implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FleetAccounts.class);
  /** How long {@link #close()} waits for an account being added or taken over. */
  private static final long CLOSE_WAIT_SECONDS = 30;
  /**
   * Accounts being started at once: activation waits on amoCRM (a probe and the catalog), so a
   * takeover of many accounts goes this many times faster than one by one.
   */
  private static final int STRIPES = 8;

  /** Builds an account's spec for this process. */
  @FunctionalInterface
  public interface Specs {
    /**
     * The account's spec: its settings and amoCRM port (with its own credentials and rate
     * limiter), and {@code journal} as its journal.
     *
     * @param accountId the account claimed
     * @param journal its journal, fenced by the new lease
     * @return the spec; its id must be {@code accountId}
     */
    AccountSpec spec(String accountId, Journal journal);
  }

  private final IntegrationHost host;
  private final DataSource dataSource;
  private final PostgresJournal.Options options;
  private final Specs specs;
  private final LeaseKeeper keeper;
  /** One thread per stripe of accounts: an account's reports stay in order on its stripe. */
  private final List<ExecutorService> stripes;
  private final Set<String> served = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private FleetAccounts(IntegrationHost host, DataSource dataSource, LeaseKeeper.Builder keeper,
      PostgresJournal.Options options, Specs specs) {
    this.host = Objects.requireNonNull(host, "host");
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.options = Objects.requireNonNull(options, "options");
    this.specs = Objects.requireNonNull(specs, "specs");
    List<ExecutorService> threads = new ArrayList<>();
    for (int i = 0; i < STRIPES; i++) {
      String name = "ringostat-amo-fleet-" + i;
      threads.add(Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
      }));
    }
    this.stripes = List.copyOf(threads);
    this.keeper = Objects.requireNonNull(keeper, "keeper").claim(true).listener(new Listener())
        .build();
  }

  /**
   * Builds the keeper from {@code keeper} (its listener and claiming are set here) and starts it:
   * from its first round on, this process claims its fair share of the schema's accounts.
   *
   * @param host the host to serve the accounts in; its other accounts are left alone
   * @param dataSource the pool for the journals (the one the keeper's {@link Leases} use)
   * @param keeper the keeper's settings (ttl, rounds, owner id)
   * @param options the journals' options; the schema must be the leases' schema
   * @param specs how to build an account
   * @return the running fleet member
   */
  public static FleetAccounts start(IntegrationHost host, DataSource dataSource,
      LeaseKeeper.Builder keeper, PostgresJournal.Options options, Specs specs) {
    FleetAccounts fleet = new FleetAccounts(host, dataSource, keeper, options, specs);
    fleet.keeper.start();
    return fleet;
  }

  /**
   * The keeper, e.g. for {@link LeaseKeeper#held()} in metrics.
   *
   * @return the keeper
   */
  public LeaseKeeper keeper() {
    return keeper;
  }

  /**
   * Whether this process holds the account's lease now.
   *
   * @param accountId the account
   * @return true while the keeper holds its lease
   */
  public boolean owns(String accountId) {
    return keeper.held().containsKey(accountId);
  }

  /** Stops claiming, removes the accounts it served from the host, releases their leases. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stripes.forEach(ExecutorService::shutdown);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_WAIT_SECONDS);
    for (ExecutorService stripe : stripes) {
      try {
        if (!stripe.awaitTermination(Math.max(0, deadline - System.nanoTime()),
            TimeUnit.NANOSECONDS)) {
          stripe.shutdownNow();
        }
      } catch (InterruptedException e) {
        stripe.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    for (String id : Set.copyOf(served)) {
      try {
        host.remove(id);
      } catch (RuntimeException e) {
        LOG.warn("fleet: cannot remove account {} from the host", id, e);
      }
    }
    keeper.close();
  }

  private void serve(Lease lease) {
    String id = lease.accountId();
    if (closed.get()) {
      keeper.release(id);
      return;
    }
    if (!keeper.guard(lease).held()) {
      LOG.info("fleet: the lease on account {} (fence {}) may have expired before it was served",
          id, lease.fence());
      releaseIfHeld(lease);
      return;
    }
    PostgresJournal journal = null;
    try {
      journal = PostgresJournal.openFenced(dataSource, lease, options);
      AccountSpec given = specs.spec(id, journal);
      if (!id.equals(given.id())) {
        throw new IllegalArgumentException("specs: returned account '" + given.id()
            + "' for '" + id + "'");
      }
      AccountSpec spec = new AccountSpec(id, given.settings(),
          GuardedAmoCrm.guard(given.amo(), keeper.guard(lease), id,
              () -> submit(id, () -> giveUp(lease))), given.journal());
      served.add(id);
      if (host.accounts().contains(id)) {
        host.takeOver(spec);
      } else {
        host.add(spec);
      }
      LOG.info("fleet: serving account {} (fence {})", id, lease.fence());
    } catch (OwnershipLostException e) {
      LOG.warn("fleet: the lease on account {} was lost while it was being served: {}", id,
          e.getMessage());
      disownQuietly(id, journal, "its lease was lost while it was being served");
      releaseIfHeld(lease);
    } catch (RuntimeException e) {
      LOG.warn("fleet: cannot serve account {}; releasing its lease", id, e);
      disownQuietly(id, journal, "it could not be served: " + e.getMessage());
      try {
        keeper.release(id);
      } catch (RuntimeException r) {
        LOG.warn("fleet: cannot release account {}; it expires by itself", id, r);
      }
    }
  }

  /**
   * The guard refused a request: the lease may have expired (renewals late). Stop serving the
   * account and free the lease if this keeper still holds it, so that a claim (of any process)
   * starts it cleanly again; otherwise a lease renewed after all would stay held but unserved.
   */
  private void giveUp(Lease lease) {
    String id = lease.accountId();
    Lease held = keeper.held().get(id);
    if (held == null || held.fence() != lease.fence()) {
      return; // already lost, or served again under a newer lease
    }
    disownQuietly(id, null, "its lease may have expired (renewals late); released to be claimed"
        + " again");
    releaseIfHeld(lease);
  }

  private void releaseIfHeld(Lease lease) {
    Lease held = keeper.held().get(lease.accountId());
    if (held != null && held.fence() == lease.fence()) {
      try {
        keeper.release(lease.accountId());
      } catch (RuntimeException e) {
        LOG.warn("fleet: cannot release account {}; it expires by itself", lease.accountId(), e);
      }
    }
  }

  /** After a failed {@link #serve}: nothing of the account keeps running under that lease. */
  private void disownQuietly(String id, PostgresJournal journal, String why) {
    try {
      if (host.accounts().contains(id)) {
        host.disown(id, why);
      } else if (journal != null) {
        journal.close();
      }
    } catch (RuntimeException e) {
      LOG.warn("fleet: cannot disown account {}", id, e);
    }
  }

  private void stopServing(Lease lease, LeaseKeeper.Loss loss) {
    String id = lease.accountId();
    try {
      if (host.accounts().contains(id)) {
        host.disown(id, "its lease (fence " + lease.fence() + ") was lost: " + loss);
      }
    } catch (RuntimeException e) {
      LOG.warn("fleet: cannot disown account {}", id, e);
    }
  }

  /** Runs {@code task} on the account's stripe, after its earlier tasks. */
  private void submit(String accountId, Runnable task) {
    try {
      stripes.get(Math.floorMod(accountId.hashCode(), STRIPES)).execute(task);
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // closing: the keeper releases what it holds
    }
  }

  /** Moves the keeper's reports to this object's threads, in order per account. */
  private final class Listener implements LeaseKeeper.Listener {
    @Override
    public void acquired(Lease lease) {
      submit(lease.accountId(), () -> serve(lease));
    }

    @Override
    public void lost(Lease lease, LeaseKeeper.Loss loss) {
      submit(lease.accountId(), () -> stopServing(lease, loss));
    }

    private void submit(String accountId, Runnable task) {
      FleetAccounts.this.submit(accountId, task);
    }
  }
}
