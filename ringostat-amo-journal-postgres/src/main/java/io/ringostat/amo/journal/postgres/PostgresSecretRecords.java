package io.ringostat.amo.journal.postgres;

import io.ringostat.amo.core.spi.SealedRecords;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Sealed secret records (OAuth tokens, client secrets, encrypted by the caller, e.g. the okhttp
 * module's {@code SecretVault}) in the table {@code sealed_records} of a schema (by default the
 * journal's). The table has a Flyway history of its own ({@code flyway_secrets_history}, from
 * {@value #LOCATION}), apart from the journal's, so the two evolve independently. Every write commits with {@code synchronous_commit = on}, so it is on disk
 * when the call returns. The table is granted to nobody but its owner.
 *
 * <p>Thread-safe; every call borrows a connection. Exception messages name the operation and
 * record, never its bytes.
 */
public final class PostgresSecretRecords implements SealedRecords {
  static final String LOCATION = "classpath:io/ringostat/amo/journal/postgres/secrets";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:/-]{1,200}");

  private final DataSource dataSource;
  private final String table;

  private PostgresSecretRecords(DataSource dataSource, String schema) {
    this.dataSource = dataSource;
    this.table = schema + ".sealed_records";
  }

  /**
   * The records in {@code schema}, creating the schema and table when missing (Flyway, history
   * table {@code flyway_secrets_history}).
   *
   * @throws PostgresJournalException if the schema cannot be migrated
   * @throws IllegalArgumentException if {@code schema} is not a lower-case SQL identifier
   */
  public static PostgresSecretRecords open(DataSource dataSource, String schema) {
    Objects.requireNonNull(dataSource, "dataSource");
    Tables.requireIdentifier(Objects.requireNonNull(schema, "schema"));
    migrate(dataSource, schema);
    return new PostgresSecretRecords(dataSource, schema);
  }

  private static void migrate(DataSource dataSource, String schema) {
    try {
      org.flywaydb.core.Flyway.configure(PostgresSecretRecords.class.getClassLoader())
          .dataSource(dataSource).schemas(schema).defaultSchema(schema).createSchemas(true)
          .table("flyway_secrets_history").locations(LOCATION).failOnMissingLocations(true)
          .load().migrate();
    } catch (org.flywaydb.core.api.FlywayException e) {
      throw new PostgresJournalException("secrets: cannot migrate schema " + schema + ": "
          + e.getMessage(), e);
    }
  }

  /** The records in the journal's default schema. */
  public static PostgresSecretRecords open(DataSource dataSource) {
    return open(dataSource, PostgresJournal.Options.DEFAULT_SCHEMA);
  }

  @Override
  public Optional<byte[]> read(String name) {
    requireName(name);
    try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
        "SELECT sealed FROM " + table + " WHERE name = ?")) {
      p.setString(1, name);
      try (ResultSet r = p.executeQuery()) {
        Optional<byte[]> out = r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
        endRead(c);
        return out;
      }
    } catch (SQLException e) {
      throw failure("read", name, e);
    }
  }

  @Override
  public void write(String name, byte[] sealed) {
    requireName(name);
    Objects.requireNonNull(sealed, "sealed");
    update("write", name, "INSERT INTO " + table + " (name, sealed, updated_at) VALUES (?, ?, ?)"
        + " ON CONFLICT (name) DO UPDATE SET sealed = excluded.sealed,"
        + " updated_at = excluded.updated_at", p -> {
          p.setBytes(2, sealed);
          p.setLong(3, System.currentTimeMillis());
        });
  }

  @Override
  public boolean delete(String name) {
    requireName(name);
    return update("delete", name, "DELETE FROM " + table + " WHERE name = ?", p -> { }) > 0;
  }

  @Override
  public List<String> names() {
    try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
        "SELECT name FROM " + table + " ORDER BY name"); ResultSet r = p.executeQuery()) {
      List<String> out = new ArrayList<>();
      while (r.next()) {
        out.add(r.getString(1));
      }
      endRead(c);
      return out;
    } catch (SQLException e) {
      throw failure("list", "*", e);
    }
  }

  private interface Binder {
    void bind(PreparedStatement p) throws SQLException;
  }

  private int update(String op, String name, String sql, Binder more) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        try (PreparedStatement sync = c.prepareStatement(
            "SELECT set_config('synchronous_commit', 'on', true)")) {
          sync.execute();
        }
        int n;
        try (PreparedStatement p = c.prepareStatement(sql)) {
          p.setString(1, name);
          more.bind(p);
          n = p.executeUpdate();
        }
        c.commit();
        return n;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      } finally {
        try {
          c.setAutoCommit(autoCommit);
        } catch (SQLException ignored) {
          // a broken connection; the pool discards it
        }
      }
    } catch (SQLException e) {
      throw failure(op, name, e);
    }
  }

  private static void endRead(Connection c) throws SQLException {
    if (!c.getAutoCommit()) {
      c.rollback();
    }
  }

  private static void requireName(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name: 1 to 200 of A-Z a-z 0-9 . _ : / -");
    }
  }

  /** Only the SQLState: the server's message may quote the row (its sealed bytes). */
  private PostgresJournalException failure(String op, String name, SQLException e) {
    return new PostgresJournalException("secrets: " + op + " of record '" + name + "' in " + table
        + " failed (SQLState " + e.getSQLState() + ")", e);
  }

  @Override
  public String toString() {
    return "PostgresSecretRecords[" + table + "]";
  }
}
