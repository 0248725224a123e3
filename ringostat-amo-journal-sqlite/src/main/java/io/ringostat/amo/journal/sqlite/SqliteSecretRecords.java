package io.ringostat.amo.journal.sqlite;

import io.ringostat.amo.core.spi.SealedRecords;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sealed secret records (OAuth tokens, client secrets, encrypted by the caller, e.g. the okhttp
 * module's {@code SecretVault}) in an SQLite file {@value #FILE_NAME} of their own, next to the
 * journal or anywhere else. The directory is created {@code 0700} and the file {@code 0600}, like
 * the journal's; every write is fsynced ({@code synchronous = FULL}) before it returns, and freed
 * pages are zeroed ({@code secure_delete}), so a replaced record leaves no old bytes behind.
 *
 * <p>Thread-safe (one connection, serialized). Several processes may open the same file (SQLite
 * locks it for each write). Exception messages name the operation and record, never its bytes.
 */
public final class SqliteSecretRecords implements SealedRecords, AutoCloseable {
  /** The file name in the directory. */
  public static final String FILE_NAME = "secrets.db";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:/-]{1,200}");

  private final Connection connection;
  private final Path file;
  private boolean closed;

  private SqliteSecretRecords(Connection connection, Path file) {
    this.connection = connection;
    this.file = file;
  }

  /**
   * Opens (creating when missing) {@code dir}/{@value #FILE_NAME}, owner-only.
   *
   * @throws SqliteJournalException when the directory or file cannot be created or opened
   */
  public static SqliteSecretRecords open(Path dir) {
    Objects.requireNonNull(dir, "dir");
    Path file = dir.resolve(FILE_NAME);
    try {
      OwnerOnly.directory(dir);
      OwnerOnly.file(file);
      OwnerOnly.fileIfExists(file.resolveSibling(FILE_NAME + "-journal"));
    } catch (IOException e) {
      throw new SqliteJournalException("secrets: cannot prepare " + file + ": " + e.getMessage(),
          e);
    }
    Connection c = null;
    try {
      c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout = 5000");
        s.execute("PRAGMA synchronous = FULL");
        s.execute("PRAGMA secure_delete = ON");
        s.execute("CREATE TABLE IF NOT EXISTS sealed_records (name TEXT PRIMARY KEY,"
            + " sealed BLOB NOT NULL, updated_at INTEGER NOT NULL)");
      }
      return new SqliteSecretRecords(c, file);
    } catch (SQLException e) {
      if (c != null) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // already failing
        }
      }
      throw new SqliteJournalException("secrets: cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized Optional<byte[]> read(String name) {
    requireName(name);
    try (PreparedStatement p = open().prepareStatement(
        "SELECT sealed FROM sealed_records WHERE name = ?")) {
      p.setString(1, name);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("read", name, e);
    }
  }

  @Override
  public synchronized void write(String name, byte[] sealed) {
    requireName(name);
    Objects.requireNonNull(sealed, "sealed");
    try (PreparedStatement p = open().prepareStatement("INSERT INTO sealed_records"
        + " (name, sealed, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
        + " sealed = excluded.sealed, updated_at = excluded.updated_at")) {
      p.setString(1, name);
      p.setBytes(2, sealed);
      p.setLong(3, System.currentTimeMillis());
      p.executeUpdate();
    } catch (SQLException e) {
      throw failure("write", name, e);
    }
  }

  @Override
  public synchronized boolean delete(String name) {
    requireName(name);
    try (PreparedStatement p = open().prepareStatement(
        "DELETE FROM sealed_records WHERE name = ?")) {
      p.setString(1, name);
      return p.executeUpdate() > 0;
    } catch (SQLException e) {
      throw failure("delete", name, e);
    }
  }

  @Override
  public synchronized List<String> names() {
    List<String> out = new ArrayList<>();
    try (PreparedStatement p = open().prepareStatement(
        "SELECT name FROM sealed_records ORDER BY name"); ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.add(r.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw failure("list", "*", e);
    }
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      try {
        connection.close();
      } catch (SQLException ignored) {
        // nothing left to do
      }
    }
  }

  private Connection open() {
    if (closed) {
      throw new IllegalStateException("secrets: closed");
    }
    return connection;
  }

  private static void requireName(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name: 1 to 200 of A-Z a-z 0-9 . _ : / -");
    }
  }

  private SqliteJournalException failure(String op, String name, SQLException e) {
    return new SqliteJournalException("secrets: " + op + " of record '" + name + "' in " + file
        + " failed (SQLite code " + e.getErrorCode() + ")", e);
  }

  @Override
  public String toString() {
    return "SqliteSecretRecords[" + file + "]";
  }
}
