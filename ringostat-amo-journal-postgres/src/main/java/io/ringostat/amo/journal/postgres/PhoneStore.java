package io.ringostat.amo.journal.postgres;

import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.routing.LastTalk;
import io.ringostat.amo.engine.journal.KnownEntity;
import io.ringostat.amo.engine.journal.RememberedTask;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The phone memories of one account: {@code known_entities} (entities the SDK created or found for
 * a phone) and {@code talks} (who last talked with a phone). Writers hold the account lock.
 */
final class PhoneStore {
  private final Tables t;
  private final String account;

  PhoneStore(Tables tables, String account) {
    this.t = tables;
    this.account = account;
  }

  /**
   * Stores {@code e}, replacing the row of the same type and id, which moves to the end: {@code
   * excluded.ord} is the identity value drawn for the proposed row.
   */
  void remember(Connection c, String phone, KnownEntity e) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t.knownEntities
        + " (account, phone, type, id, responsible, at) VALUES (?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT (account, phone, type, id) DO UPDATE SET"
        + " responsible = excluded.responsible, at = excluded.at, ord = excluded.ord")) {
      p.setString(1, account);
      p.setString(2, phone);
      p.setString(3, e.type().name());
      p.setLong(4, e.id());
      if (e.responsibleUserId().isPresent()) {
        p.setLong(5, e.responsibleUserId().get());
      } else {
        p.setNull(5, Types.BIGINT);
      }
      p.setLong(6, Millis.of(e.at()));
      p.executeUpdate();
    }
  }

  /** Newest first; among equal times, the one remembered first comes first. */
  List<KnownEntity> known(Connection c, String phone, Instant since) throws SQLException {
    List<KnownEntity> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT type, id, responsible, at FROM "
        + t.knownEntities + " WHERE account = ? AND phone = ? AND at >= ?"
        + " ORDER BY at DESC, ord ASC")) {
      p.setString(1, account);
      p.setString(2, phone);
      p.setLong(3, Millis.of(since));
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          long responsible = r.getLong(3);
          Optional<Long> responsibleUserId =
              r.wasNull() ? Optional.empty() : Optional.of(responsible);
          out.add(new KnownEntity(EntityType.valueOf(r.getString(1)), r.getLong(2),
              responsibleUserId, Millis.instant(r.getLong(4))));
        }
      }
    }
    return out;
  }

  /** Keeps the newest talk per phone; a talk at the same instant replaces the stored one. */
  void rememberTalk(Connection c, String phone, long amoUserId, Instant at) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t.talks + " AS k"
        + " (account, phone, amo_user_id, at) VALUES (?, ?, ?, ?)"
        + " ON CONFLICT (account, phone) DO UPDATE SET amo_user_id = excluded.amo_user_id,"
        + " at = excluded.at WHERE excluded.at >= k.at")) {
      p.setString(1, account);
      p.setString(2, phone);
      p.setLong(3, amoUserId);
      p.setLong(4, Millis.of(at));
      p.executeUpdate();
    }
  }

  Optional<LastTalk> lastTalk(Connection c, String phone) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "SELECT amo_user_id, at FROM " + t.talks + " WHERE account = ? AND phone = ?")) {
      p.setString(1, account);
      p.setString(2, phone);
      try (ResultSet r = p.executeQuery()) {
        return r.next()
            ? Optional.of(new LastTalk(r.getLong(1), Millis.instant(r.getLong(2))))
            : Optional.empty();
      }
    }
  }

  /** Stores {@code task} for {@code phone}, open; the same id again replaces it. */
  void rememberTask(Connection c, String phone, RememberedTask task) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t.tasks
        + " (account, id, phone, template, entity_type, entity_id, assignee, deadline,"
        + " created_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)"
        + " ON CONFLICT (account, id) DO UPDATE SET phone = excluded.phone,"
        + " template = excluded.template, entity_type = excluded.entity_type,"
        + " entity_id = excluded.entity_id, assignee = excluded.assignee,"
        + " deadline = excluded.deadline, created_at = excluded.created_at, closed_at = NULL,"
        + " ord = excluded.ord")) {
      p.setString(1, account);
      p.setLong(2, task.id());
      p.setString(3, phone);
      p.setString(4, task.template());
      if (task.entityType().isPresent()) {
        p.setString(5, task.entityType().get().name());
        p.setLong(6, task.entityId().orElseThrow());
      } else {
        p.setNull(5, Types.VARCHAR);
        p.setNull(6, Types.BIGINT);
      }
      p.setLong(7, task.assigneeUserId());
      p.setLong(8, Millis.of(task.deadline()));
      p.setLong(9, Millis.of(task.createdAt()));
      p.executeUpdate();
    }
  }

  /** The open tasks for {@code phone}, oldest first. */
  List<RememberedTask> openTasks(Connection c, String phone) throws SQLException {
    List<RememberedTask> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT id, template, entity_type, entity_id,"
        + " assignee, deadline, created_at FROM " + t.tasks
        + " WHERE account = ? AND phone = ? AND closed_at IS NULL ORDER BY created_at, ord")) {
      p.setString(1, account);
      p.setString(2, phone);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          String type = r.getString(3);
          out.add(new RememberedTask(r.getLong(1), r.getString(2),
              type == null ? Optional.empty() : Optional.of(EntityType.valueOf(type)),
              type == null ? Optional.empty() : Optional.of(r.getLong(4)), r.getLong(5),
              Millis.instant(r.getLong(6)), Millis.instant(r.getLong(7))));
        }
      }
    }
    return out;
  }

  /** Closes task {@code id} (once: a later close keeps the first instant). */
  void closeTask(Connection c, long id, Instant at) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("UPDATE " + t.tasks + " SET closed_at = ?"
        + " WHERE account = ? AND id = ? AND closed_at IS NULL")) {
      p.setLong(1, Millis.of(at));
      p.setString(2, account);
      p.setLong(3, id);
      p.executeUpdate();
    }
  }

  /** Deletes memories older than {@code before}, and tasks closed before it. */
  void deleteBefore(Connection c, Instant before) throws SQLException {
    long millis = Millis.of(before);
    try (PreparedStatement p = c.prepareStatement(
        "DELETE FROM " + t.tasks + " WHERE account = ? AND closed_at < ?")) {
      p.setString(1, account);
      p.setLong(2, millis);
      p.executeUpdate();
    }
    for (String table : List.of(t.knownEntities, t.talks)) {
      try (PreparedStatement p =
          c.prepareStatement("DELETE FROM " + table + " WHERE account = ? AND at < ?")) {
        p.setString(1, account);
        p.setLong(2, millis);
        p.executeUpdate();
      }
    }
  }
}
