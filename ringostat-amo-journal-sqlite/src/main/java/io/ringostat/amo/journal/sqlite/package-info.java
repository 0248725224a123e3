/**
 * The durable embedded journal on SQLite: {@link io.ringostat.amo.journal.sqlite.SqliteJournal}
 * stores every call event before any CRM request, every effect done and what it created, and the
 * recent phone memories, each in one fsynced transaction, so a crash at any point loses nothing
 * and repeats nothing (R-KEEP, R-ONCE).
 *
 * <pre>{@code
 * IntegrationEngine engine = IntegrationEngine.builder().settings(settings).gateway(gateway)
 *     .journal(SqliteJournal.open(Path.of("/var/lib/myapp/amo-journal")))
 *     .build();                                  // engine.close() closes the journal
 * }</pre>
 */
package io.ringostat.amo.journal.sqlite;
