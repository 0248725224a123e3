package io.ringostat.amo.journal.postgres;

import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EffectKind;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.WrittenRecord;
import io.ringostat.amo.engine.journal.KeptRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code call_records} table (R-LIFE): per RecordCall effect key, the note it wrote, so that
 * news about the call edits it with one request. One account's rows; callers hold a transaction.
 */
final class RecordStore {
  private final Tables t;
  private final String account;
  private final OptionalLong fence;

  RecordStore(Tables tables, String account, OptionalLong fence) {
    this.t = tables;
    this.account = account;
    this.fence = fence;
  }

  void remember(Connection c, long seq, EffectKey key, WrittenRecord record)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t.callRecords
        + " (account, call_id, kind, target, seq, entity_type, entity_id, note_id, content,"
        + " responsible, fence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT (account, call_id, kind, target) DO UPDATE SET seq = excluded.seq,"
        + " entity_type = excluded.entity_type, entity_id = excluded.entity_id,"
        + " note_id = excluded.note_id, content = excluded.content,"
        + " responsible = excluded.responsible, fence = excluded.fence")) {
      p.setString(1, account);
      p.setString(2, key.callId());
      p.setString(3, key.kind().wire());
      p.setString(4, key.target());
      p.setLong(5, seq);
      p.setString(6, record.entityType().name());
      p.setLong(7, record.entityId());
      p.setLong(8, record.noteId());
      p.setString(9, EntryStore.storable(record.content()));
      if (record.clientResponsibleUserId().isPresent()) {
        p.setLong(10, record.clientResponsibleUserId().get());
      } else {
        p.setNull(10, Types.BIGINT);
      }
      Fences.set(p, 11, fence);
      p.executeUpdate();
    }
  }

  List<KeptRecord> of(Connection c, String callId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT kind, target, seq, entity_type,"
        + " entity_id, note_id, content, responsible FROM " + t.callRecords
        + " WHERE account = ? AND call_id = ? ORDER BY ord")) {
      p.setString(1, account);
      p.setString(2, callId);
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
  }

  /** Deletes the records of every call of the account that has no entry left. */
  void deleteCallsWithoutEntries(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("DELETE FROM " + t.callRecords + " r"
        + " WHERE r.account = ? AND NOT EXISTS (SELECT 1 FROM " + t.entries + " e"
        + " WHERE e.account = r.account AND e.call_id = r.call_id)")) {
      p.setString(1, account);
      p.executeUpdate();
    }
  }
}
