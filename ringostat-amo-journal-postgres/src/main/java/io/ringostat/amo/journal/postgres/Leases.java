package io.ringostat.amo.journal.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Leases with fencing tokens on the accounts of one journal schema (R-FLEET): several processes
 * share the accounts, and each account is held by at most one process at a time.
 *
 * <p>A lease lives on the account's row: owner, expiry and fence. {@link #acquire} takes a free or
 * expired account and raises its fence by one; {@link #renew} extends it while it is still the
 * owner's, with the same fence, and not expired; {@link #release} frees it. Every time is the
 * database's clock ({@code clock_timestamp()}), never this process's, so a machine with a skewed
 * clock can neither keep a lease too long nor take one early. A journal opened with {@link
 * PostgresJournal#openFenced} refuses to write once its lease's fence is no longer the account's
 * or the lease expired, which makes a stale owner harmless: see {@link LeaseLostException}.
 *
 * <p>The accounts are the rows of the schema's {@code accounts} table: those registered with
 * {@link #register} or by opening a journal. {@link #claim} hands out free or expired ones, which
 * is how the processes of a fleet divide the accounts and take over a dead process's share;
 * {@link LeaseKeeper} does this periodically.
 *
 * <h2>Thread-safety and blocking</h2>
 *
 * Safe for concurrent use; stateless but for its configuration. Each method borrows one
 * connection from the {@link DataSource} (waiting as long as the pool lets it) and runs one
 * synchronously committed transaction with {@code lock_timeout} {@link #LOCK_TIMEOUT} and {@code
 * statement_timeout} {@link #STATEMENT_TIMEOUT}, so it never waits long for a journal write that
 * holds the account's row: it fails with {@link PostgresJournalException} instead. Taking or
 * renewing a lease does wait for the account's write in flight, which is what orders the writes of
 * successive owners; {@link #claim} skips such accounts instead.
 *
 * <h2>Owner ids</h2>
 *
 * An owner id names one process incarnation (e.g. {@code host-pid-random}); a restarted process
 * takes a new one. It is stored and shown in messages, so it must not carry secrets.
 */
public final class Leases {
  /** Default lease time to live: 15 s (with renewals every 5 s, takeover within 20 s). */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(15);

  /** How long a lease statement waits for an account row locked by a write: 2 s. */
  public static final Duration LOCK_TIMEOUT = Duration.ofSeconds(2);

  /** How long a lease statement may run in all: 4 s. */
  public static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(4);

  private final DataSource dataSource;
  private final LeaseStore store;
  private final String schema;

  private Leases(DataSource dataSource, Tables tables) {
    this.dataSource = dataSource;
    this.store = new LeaseStore(tables);
    this.schema = tables.schema;
  }

  /**
   * The leases of the default schema, migrating it if needed.
   *
   * @param dataSource connections to the database, READ COMMITTED; the caller keeps and closes it.
   *     Renewals must not starve: give the leases a pool where a connection is free promptly
   * @return the leases
   * @throws PostgresJournalException if the database cannot be reached or the schema cannot be
   *     migrated
   */
  public static Leases open(DataSource dataSource) {
    return open(dataSource, PostgresJournal.Options.defaults());
  }

  /**
   * The leases of {@code options.schema()}, migrating it unless {@code options.migrate()} is off.
   * Use the same options as the journals that the leases fence.
   *
   * @param dataSource connections to the database, READ COMMITTED; the caller keeps and closes it
   * @param options the schema and whether to migrate it (the clock is not used)
   * @return the leases
   * @throws PostgresJournalException if the database cannot be reached, its connections are not
   *     READ COMMITTED, or the schema cannot be migrated
   */
  public static Leases open(DataSource dataSource, PostgresJournal.Options options) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(options, "options");
    Database.requireReadCommitted(dataSource, "(leases)");
    if (options.migrate()) {
      Schema.migrate(dataSource, options.schema());
    }
    return new Leases(dataSource, new Tables(options.schema()));
  }

  /**
   * Adds the account to the schema, free, so that {@link #claim} can hand it out. Idempotent.
   *
   * @param accountId the account, 1 to 200 characters
   * @throws PostgresJournalException if the database fails
   */
  public void register(String accountId) {
    PostgresJournal.requireAccountId(accountId);
    inTransaction("register", accountId, c -> {
      store.register(c, accountId);
      return null;
    });
  }

  /**
   * Takes the account for {@code ownerId} if it is free, or its lease expired (by the database's
   * clock), registering it if needed. The new lease's fence is one more than the account's last.
   * A live lease is never taken, not even by its own owner.
   *
   * @param accountId the account, 1 to 200 characters
   * @param ownerId this process's owner id, 1 to 200 characters
   * @param ttl how long the lease lasts unless renewed; at least one second
   * @return the lease, or empty when another lease on the account is live
   * @throws PostgresJournalException if the database fails, or a write held the account's row for
   *     longer than {@link #LOCK_TIMEOUT}
   */
  public Optional<Lease> acquire(String accountId, String ownerId, Duration ttl) {
    PostgresJournal.requireAccountId(accountId);
    requireOwner(ownerId);
    requireTtl(ttl);
    return inTransaction("acquire", accountId, c -> store.acquire(c, accountId, ownerId, ttl));
  }

  /**
   * Extends {@code lease} by its ttl from now (the database's), if it is still held: same owner
   * and fence, not expired. An expired lease is not revived, even if nobody took it.
   *
   * @param lease the lease
   * @return the renewed lease (same fence, later expiry), or empty when the lease is lost
   * @throws PostgresJournalException if the database fails; the lease may still be held
   */
  public Optional<Lease> renew(Lease lease) {
    Objects.requireNonNull(lease, "lease");
    return Optional.ofNullable(renewAll(List.of(lease)).get(lease.accountId()));
  }

  /**
   * Renews many leases in one statement, as {@link #renew} does each.
   *
   * @param leases leases of distinct accounts
   * @return the renewed leases by account id; a lease missing from it is lost
   * @throws IllegalArgumentException if two leases are of the same account
   * @throws PostgresJournalException if the database fails; the leases may still be held
   */
  public Map<String, Lease> renewAll(Collection<Lease> leases) {
    List<Lease> copy = List.copyOf(leases);
    if (copy.stream().map(Lease::accountId).distinct().count() != copy.size()) {
      throw new IllegalArgumentException("leases: two leases of the same account");
    }
    if (copy.isEmpty()) {
      return Map.of();
    }
    String label = copy.size() == 1 ? copy.get(0).accountId() : copy.size() + " accounts";
    return inTransaction("renew", label, c -> store.renew(c, copy));
  }

  /**
   * Frees the account if {@code lease} still holds it (even expired), so the next owner need not
   * wait for the expiry. A journal fenced by the lease can no longer write. Stop serving the
   * account before releasing it.
   *
   * @param lease the lease
   * @return true if it was freed; false when the lease had already been lost
   * @throws PostgresJournalException if the database fails
   */
  public boolean release(Lease lease) {
    Objects.requireNonNull(lease, "lease");
    return inTransaction("release", lease.accountId(), c -> store.release(c, lease));
  }

  /**
   * Takes up to {@code max} free or expired accounts for {@code ownerId}, those free longest
   * first. Accounts whose row is locked right now (by a write, or another process's claim) are
   * skipped, never waited for, so processes claiming together take different accounts.
   *
   * @param ownerId this process's owner id
   * @param ttl how long the leases last unless renewed; at least one second
   * @param max the most accounts to take, at least 1
   * @return the new leases, possibly none
   * @throws PostgresJournalException if the database fails
   */
  public List<Lease> claim(String ownerId, Duration ttl, int max) {
    requireOwner(ownerId);
    requireTtl(ttl);
    requirePositive(max, "max");
    return inTransaction("claim", "(any)", c -> store.claim(c, ownerId, ttl, max));
  }

  /**
   * Lists up to {@code limit} accounts that are free or whose lease expired, free longest first.
   * Only a snapshot: another process may take them next.
   *
   * @param limit the most accounts to list, at least 1
   * @return account ids
   * @throws PostgresJournalException if the database fails
   */
  public List<String> claimable(int limit) {
    requirePositive(limit, "limit");
    return inTransaction("claimable", "(any)", c -> store.claimable(c, limit));
  }

  /**
   * Counts the accounts and the owners holding a live lease, for a fair share.
   *
   * @return the counts
   * @throws PostgresJournalException if the database fails
   */
  public Census census() {
    return inTransaction("census", "(any)", store::census);
  }

  /**
   * The database's clock, the one leases expire by.
   *
   * @return the database's current time, millisecond precision
   * @throws PostgresJournalException if the database fails
   */
  public Instant databaseNow() {
    return inTransaction("now", "(any)", store::now);
  }

  /** The schema whose accounts these leases are on. */
  String schema() {
    return schema;
  }

  /**
   * How the accounts of a schema are held right now.
   *
   * @param accounts the accounts in the schema
   * @param liveOwners the distinct owners that hold at least one live lease
   */
  public record Census(long accounts, long liveOwners) {
    /**
     * The most accounts one of {@code owners} processes should hold: {@code ceil(accounts /
     * owners)}.
     *
     * @param owners the processes sharing the accounts, at least 1
     * @return the fair share
     */
    public long fairShare(long owners) {
      long n = Math.max(1, owners);
      return (accounts + n - 1) / n;
    }
  }

  private <T> T inTransaction(String operation, String account, SqlWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      if (autoCommit) {
        c.setAutoCommit(false);
      }
      try {
        try (PreparedStatement p = c.prepareStatement("SELECT set_config('lock_timeout', ?,"
            + " true), set_config('statement_timeout', ?, true),"
            + " set_config('synchronous_commit', 'on', true)")) {
          p.setString(1, LOCK_TIMEOUT.toMillis() + "ms");
          p.setString(2, STATEMENT_TIMEOUT.toMillis() + "ms");
          p.execute();
        }
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException r) {
          e.addSuppressed(r);
        }
        throw e;
      } finally {
        if (autoCommit) {
          try {
            c.setAutoCommit(true);
          } catch (SQLException ignored) {
            // A broken connection; the pool discards it.
          }
        }
      }
    } catch (SQLException e) {
      String message = Database.failure(operation, account, e).getMessage();
      throw new PostgresJournalException(message.replaceFirst("^journal: ", "lease: "), e);
    }
  }

  static String requireOwner(String ownerId) {
    Objects.requireNonNull(ownerId, "ownerId");
    if (ownerId.isEmpty() || ownerId.length() > 200 || ownerId.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "ownerId: must be 1 to 200 characters without NUL (length " + ownerId.length() + ")");
    }
    return ownerId;
  }

  static Duration requireTtl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("ttl: must be at least one second (" + ttl + ")");
    }
    return ttl;
  }

  private static void requirePositive(int n, String name) {
    if (n < 1) {
      throw new IllegalArgumentException(name + ": must be at least 1 (" + n + ")");
    }
  }
}
