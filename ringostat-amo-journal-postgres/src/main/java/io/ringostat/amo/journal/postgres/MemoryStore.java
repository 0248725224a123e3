package io.ringostat.amo.journal.postgres;

import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.engine.journal.DuplicateMemory;
import io.ringostat.amo.engine.journal.EntryState;
import io.ringostat.amo.engine.journal.Journal;
import io.ringostat.amo.engine.journal.JournalEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code remembered} table of one account: pruned events by fingerprint ({@link
 * DuplicateMemory}), so a late resend is still a duplicate. Writers hold the account lock.
 */
final class MemoryStore {
  private final Tables t;
  private final String account;
  private final DuplicateMemory memory;

  MemoryStore(Tables tables, String account, DuplicateMemory memory) {
    this.t = tables;
    this.account = account;
    this.memory = memory;
  }

  /** The pruned entry {@code event} duplicates, rebuilt from the memory. */
  Optional<JournalEntry> find(Connection c, CallEvent event, String phoneKey)
      throws SQLException {
    if (memory.isNone()) {
      return Optional.empty();
    }
    try (PreparedStatement p = c.prepareStatement("SELECT seq, state, received_at, finished_at"
        + " FROM " + t.remembered + " WHERE account = ? AND fingerprint = ?")) {
      p.setString(1, account);
      p.setString(2, DuplicateMemory.fingerprint(event));
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
  }

  /**
   * Remembers the events of the entries that {@code prune(before)} is about to delete, in seq
   * order; call before deleting them.
   */
  void rememberPruned(Connection c, Instant before) throws SQLException {
    if (memory.isNone()) {
      return;
    }
    List<Object[]> rows = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT seq, call_id, dedupe, state,"
        + " received_at, finished_at FROM " + t.entries + " WHERE account = ?"
        + " AND finished_at < ? AND state <> 'PENDING' AND phase IS NOT NULL ORDER BY seq")) {
      p.setString(1, account);
      p.setLong(2, Millis.of(before));
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          rows.add(new Object[] {DuplicateMemory.fingerprint(r.getString(2), r.getString(3)),
              r.getLong(1), r.getString(4), r.getLong(5), r.getLong(6)});
        }
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    // ord = excluded.ord: a re-remembered event moves to the end, as the newest
    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t.remembered
        + " (account, fingerprint, seq, state, received_at, finished_at)"
        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account, fingerprint) DO UPDATE SET"
        + " seq = excluded.seq, state = excluded.state, received_at = excluded.received_at,"
        + " finished_at = excluded.finished_at, ord = excluded.ord")) {
      for (Object[] row : rows) {
        p.setString(1, account);
        p.setString(2, (String) row[0]);
        p.setLong(3, (Long) row[1]);
        p.setString(4, (String) row[2]);
        p.setLong(5, (Long) row[3]);
        p.setLong(6, (Long) row[4]);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /**
   * Forgets what finished more than the memory's duration before {@code before}, and the oldest
   * beyond the memory's size.
   */
  void forget(Connection c, Instant before) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("DELETE FROM " + t.remembered
        + " WHERE account = ? AND finished_at < ?")) {
      p.setString(1, account);
      p.setLong(2, Millis.of(before.minus(memory.lasts())));
      p.executeUpdate();
    }
    try (PreparedStatement p = c.prepareStatement("DELETE FROM " + t.remembered
        + " WHERE account = ? AND ord <= (SELECT ord FROM " + t.remembered
        + " WHERE account = ? ORDER BY ord DESC LIMIT 1 OFFSET ?)")) {
      p.setString(1, account);
      p.setString(2, account);
      p.setLong(3, memory.maxEvents());
      p.executeUpdate();
    }
  }
}
