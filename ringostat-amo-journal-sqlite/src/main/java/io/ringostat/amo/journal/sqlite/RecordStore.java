package io.ringostat.amo.journal.sqlite;

import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EffectKind;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.WrittenRecord;
import io.ringostat.amo.engine.journal.KeptRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code call_records} table (R-LIFE): per RecordCall effect key, the note it wrote, so that
 * news about the call edits it with one request. Callers hold a transaction.
 */
final class RecordStore {
  private final Database db;

  RecordStore(Database db) {
    this.db = db;
  }

  /** Keeps {@code record} for {@code key}; the order of first keeping is kept on a replace. */
  void remember(long seq, EffectKey key, WrittenRecord record) throws SQLException {
    PreparedStatement p = db.prepare("INSERT INTO call_records (call_id, kind, target, seq,"
        + " entity_type, entity_id, note_id, content, responsible, ord) VALUES (?, ?, ?, ?, ?, ?,"
        + " ?, ?, ?, (SELECT coalesce(max(ord), 0) + 1 FROM call_records))"
        + " ON CONFLICT (call_id, kind, target) DO UPDATE SET seq = excluded.seq,"
        + " entity_type = excluded.entity_type, entity_id = excluded.entity_id,"
        + " note_id = excluded.note_id, content = excluded.content,"
        + " responsible = excluded.responsible");
    p.setString(1, key.callId());
    p.setString(2, key.kind().wire());
    p.setString(3, key.target());
    p.setLong(4, seq);
    p.setString(5, record.entityType().name());
    p.setLong(6, record.entityId());
    p.setLong(7, record.noteId());
    p.setString(8, record.content());
    if (record.clientResponsibleUserId().isPresent()) {
      p.setLong(9, record.clientResponsibleUserId().get());
    } else {
      p.setNull(9, Types.INTEGER);
    }
    p.executeUpdate();
  }

  List<KeptRecord> of(String callId) throws SQLException {
    PreparedStatement p = db.prepare("SELECT kind, target, seq, entity_type, entity_id, note_id,"
        + " content, responsible FROM call_records WHERE call_id = ? ORDER BY ord");
    p.setString(1, callId);
    List<KeptRecord> out = new ArrayList<>();
    try (ResultSet r = p.executeQuery()) {
      while (r.next()) {
        long responsible = r.getLong(8);
        Optional<Long> who = r.wasNull() ? Optional.empty() : Optional.of(responsible);
        out.add(new KeptRecord(r.getLong(3),
            EffectKey.of(callId, EffectKind.fromWire(r.getString(1)), r.getString(2)),
            new WrittenRecord(EntityType.valueOf(r.getString(4)), r.getLong(5), r.getLong(6),
                r.getString(7), who)));
      }
    }
    return out;
  }

  /** Deletes the records of every call that has no entry left (with its effects). */
  void deleteCallsWithoutEntries() throws SQLException {
    db.prepare("DELETE FROM call_records WHERE NOT EXISTS"
        + " (SELECT 1 FROM entries WHERE entries.call_id = call_records.call_id)").executeUpdate();
  }
}
