package io.ringostat.amo.journal.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * One account's view of the journal database and its transaction boundaries. Thread-safe and
 * stateless but for the closed flag: every call borrows a connection from the {@link DataSource},
 * runs one transaction and returns it.
 *
 * <p>Every write transaction starts with {@link #lockAccount}: the account's row in {@code
 * accounts} is locked ({@code FOR NO KEY UPDATE}) until commit, so the account's writes run one at
 * a time, across threads and processes alike. That makes seqs commit-ordered and check-then-write
 * steps (the dedupe of {@code append}, the done order of effects) race-free. A fenced journal's
 * lock statement also reads the account's lease, and the write goes on only while the fence is
 * still the journal's and the lease has not expired by the database's clock; otherwise it throws
 * {@link LeaseLostException} before anything is written. Taking the lease over updates the same
 * row, so it waits for a fenced write in flight, and a fenced write that waited for a takeover
 * sees the new fence (READ COMMITTED re-reads a locked row's newest version): writes under fence
 * f never commit after the takeover to f + 1. The same statement sets {@code synchronous_commit = on}
 * for the transaction ({@code set_config(.., true)} is {@code SET LOCAL}), so a commit returns only
 * once the WAL is flushed, whatever the server's or role's default.
 */
final class Database {
  final Tables tables;
  final String account;
  /**
   * A write's transaction idle longer than this is ended by the server (see lockAccount). Far
   * above a write's milliseconds; below the default lease ttl, so a process stopped mid-write
   * delays a takeover by at most this.
   */
  static final java.time.Duration IDLE_IN_TRANSACTION = java.time.Duration.ofSeconds(10);

  /** The fence every write is checked against and recorded with; empty when unfenced. */
  final OptionalLong fence;
  private final DataSource dataSource;
  private volatile boolean closed;

  Database(DataSource dataSource, Tables tables, String account, OptionalLong fence) {
    this.dataSource = dataSource;
    this.tables = tables;
    this.account = account;
    this.fence = fence;
  }

  /**
   * Runs {@code work} in one write transaction: lock the account, work, commit. Rolls back on any
   * failure.
   *
   * @throws PostgresJournalException wrapping an {@link SQLException}; runtime exceptions of
   *     {@code work} pass through unchanged
   */
  <T> T write(String operation, SqlWork<T> work) {
    ensureOpen();
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      if (autoCommit) {
        c.setAutoCommit(false);
      }
      try {
        lockAccount(c);
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException e) {
        rollback(c, e);
        throw failure(operation, e);
      } catch (RuntimeException | Error e) {
        rollback(c, e);
        throw e;
      } finally {
        if (autoCommit) {
          restoreAutoCommit(c);
        }
      }
    } catch (SQLException e) {
      throw failure(operation, e);
    }
  }

  /**
   * Runs {@code work}, a single SELECT, on a borrowed connection. A single statement sees one
   * consistent snapshot; no lock is taken, so reads never wait for writes.
   */
  <T> T read(String operation, SqlWork<T> work) {
    ensureOpen();
    try (Connection c = dataSource.getConnection()) {
      T result = work.run(c);
      if (!c.getAutoCommit()) {
        c.rollback(); // A host pool with auto-commit off: end the read-only transaction.
      }
      return result;
    } catch (SQLException e) {
      throw failure(operation, e);
    }
  }

  /** Creates the account's row when missing; idempotent and safe to race. */
  void ensureAccount(Instant now) {
    ensureOpen();
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO " + tables.accounts
          + " (account, created_at) VALUES (?, ?) ON CONFLICT (account) DO NOTHING")) {
        p.setString(1, account);
        p.setLong(2, Millis.of(now));
        p.executeUpdate();
      }
      if (!c.getAutoCommit()) {
        c.commit();
      }
    } catch (SQLException e) {
      throw failure("open", e);
    }
  }

  void close() {
    closed = true;
  }

  boolean isClosed() {
    return closed;
  }

  private void lockAccount(Connection c) throws SQLException {
    // A process stopped mid-transaction (SIGSTOP, a long GC pause, a lost network) holds the
    // account's row lock, which would keep every other process from claiming the account (the
    // claim skips locked rows): the server ends such a session after IDLE_IN_TRANSACTION, so the
    // lock never outlives a lease by much.
    try (PreparedStatement p = c.prepareStatement("SELECT set_config('synchronous_commit', 'on',"
        + " true), set_config('idle_in_transaction_session_timeout', '"
        + IDLE_IN_TRANSACTION.toMillis() + "', true), fence, lease_owner, lease_until, "
        + DbClock.NOW_MS + " FROM "
        + tables.accounts + " WHERE account = ? FOR NO KEY UPDATE")) {
      p.setString(1, account);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          throw new PostgresJournalException("journal: account " + account + " has no row in "
              + tables.accounts + " (deleted while the journal was open?); reopen the journal");
        }
        if (fence.isPresent()) {
          long current = r.getLong(3);
          String owner = r.getString(4);
          long until = r.getLong(5);
          boolean free = r.wasNull();
          requireLease(fence.getAsLong(), current, owner, free, until, r.getLong(6));
        }
      }
    }
  }

  /** Throws {@link LeaseLostException} unless the account's lease is still {@code mine}. */
  private void requireLease(long mine, long current, String owner, boolean free, long until,
      long now) {
    String why;
    if (current != mine) {
      why = "another process took the account over (its fence is now " + current
          + (owner == null ? ", now free" : ", owner '" + owner + "'") + ")";
    } else if (free) {
      why = "the lease was released";
    } else if (until <= now) {
      why = "the lease expired " + (now - until) + " ms ago by the database's clock (not"
          + " renewed in time)";
    } else {
      return;
    }
    throw new LeaseLostException(account, mine, "journal: lease on account " + account
        + " with fence " + mine + " is lost: " + why + "; nothing was written. Stop serving the"
        + " account here; acquire a new lease and open a new journal to serve it again");
  }

  /**
   * The journal's locking argument (one writer per account, commit-ordered seqs) assumes READ
   * COMMITTED, PostgreSQL's default: under REPEATABLE READ or SERIALIZABLE a write that waited for
   * the account lock would fail with a serialization error instead.
   */
  static void requireReadCommitted(DataSource dataSource, String account) {
    try (Connection c = dataSource.getConnection()) {
      String level;
      try (PreparedStatement p = c.prepareStatement("SHOW transaction_isolation");
          ResultSet r = p.executeQuery()) {
        level = r.next() ? r.getString(1) : "?";
      }
      if (!c.getAutoCommit()) {
        c.rollback();
      }
      if (!"read committed".equalsIgnoreCase(level)) {
        throw new PostgresJournalException("journal: the DataSource's connections use isolation '"
            + level + "'; the journal needs 'read committed' (PostgreSQL's default): configure the"
            + " pool's transaction isolation, or give the journal a DataSource of its own");
      }
    } catch (SQLException e) {
      throw failure("open", account, e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("journal is closed");
    }
  }

  private static void rollback(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      // The connection may be broken; the pool discards it. Keep the original error.
      cause.addSuppressed(e);
    }
  }

  private static void restoreAutoCommit(Connection c) {
    try {
      c.setAutoCommit(true);
    } catch (SQLException ignored) {
      // A broken connection; the pool discards it.
    }
  }

  PostgresJournalException failure(String operation, SQLException e) {
    return failure(operation, account, e);
  }

  /**
   * The message keeps the first line of the driver's message only: the server's "Detail:" lines
   * may quote row values (call ids, phones), which have no place in logs.
   */
  static PostgresJournalException failure(String operation, String account, SQLException e) {
    String message = String.valueOf(e.getMessage());
    int eol = message.indexOf('\n');
    if (eol >= 0) {
      message = message.substring(0, eol);
    }
    return new PostgresJournalException("journal: " + operation + " failed for account " + account
        + " (SQLState " + e.getSQLState() + "): " + message, e);
  }
}
