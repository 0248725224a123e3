package io.ringostat.amo.journal.sqlite;

import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EffectKind;
import io.ringostat.amo.core.plan.EntityType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code effects} table: per effect key, SENDING (a request is about to go out) or DONE (with
 * the contact, deal and company ids it created). Keyed by call id, so every entry of a call sees
 * what the others did. Callers hold a transaction.
 */
final class EffectStore {
  private final Database db;

  EffectStore(Database db) {
    this.db = db;
  }

  /** Done effects of {@code callId} and what each created, in the order they were done. */
  Map<EffectKey, Map<EntityType, Long>> done(String callId) throws SQLException {
    PreparedStatement p = db.prepare("SELECT kind, target, contact_id, deal_id, company_id"
        + " FROM effects WHERE call_id = ? AND state = 'DONE' ORDER BY done_order");
    p.setString(1, callId);
    Map<EffectKey, Map<EntityType, Long>> out = new LinkedHashMap<>();
    try (ResultSet r = p.executeQuery()) {
      while (r.next()) {
        Map<EntityType, Long> created = new EnumMap<>(EntityType.class);
        for (EntityType type : EntityType.values()) {
          long id = r.getLong(column(type) - 1);
          if (!r.wasNull()) {
            created.put(type, id);
          }
        }
        out.put(EffectKey.of(callId, EffectKind.fromWire(r.getString(1)), r.getString(2)), created);
      }
    }
    return out;
  }

  /** Effects of {@code callId} marked sending and never done. */
  Set<EffectKey> sending(String callId) throws SQLException {
    PreparedStatement p = db.prepare(
        "SELECT kind, target FROM effects WHERE call_id = ? AND state = 'SENDING'");
    p.setString(1, callId);
    Set<EffectKey> out = new HashSet<>();
    try (ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.add(EffectKey.of(callId, EffectKind.fromWire(r.getString(1)), r.getString(2)));
      }
    }
    return out;
  }

  /** Marks {@code keys} sending; a key already done stays done. */
  void markSending(long seq, List<EffectKey> keys, Instant now) throws SQLException {
    PreparedStatement p = db.prepare("INSERT INTO effects"
        + " (call_id, kind, target, state, seq, updated_at) VALUES (?, ?, ?, 'SENDING', ?, ?)"
        + " ON CONFLICT (call_id, kind, target) DO NOTHING");
    for (EffectKey k : keys) {
      p.setString(1, k.callId());
      p.setString(2, k.kind().wire());
      p.setString(3, k.target());
      p.setLong(4, seq);
      p.setLong(5, Millis.of(now));
      p.addBatch();
    }
    p.executeBatch();
  }

  /**
   * Marks {@code key} done with what it created. Done again, it keeps its place in the done order
   * and takes the new ids (as the in-memory journal does).
   */
  void markDone(long seq, EffectKey key, Map<EntityType, Long> created, Instant now)
      throws SQLException {
    PreparedStatement p = db.prepare("INSERT INTO effects (call_id, kind, target, state,"
        + " contact_id, deal_id, company_id, done_order, seq, updated_at)"
        + " VALUES (?1, ?2, ?3, 'DONE', ?4, ?5, ?6,"
        + " (SELECT COALESCE(MAX(done_order), 0) + 1 FROM effects WHERE call_id = ?1), ?7, ?8)"
        + " ON CONFLICT (call_id, kind, target) DO UPDATE SET state = 'DONE',"
        + " contact_id = excluded.contact_id, deal_id = excluded.deal_id,"
        + " company_id = excluded.company_id,"
        + " done_order = COALESCE(effects.done_order, excluded.done_order),"
        + " seq = excluded.seq, updated_at = excluded.updated_at");
    p.setString(1, key.callId());
    p.setString(2, key.kind().wire());
    p.setString(3, key.target());
    for (EntityType type : EntityType.values()) {
      Long id = created.get(type);
      if (id == null) {
        p.setNull(column(type), Types.INTEGER);
      } else {
        p.setLong(column(type), id);
      }
    }
    p.setLong(7, seq);
    p.setLong(8, Millis.of(now));
    p.executeUpdate();
  }

  /**
   * Deletes the effects of every call that has no entry left. Runs after entries were pruned, so a
   * call's effects live exactly as long as any of its entries: a late duplicate of a pruned phase
   * still finds the effects done by the phases kept.
   */
  int deleteCallsWithoutEntries() throws SQLException {
    PreparedStatement p = db.prepare("DELETE FROM effects WHERE NOT EXISTS"
        + " (SELECT 1 FROM entries WHERE entries.call_id = effects.call_id)");
    return p.executeUpdate();
  }

  /**
   * The parameter index of {@code type}'s id in {@link #markDone}; minus one, its column in the
   * SELECT of {@link #done}. A switch without default: a new entity type fails compilation here
   * until it has a column (and a migration).
   */
  private static int column(EntityType type) {
    return switch (type) {
      case CONTACT -> 4;
      case DEAL -> 5;
      case COMPANY -> 6;
    };
  }
}
