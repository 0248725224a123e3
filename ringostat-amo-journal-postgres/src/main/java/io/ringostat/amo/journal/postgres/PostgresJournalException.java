package io.ringostat.amo.journal.postgres;

/**
 * Thrown when the PostgreSQL journal cannot be opened or a statement fails: the database cannot
 * be reached or refused the login, the pool had no free connection in time, the role may not
 * create the journal's schema, the schema was migrated by a newer version of this library, or the
 * server reported an error (disk full, connection lost, serialization failure).
 *
 * <p>When it is thrown from a method, that method's transaction was rolled back or never
 * committed: nothing it meant to write is in the journal. (One exception that PostgreSQL cannot
 * rule out: the connection broke while the COMMIT was in flight. The write may then be in; the
 * engine's retry finds it as a duplicate.) The message names the operation, the account and the
 * SQLState, never parameter values; the cause is the underlying {@link java.sql.SQLException} or
 * Flyway exception. Fix the environment (reachability, credentials, grants, space) and retry, or
 * open the schema with the newer library version that migrated it.
 */
public final class PostgresJournalException extends RuntimeException {
  PostgresJournalException(String message, Throwable cause) {
    super(message, cause);
  }

  PostgresJournalException(String message) {
    super(message);
  }
}
