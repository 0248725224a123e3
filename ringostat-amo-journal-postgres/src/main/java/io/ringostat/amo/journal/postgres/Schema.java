package io.ringostat.amo.journal.postgres;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The journal's tables, migrated with Flyway from {@code V<n>__*.sql} in {@value #LOCATION}. The
 * schema has its own history table ({@code flyway_schema_history} inside it), so the journal never
 * mixes with a host's own Flyway migrations; the location is outside {@code db/migration} for the
 * same reason (a host's Flyway scans that folder recursively). Flyway takes a PostgreSQL advisory
 * lock while it migrates, so processes that start together migrate once.
 */
final class Schema {
  /** The version this library writes; the highest {@code V<n>} in {@link #LOCATION}. */
  static final String VERSION = "5";

  static final String LOCATION = "classpath:io/ringostat/amo/journal/postgres/migration";

  private Schema() {}

  /**
   * Creates {@code schema} when missing and brings it to {@link #VERSION}. Idempotent.
   *
   * @throws PostgresJournalException if Flyway fails, or the schema was migrated beyond {@link
   *     #VERSION} by a newer version of this library
   */
  static void migrate(DataSource dataSource, String schema) {
    try {
      Flyway flyway = Flyway.configure(Schema.class.getClassLoader())
          .dataSource(dataSource)
          .schemas(schema)
          .defaultSchema(schema)
          .createSchemas(true)
          .locations(LOCATION)
          .failOnMissingLocations(true)
          .load();
      flyway.migrate();
      MigrationInfo current = flyway.info().current();
      if (current != null
          && current.getVersion().compareTo(MigrationVersion.fromVersion(VERSION)) > 0) {
        throw new PostgresJournalException("journal: schema " + schema + " has version "
            + current.getVersion() + " but this library supports up to " + VERSION
            + "; use the newer ringostat-amo-journal-postgres that migrated it");
      }
    } catch (FlywayException e) {
      throw new PostgresJournalException(
          "journal: cannot migrate schema " + schema + ": " + e.getMessage(), e);
    }
  }
}
