/**
 * The journal port: the durable record of every call event and of every effect done for it, which
 * makes delivery exactly-once across retries and crashes (R-KEEP, R-ONCE). {@link
 * io.ringostat.amo.engine.journal.InMemoryJournal} is for tests; {@code ringostat-amo-journal-sqlite}
 * is the durable default.
 *
 * <pre>{@code
 * Journal journal = new InMemoryJournal();
 * Appended a = journal.append(event, phoneKey, now);
 * journal.markDone(a.entry().seq(), key, Map.of(EntityType.CONTACT, 42L));
 * }</pre>
 */
@AmoStyle
package io.ringostat.amo.engine.journal;

import io.ringostat.amo.core.AmoStyle;
