package io.ringostat.amo.journal.postgres;

import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.engine.journal.EntryState;
import io.ringostat.amo.engine.journal.Journal;
import io.ringostat.amo.engine.journal.JournalCounts;
import io.ringostat.amo.engine.journal.JournalEntry;
import io.ringostat.amo.json.CallEventJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code entries} table of one account: journaled events and rejected inputs. Writers hold
 * the account lock (see {@link Database}).
 */
final class EntryStore {
  private static final String COLUMNS = "seq, call_id, phase, phone_key, received_at, state,"
      + " event_json, raw, attempts, note, finished_at";
  private static final int MAX_NOTE_DETAIL = 500;

  private final Tables t;
  private final String account;
  private final int maxRaw;
  private final OptionalLong fence;

  /** {@code fence} is recorded on every row written: the journal's lease fence, or empty. */
  EntryStore(Tables tables, String account, int maxRaw, OptionalLong fence) {
    this.t = tables;
    this.account = account;
    this.maxRaw = maxRaw;
    this.fence = fence;
  }

  /** The entry of {@code callId} with dedupe key {@code dedupe} ({@code Journal.dedupeKey}). */
  Optional<JournalEntry> findByDedupe(Connection c, String callId, String dedupe)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM " + t.entries
        + " WHERE account = ? AND call_id = ? AND dedupe = ?")) {
      p.setString(1, account);
      p.setString(2, callId);
      p.setString(3, dedupe);
      return one(p);
    }
  }

  /** The journaled events of {@code callId}, in seq order. */
  List<JournalEntry> ofCall(Connection c, String callId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM " + t.entries
        + " WHERE account = ? AND call_id = ? AND phase IS NOT NULL ORDER BY seq")) {
      p.setString(1, account);
      p.setString(2, callId);
      return all(p);
    }
  }

  Optional<JournalEntry> find(Connection c, long seq) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM " + t.entries + " WHERE account = ? AND seq = ?")) {
      p.setString(1, account);
      p.setLong(2, seq);
      return one(p);
    }
  }

  /**
   * Inserts a pending event unless (account, call id, phase) is taken, and returns its seq; empty
   * when it was taken. The seq comes from the account row in the same statement.
   */
  Optional<Long> insert(Connection c, String callId, CallPhase phase, String dedupe,
      String phoneKey, Instant receivedAt, String json) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("WITH s AS (UPDATE " + t.accounts
        + " SET next_seq = next_seq + 1 WHERE account = ? RETURNING next_seq - 1 AS seq)"
        + " INSERT INTO " + t.entries
        + " (account, seq, call_id, phase, dedupe, phone_key, received_at, state, event_json,"
        + " fence) SELECT ?, s.seq, ?, ?, ?, ?, ?, 'PENDING', ?, ? FROM s"
        + " ON CONFLICT ON CONSTRAINT entries_call_dedupe DO NOTHING RETURNING seq")) {
      p.setString(1, account);
      p.setString(2, account);
      p.setString(3, callId);
      p.setString(4, phase.name());
      p.setString(5, dedupe);
      p.setString(6, phoneKey);
      p.setLong(7, Millis.of(receivedAt));
      p.setString(8, json);
      Fences.set(p, 9, fence);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
      }
    }
  }

  /** Inserts a rejected input and returns its seq; its call id is {@code rejected-<seq>}. */
  long insertRejected(Connection c, String raw, String reason, Instant receivedAt)
      throws SQLException {
    long seq;
    try (PreparedStatement p = c.prepareStatement("UPDATE " + t.accounts
        + " SET next_seq = next_seq + 1 WHERE account = ? RETURNING next_seq - 1")) {
      p.setString(1, account);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          throw new SQLException("account row missing", "P0002");
        }
        seq = r.getLong(1);
      }
    }
    String callId = rejectedCallId(seq);
    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t.entries
        + " (account, seq, call_id, phone_key, received_at, state, raw, note, finished_at, fence)"
        + " VALUES (?, ?, ?, ?, ?, 'REJECTED', ?, ?, ?, ?)")) {
      p.setString(1, account);
      p.setLong(2, seq);
      p.setString(3, callId);
      p.setString(4, Journal.unparseablePhoneKey(callId));
      p.setLong(5, Millis.of(receivedAt));
      p.setString(6, raw);
      p.setString(7, reason);
      p.setLong(8, Millis.of(receivedAt));
      Fences.set(p, 9, fence);
      p.executeUpdate();
    }
    return seq;
  }

  static String rejectedCallId(long seq) {
    return "rejected-" + seq;
  }

  List<JournalEntry> pending(Connection c, long afterSeq, int limit) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM " + t.entries
        + " WHERE account = ? AND state = 'PENDING' AND seq > ? ORDER BY seq LIMIT ?")) {
      p.setString(1, account);
      p.setLong(2, afterSeq);
      p.setInt(3, limit);
      return all(p);
    }
  }

  /** The last {@code limit} entries in {@code state}, in seq order. */
  List<JournalEntry> last(Connection c, EntryState state, int limit) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM " + t.entries
        + " WHERE account = ? AND state = ? ORDER BY seq DESC LIMIT ?")) {
      p.setString(1, account);
      p.setString(2, state.name());
      p.setInt(3, limit);
      List<JournalEntry> out = all(p);
      Collections.reverse(out);
      return out;
    }
  }

  /** Returns false when there is no such entry. */
  boolean recordAttempt(Connection c, long seq, String error) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("UPDATE " + t.entries
        + " SET attempts = attempts + 1, note = ?, fence = ? WHERE account = ? AND seq = ?")) {
      p.setString(1, error);
      Fences.set(p, 2, fence);
      p.setString(3, account);
      p.setLong(4, seq);
      return p.executeUpdate() == 1;
    }
  }

  /** Returns false when there is no such entry. */
  boolean finish(Connection c, long seq, EntryState state, String note, Instant at)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement("UPDATE " + t.entries
        + " SET state = ?, note = ?, finished_at = ?, fence = ? WHERE account = ? AND seq = ?")) {
      p.setString(1, state.name());
      p.setString(2, note);
      p.setLong(3, Millis.of(at));
      Fences.set(p, 4, fence);
      p.setString(5, account);
      p.setLong(6, seq);
      return p.executeUpdate() == 1;
    }
  }

  /** Deletes final entries finished strictly before {@code before}; returns how many. */
  int deleteFinishedBefore(Connection c, Instant before) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("DELETE FROM " + t.entries
        + " WHERE account = ? AND finished_at < ? AND state <> 'PENDING'")) {
      p.setString(1, account);
      p.setLong(2, Millis.of(before));
      return p.executeUpdate();
    }
  }

  JournalCounts counts(Connection c) throws SQLException {
    Map<EntryState, Long> n = new EnumMap<>(EntryState.class);
    try (PreparedStatement p = c.prepareStatement("SELECT state, COUNT(*) FROM " + t.entries
        + " WHERE account = ? GROUP BY state")) {
      p.setString(1, account);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          n.put(EntryState.valueOf(r.getString(1)), r.getLong(2));
        }
      }
    }
    return new JournalCounts(
        n.getOrDefault(EntryState.PENDING, 0L),
        n.getOrDefault(EntryState.DELIVERED, 0L),
        n.getOrDefault(EntryState.FAILED, 0L),
        n.getOrDefault(EntryState.REJECTED, 0L),
        n.getOrDefault(EntryState.SKIPPED, 0L),
        n.getOrDefault(EntryState.EXPIRED, 0L));
  }

  private Optional<JournalEntry> one(PreparedStatement p) throws SQLException {
    try (ResultSet r = p.executeQuery()) {
      return r.next() ? Optional.of(map(r)) : Optional.empty();
    }
  }

  private List<JournalEntry> all(PreparedStatement p) throws SQLException {
    List<JournalEntry> out = new ArrayList<>();
    try (ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.add(map(r));
      }
    }
    return out;
  }

  /**
   * One row as an entry. An event whose JSON no longer reads (a damaged row, or JSON written by a
   * newer, incompatible codec) does not fail the query: the entry comes back without an event,
   * with the JSON in {@code raw} and the reason in {@code note}, so the engine can mark it failed
   * and move on to the next one.
   */
  private JournalEntry map(ResultSet r) throws SQLException {
    long seq = r.getLong(1);
    String phase = r.getString(3);
    String json = r.getString(7);
    Optional<String> raw = Optional.ofNullable(r.getString(8));
    Optional<String> note = Optional.ofNullable(r.getString(10));
    long finished = r.getLong(11);
    Optional<Instant> finishedAt =
        r.wasNull() ? Optional.empty() : Optional.of(Millis.instant(finished));
    Optional<CallEvent> event = Optional.empty();
    if (json != null) {
      try {
        event = Optional.of(CallEventJson.read(json));
      } catch (RuntimeException e) {
        raw = Optional.of(truncate(json, maxRaw));
        note = Optional.of(unreadable(e));
      }
    }
    return new JournalEntry(seq, r.getString(2),
        phase == null ? Optional.empty() : Optional.of(CallPhase.valueOf(phase)),
        r.getString(4), Millis.instant(r.getLong(5)), EntryState.valueOf(r.getString(6)), event,
        raw, r.getInt(9), note, finishedAt);
  }

  private static String unreadable(RuntimeException e) {
    String detail = e.getClass().getSimpleName() + ": " + e.getMessage();
    return "unreadable event in the journal (" + truncate(detail, MAX_NOTE_DETAIL)
        + "); the stored JSON is in raw";
  }

  /** At most {@code max} chars, never ending in half a surrogate pair. */
  static String truncate(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, end);
  }

  /**
   * {@code s} storable in a {@code text} column: PostgreSQL rejects the NUL character, which a
   * malformed input or an error message may carry; it becomes U+FFFD.
   */
  static String storable(String s) {
    return s.indexOf('\0') < 0 ? s : s.replace('\0', '\uFFFD');
  }
}
