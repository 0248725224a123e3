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
 * <h2>A fleet: leases with fencing tokens</h2>
 *
 * Several processes share the accounts of one schema through {@link
 * io.ringostat.amo.journal.postgres.Leases}: each account is held by one process at a time, and
 * every change of hands raises the account's fencing token. A {@link
 * io.ringostat.amo.journal.postgres.LeaseKeeper} renews a process's leases, claims free or expired
 * accounts (a dead process's included) up to a fair share, and tells the host which accounts to
 * start and stop serving; the host opens each account's journal fenced by its lease, so a process
 * that lost the lease (paused, partitioned) cannot write after the next owner took over: {@link
 * io.ringostat.amo.journal.postgres.LeaseLostException}, nothing written.
 *
 * <pre>{@code
 * LeaseKeeper keeper = LeaseKeeper.builder(Leases.open(pool)).listener(new LeaseKeeper.Listener() {
 *   public void acquired(Lease l) { host.start(l, PostgresJournal.openFenced(pool, l, noMigrate)); }
 *   public void lost(Lease l, LeaseKeeper.Loss why) { host.stop(l.accountId()); }
 * }).build();
 * keeper.start();
 * }</pre>
 *
 * <p>Takeover time with the defaults (ttl 15 s, rounds every 5 s): a dead process's accounts are
 * claimed at most one round (5 s) after their leases expire, so at most 20 s after its last
 * renewal. Measured against PostgreSQL 15 on one machine, with the keeper's rounds falling just
 * after the expiry (close to the worst case): expiry to claim 4.8 s, claim to the new owner's
 * first committed write 0.2 s (opening the journal, Flyway's check included, and the append; 1.3 s
 * when it was the JVM's first Flyway run), so 5.0 to 6.1 s from expiry and 19.9 to 21 s from the
 * dead process's last renewal ({@code LeaseKeeperTest.takeoverTimeWithTheDefaults}). Open fenced
 * journals with {@code migrate(false)} once {@link
 * io.ringostat.amo.journal.postgres.Leases#open} has migrated the schema to skip that check.
 *
 * <p>See {@link io.ringostat.amo.journal.postgres.PostgresJournal} for Durability, Lifecycle,
 * Thread-safety and Retention.
 */
package io.ringostat.amo.journal.postgres;
