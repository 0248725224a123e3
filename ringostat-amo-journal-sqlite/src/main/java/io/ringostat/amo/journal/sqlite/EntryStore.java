package io.ringostat.amo.journal.sqlite;

import io.ringostat.amo.engine.journal.EntryState;
import io.ringostat.amo.engine.journal.Journal;
import io.ringostat.amo.engine.journal.JournalCounts;
import io.ringostat.amo.engine.journal.JournalEntry;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.json.CallEventJson;
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

/** The {@code entries} table: journaled events and rejected inputs. Callers hold a transaction. */
final class EntryStore {
  private static final String COLUMNS = "seq, call_id, phase, phone_key, received_at, state,"
      + " event_json, raw, attempts, note, finished_at";
  private static final int MAX_NOTE_DETAIL = 500;

  private final Database db;
  private final int maxRaw;

  EntryStore(Database db, int maxRaw) {
    this.db = db;
    this.maxRaw = maxRaw;
  }

  /** The entry of {@code callId} with dedupe key {@code dedupe} ({@code Journal.dedupeKey}). */
  Optional<JournalEntry> findByDedupe(String callId, String dedupe) throws SQLException {
    PreparedStatement p =
        db.prepare("SELECT " + COLUMNS + " FROM entries WHERE call_id = ? AND dedupe = ?");
    p.setString(1, callId);
    p.setString(2, dedupe);
    return one(p);
  }

  /** The journaled events of {@code callId}, in seq order. */
  List<JournalEntry> ofCall(String callId) throws SQLException {
    PreparedStatement p = db.prepare("SELECT " + COLUMNS + " FROM entries"
        + " WHERE call_id = ? AND phase IS NOT NULL ORDER BY seq");
    p.setString(1, callId);
    return all(p);
  }

  Optional<JournalEntry> find(long seq) throws SQLException {
    PreparedStatement p = db.prepare("SELECT " + COLUMNS + " FROM entries WHERE seq = ?");
    p.setLong(1, seq);
    return one(p);
  }

  /** Inserts a pending event and returns its seq. */
  long insert(String callId, CallPhase phase, String dedupe, String phoneKey, Instant receivedAt,
      String json) throws SQLException {
    PreparedStatement p = db.prepare("INSERT INTO entries"
        + " (call_id, phase, dedupe, phone_key, received_at, state, event_json)"
        + " VALUES (?, ?, ?, ?, ?, 'PENDING', ?) RETURNING seq");
    p.setString(1, callId);
    p.setString(2, phase.name());
    p.setString(3, dedupe);
    p.setString(4, phoneKey);
    p.setLong(5, Millis.of(receivedAt));
    p.setString(6, json);
    return returnedSeq(p);
  }

  /**
   * Inserts a rejected input and returns its seq. Its call id is {@code rejected-<seq>}, known
   * only after the insert, hence the update in the same transaction.
   */
  long insertRejected(String raw, String reason, Instant receivedAt) throws SQLException {
    PreparedStatement p = db.prepare("INSERT INTO entries"
        + " (call_id, phone_key, received_at, state, raw, note, finished_at)"
        + " VALUES ('', '', ?, 'REJECTED', ?, ?, ?) RETURNING seq");
    p.setLong(1, Millis.of(receivedAt));
    p.setString(2, raw);
    p.setString(3, reason);
    p.setLong(4, Millis.of(receivedAt));
    long seq = returnedSeq(p);
    PreparedStatement u =
        db.prepare("UPDATE entries SET call_id = ?, phone_key = ? WHERE seq = ?");
    u.setString(1, rejectedCallId(seq));
    u.setString(2, Journal.unparseablePhoneKey(rejectedCallId(seq)));
    u.setLong(3, seq);
    u.executeUpdate();
    return seq;
  }

  static String rejectedCallId(long seq) {
    return "rejected-" + seq;
  }

  List<JournalEntry> pending(long afterSeq, int limit) throws SQLException {
    PreparedStatement p = db.prepare("SELECT " + COLUMNS + " FROM entries"
        + " WHERE state = 'PENDING' AND seq > ? ORDER BY seq LIMIT ?");
    p.setLong(1, afterSeq);
    p.setInt(2, limit);
    return all(p);
  }

  /** The last {@code limit} entries in {@code state}, in seq order. */
  List<JournalEntry> last(EntryState state, int limit) throws SQLException {
    PreparedStatement p = db.prepare("SELECT " + COLUMNS + " FROM entries"
        + " WHERE state = ? ORDER BY seq DESC LIMIT ?");
    p.setString(1, state.name());
    p.setInt(2, limit);
    List<JournalEntry> out = all(p);
    Collections.reverse(out);
    return out;
  }

  /** Returns false when there is no such entry. */
  boolean recordAttempt(long seq, String error) throws SQLException {
    PreparedStatement p =
        db.prepare("UPDATE entries SET attempts = attempts + 1, note = ? WHERE seq = ?");
    p.setString(1, error);
    p.setLong(2, seq);
    return p.executeUpdate() == 1;
  }

  /** Returns false when there is no such entry. */
  boolean finish(long seq, EntryState state, String note, Instant at) throws SQLException {
    PreparedStatement p =
        db.prepare("UPDATE entries SET state = ?, note = ?, finished_at = ? WHERE seq = ?");
    p.setString(1, state.name());
    p.setString(2, note);
    p.setLong(3, Millis.of(at));
    p.setLong(4, seq);
    return p.executeUpdate() == 1;
  }

  /** Deletes final entries finished strictly before {@code before}; returns how many. */
  int deleteFinishedBefore(Instant before) throws SQLException {
    PreparedStatement p = db.prepare(
        "DELETE FROM entries WHERE finished_at < ? AND state <> 'PENDING'");
    p.setLong(1, Millis.of(before));
    return p.executeUpdate();
  }

  JournalCounts counts() throws SQLException {
    PreparedStatement p = db.prepare("SELECT state, COUNT(*) FROM entries GROUP BY state");
    Map<EntryState, Long> n = new EnumMap<>(EntryState.class);
    try (ResultSet r = p.executeQuery()) {
      while (r.next()) {
        n.put(EntryState.valueOf(r.getString(1)), r.getLong(2));
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

  private static long returnedSeq(PreparedStatement p) throws SQLException {
    try (ResultSet r = p.executeQuery()) {
      if (!r.next()) {
        throw new SQLException("INSERT ... RETURNING seq returned no row");
      }
      return r.getLong(1);
    }
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

  static String truncate(String s, int max) {
    return s.length() > max ? s.substring(0, max) : s;
  }
}
