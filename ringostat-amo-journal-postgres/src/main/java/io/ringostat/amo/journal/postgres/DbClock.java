package io.ringostat.amo.journal.postgres;

/**
 * The database's clock in SQL, in epoch milliseconds like every stored instant. Leases are timed
 * by the database only, never by a process's clock, so a machine whose clock is off can neither
 * extend its own lease nor take another's early. {@code clock_timestamp()} (not {@code now()},
 * the start of the transaction) so a statement that waited for a lock reads the time after the
 * wait wherever PostgreSQL re-evaluates it.
 */
final class DbClock {
  static final String NOW_MS = "floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint";

  private DbClock() {}
}
