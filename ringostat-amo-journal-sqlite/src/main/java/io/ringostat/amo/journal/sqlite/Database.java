package io.ringostat.amo.journal.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The journal's one SQLite connection, the lock that serializes its use, and the transaction
 * boundaries. Thread-safe: every use goes through {@link #write} or {@link #read}, which hold the
 * lock for the whole transaction. SQLite serializes writers anyway, so one connection costs no
 * write throughput; it does serialize reads with writes (measured in the module's tests).
 *
 * <p>The connection stays in JDBC auto-commit mode and transactions are opened explicitly with
 * {@code BEGIN IMMEDIATE}: the write lock is taken before the first read of the transaction, so a
 * check-then-insert (the dedupe of {@code append}) cannot race another connection, and the driver
 * never holds a transaction open between calls.
 */
final class Database implements AutoCloseable {
  /** WAL bytes kept on disk after a checkpoint; beyond this the WAL file is truncated. */
  static final long JOURNAL_SIZE_LIMIT = 8L * 1024 * 1024;

  private final ReentrantLock lock = new ReentrantLock();
  private final Connection connection;
  private final Statement control;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private boolean closed;

  private Database(Connection connection, Statement control) {
    this.connection = connection;
    this.control = control;
  }

  /**
   * Opens (creating if needed) the database file, applies the PRAGMAs and migrates the schema.
   *
   * @throws SqliteJournalException if the file cannot be opened, WAL cannot be enabled, or the
   *     schema is newer than this library
   */
  static Database open(Path file, Duration busyTimeout) {
    Connection c;
    try {
      c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    } catch (SQLException e) {
      throw new SqliteJournalException("journal: cannot open " + file + ": " + e.getMessage(), e);
    }
    try {
      Statement control = c.createStatement();
      configure(control, busyTimeout);
      Schema.migrate(c);
      return new Database(c, control);
    } catch (SQLException e) {
      closeQuietly(c);
      throw new SqliteJournalException(
          "journal: cannot prepare " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
  }

  private static void configure(Statement s, Duration busyTimeout) throws SQLException {
    s.execute("PRAGMA busy_timeout = " + busyTimeout.toMillis());
    // Only takes effect on a new, empty database (before the first table exists); it lets prune
    // hand freed pages back to the file system with incremental_vacuum.
    s.execute("PRAGMA auto_vacuum = INCREMENTAL");
    String mode = single(s, "PRAGMA journal_mode = WAL");
    if (!"wal".equalsIgnoreCase(mode)) {
      throw new SqliteJournalException("journal: SQLite refused WAL mode (got '" + mode
          + "'); the directory must be on a local file system that supports shared memory");
    }
    // FULL: the WAL is fsynced at every commit, so a returned call survives power loss too.
    s.execute("PRAGMA synchronous = FULL");
    s.execute("PRAGMA foreign_keys = ON");
    s.execute("PRAGMA journal_size_limit = " + JOURNAL_SIZE_LIMIT);
  }

  /** Runs {@code work} in one write transaction ({@code BEGIN IMMEDIATE} ... {@code COMMIT}). */
  <T> T write(String operation, SqlWork<T> work) {
    lock.lock();
    try {
      ensureOpen();
      try {
        control.execute("BEGIN IMMEDIATE");
      } catch (SQLException e) {
        throw failure(operation, e);
      }
      try {
        T result = work.run(connection);
        control.execute("COMMIT");
        return result;
      } catch (SQLException e) {
        rollback(e);
        throw failure(operation, e);
      } catch (RuntimeException | Error e) {
        rollback(e);
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs {@code work}, a single SELECT, under the lock. A single statement is its own (implicit)
   * read transaction in SQLite, so it sees one consistent snapshot.
   */
  <T> T read(String operation, SqlWork<T> work) {
    lock.lock();
    try {
      ensureOpen();
      return work.run(connection);
    } catch (SQLException e) {
      throw failure(operation, e);
    } finally {
      lock.unlock();
    }
  }

  /** A cached prepared statement with cleared parameters; only while holding the lock. */
  PreparedStatement prepare(String sql) throws SQLException {
    if (!lock.isHeldByCurrentThread()) {
      throw new IllegalStateException("prepare outside a transaction");
    }
    PreparedStatement p = statements.get(sql);
    if (p == null) {
      p = connection.prepareStatement(sql);
      statements.put(sql, p);
    } else {
      p.clearParameters();
    }
    return p;
  }

  /**
   * Returns every free page to the file system. {@code Statement.executeUpdate} runs the PRAGMA to
   * completion; {@code execute} would step it once and free a single page.
   */
  void incrementalVacuum() throws SQLException {
    control.executeUpdate("PRAGMA incremental_vacuum");
  }

  /** The value of a PRAGMA on this connection (for diagnostics and tests). */
  String pragma(String name) {
    return read("pragma", c -> single(control, "PRAGMA " + name));
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (PreparedStatement p : statements.values()) {
        try {
          p.close();
        } catch (SQLException ignored) {
          // The connection is closed next, which finalizes every statement anyway.
        }
      }
      statements.clear();
      try {
        control.close();
        connection.close();
      } catch (SQLException e) {
        throw new SqliteJournalException("journal: close failed: " + e.getMessage(), e);
      }
    } finally {
      lock.unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("journal is closed");
    }
  }

  private void rollback(Throwable cause) {
    try {
      control.execute("ROLLBACK");
    } catch (SQLException e) {
      // SQLite may already have rolled back (e.g. after SQLITE_FULL); keep the original error.
      cause.addSuppressed(e);
    }
  }

  private static SqliteJournalException failure(String operation, SQLException e) {
    return new SqliteJournalException(
        "journal: " + operation + " failed: " + e.getMessage(), e);
  }

  private static String single(Statement s, String sql) throws SQLException {
    try (ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getString(1) : null;
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // Already failing; the original exception is what matters.
    }
  }
}
