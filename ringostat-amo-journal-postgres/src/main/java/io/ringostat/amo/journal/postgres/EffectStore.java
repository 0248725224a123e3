package io.ringostat.amo.journal.postgres;

import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EffectKind;
import io.ringostat.amo.core.plan.EntityType;
import java.sql.Connection;
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
import java.util.OptionalLong;
import java.util.Set;

/**
 * The {@code effects} table of one account: per effect key, SENDING (a request is about to go out)
 * or DONE (with the contact, deal and company ids it created). Keyed by call id, so every entry of
 * a call sees what the others did. Writers hold the account lock, which also makes the done order
 * ({@code MAX + 1}) race-free.
 */
final class EffectStore {
  private final Tables t;
  private final String account;
  private final OptionalLong fence;

  /** {@code fence} is recorded on every state change: the journal's lease fence, or empty. */
  EffectStore(Tables tables, String account, OptionalLong fence) {
    this.t = tables;
    this.account = account;
    this.fence = fence;
  }

  /** Done effects of {@code callId} and what each created, in the order they were done. */
  Map<EffectKey, Map<EntityType, Long>> done(Connection c, String callId) throws SQLException {
    Map<EffectKey, Map<EntityType, Long>> out = new LinkedHashMap<>();
    try (PreparedStatement p = c.prepareStatement("SELECT kind, target, contact_id, deal_id,"
        + " company_id FROM " + t.effects
        + " WHERE account = ? AND call_id = ? AND state = 'DONE' ORDER BY done_order")) {
      p.setString(1, account);
      p.setString(2, callId);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          Map<EntityType, Long> created = new EnumMap<>(EntityType.class);
          for (EntityType type : EntityType.values()) {
            long id = r.getLong(column(type));
            if (!r.wasNull()) {
              created.put(type, id);
            }
          }
          out.put(EffectKey.of(callId, EffectKind.fromWire(r.getString(1)), r.getString(2)),
              created);
        }
      }
    }
    return out;
  }

  /** Effects of {@code callId} marked sending and never done. */
  Set<EffectKey> sending(Connection c, String callId) throws SQLException {
    Set<EffectKey> out = new HashSet<>();
    try (PreparedStatement p = c.prepareStatement("SELECT kind, target FROM " + t.effects
        + " WHERE account = ? AND call_id = ? AND state = 'SENDING'")) {
      p.setString(1, account);
      p.setString(2, callId);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(EffectKey.of(callId, EffectKind.fromWire(r.getString(1)), r.getString(2)));
        }
      }
    }
    return out;
  }

  /** Marks {@code keys} sending; a key already done stays done. */
  void markSending(Connection c, long seq, List<EffectKey> keys, Instant now)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t.effects
        + " (account, call_id, kind, target, state, seq, updated_at, fence)"
        + " VALUES (?, ?, ?, ?, 'SENDING', ?, ?, ?)"
        + " ON CONFLICT (account, call_id, kind, target) DO NOTHING")) {
      for (EffectKey k : keys) {
        p.setString(1, account);
        p.setString(2, k.callId());
        p.setString(3, k.kind().wire());
        p.setString(4, k.target());
        p.setLong(5, seq);
        p.setLong(6, Millis.of(now));
        Fences.set(p, 7, fence);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /**
   * Marks {@code key} done with what it created. Done again, it keeps its place in the done order
   * and takes the new ids (as the in-memory journal does).
   */
  void markDone(Connection c, long seq, EffectKey key, Map<EntityType, Long> created, Instant now)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t.effects + " AS e"
        + " (account, call_id, kind, target, state, contact_id, deal_id, company_id, done_order,"
        + " seq, updated_at, fence) VALUES (?, ?, ?, ?, 'DONE', ?, ?, ?,"
        + " (SELECT COALESCE(MAX(done_order), 0) + 1 FROM " + t.effects
        + " WHERE account = ? AND call_id = ?), ?, ?, ?)"
        + " ON CONFLICT (account, call_id, kind, target) DO UPDATE SET state = 'DONE',"
        + " contact_id = excluded.contact_id, deal_id = excluded.deal_id,"
        + " company_id = excluded.company_id,"
        + " done_order = COALESCE(e.done_order, excluded.done_order),"
        + " seq = excluded.seq, updated_at = excluded.updated_at, fence = excluded.fence")) {
      p.setString(1, account);
      p.setString(2, key.callId());
      p.setString(3, key.kind().wire());
      p.setString(4, key.target());
      for (EntityType type : EntityType.values()) {
        Long id = created.get(type);
        int index = column(type) + 2;
        if (id == null) {
          p.setNull(index, Types.BIGINT);
        } else {
          p.setLong(index, id);
        }
      }
      p.setString(8, account);
      p.setString(9, key.callId());
      p.setLong(10, seq);
      p.setLong(11, Millis.of(now));
      Fences.set(p, 12, fence);
      p.executeUpdate();
    }
  }

  /**
   * Deletes the effects of every call of the account that has no entry left. Runs after entries
   * were pruned, so a call's effects live exactly as long as any of its entries: a late duplicate
   * of a pruned phase still finds the effects done by the phases kept.
   */
  int deleteCallsWithoutEntries(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("DELETE FROM " + t.effects + " f"
        + " WHERE f.account = ? AND NOT EXISTS (SELECT 1 FROM " + t.entries + " e"
        + " WHERE e.account = f.account AND e.call_id = f.call_id)")) {
      p.setString(1, account);
      return p.executeUpdate();
    }
  }

  /**
   * The column of {@code type}'s id in the SELECT of {@link #done}; plus two, its parameter index
   * in {@link #markDone}. A switch without default: a new entity type fails compilation here until
   * it has a column (and a migration).
   */
  private static int column(EntityType type) {
    return switch (type) {
      case CONTACT -> 3;
      case DEAL -> 4;
      case COMPANY -> 5;
    };
  }
}
