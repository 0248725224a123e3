/**
 * The durable journal on PostgreSQL: {@link io.ringostat.amo.journal.postgres.PostgresJournal}
 * stores every call event before any CRM request, every effect done and what it created, and the
 * recent phone memories of one account, each in one synchronously committed transaction, so a
 * crash of the process or of the database loses nothing and repeats nothing (R-KEEP, R-ONCE).
 * One schema serves many accounts and many processes (R-FLEET).
 *
 * <pre>{@code
 * HikariDataSource pool = PostgresJournal.pool(url, user, password, 10); // one per process
 * IntegrationEngine engine = IntegrationEngine.builder().settings(settings).gateway(gateway)
 *     .journal(PostgresJournal.open(pool, "account-42")).build();
 * }</pre>
 *
 * <p>See {@link io.ringostat.amo.journal.postgres.PostgresJournal} for Durability, Lifecycle,
 * Thread-safety and Retention.
 */
package io.ringostat.amo.journal.postgres;
