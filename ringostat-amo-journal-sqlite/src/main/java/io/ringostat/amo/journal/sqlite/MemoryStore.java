package io.ringostat.amo.journal.sqlite;

import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.engine.journal.DuplicateMemory;
import io.ringostat.amo.engine.journal.EntryState;
import io.ringostat.amo.engine.journal.Journal;
import io.ringostat.amo.engine.journal.JournalEntry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code remembered} table: pruned events by fingerprint ({@link DuplicateMemory}), so a late
 * resend is still a duplicate. Callers hold a transaction.
 */
final class MemoryStore {
  private final Database db;
  private final DuplicateMemory memory;

  MemoryStore(Database db, DuplicateMemory memory) {
    this.db = db;
    this.memory = memory;
  }

  /** The pruned entry {@code event} duplicates, rebuilt from the memory. */
  Optional<JournalEntry> find(CallEvent event, String phoneKey) throws SQLException {
    PreparedStatement p = db.prepare("SELECT seq, state, received_at, finished_at"
        + " FROM remembered WHERE fingerprint = ?");
    p.setString(1, DuplicateMemory.fingerprint(event));
    try (ResultSet r = p.executeQuery()) {
      if (!r.next()) {
        return Optional.empty();
      }
      return Optional.of(new JournalEntry(r.getLong(1), event.callId(),
          Optional.of(event.phase()), phoneKey, Millis.instant(r.getLong(3)),
          EntryState.valueOf(r.getString(2)), Optional.of(event), Optional.empty(), 0,
          Optional.of(Journal.PRUNED_NOTE), Optional.of(Millis.instant(r.getLong(4)))));
    }
  }

  /**
   * Remembers the events of the entries that {@code prune(before)} is about to delete; call before
   * deleting them.
   */
  void rememberPruned(Instant before) throws SQLException {
    if (memory.isNone()) {
      return;
    }
    PreparedStatement select = db.prepare("SELECT seq, call_id, dedupe, state, received_at,"
        + " finished_at FROM entries WHERE finished_at < ? AND state <> 'PENDING'"
        + " AND phase IS NOT NULL ORDER BY seq");
    select.setLong(1, Millis.of(before));
    PreparedStatement insert = db.prepare("INSERT OR REPLACE INTO remembered"
        + " (fingerprint, seq, state, received_at, finished_at) VALUES (?, ?, ?, ?, ?)");
    try (ResultSet r = select.executeQuery()) {
      while (r.next()) {
        insert.setString(1, DuplicateMemory.fingerprint(r.getString(2), r.getString(3)));
        insert.setLong(2, r.getLong(1));
        insert.setString(3, r.getString(4));
        insert.setLong(4, r.getLong(5));
        insert.setLong(5, r.getLong(6));
        insert.executeUpdate();
      }
    }
  }

  /** Forgets what finished more than the memory's duration before {@code before}, and the excess. */
  void forget(Instant before) throws SQLException {
    PreparedStatement old = db.prepare("DELETE FROM remembered WHERE finished_at < ?");
    old.setLong(1, Millis.of(before.minus(memory.lasts())));
    old.executeUpdate();
    // rowid grows with every insert: the smallest were pruned earliest
    PreparedStatement excess = db.prepare("DELETE FROM remembered WHERE rowid <="
        + " (SELECT rowid FROM remembered ORDER BY rowid DESC LIMIT 1 OFFSET ?)");
    excess.setLong(1, memory.maxEvents());
    excess.executeUpdate();
  }
}
