package io.ringostat.amo.journal.sqlite;

import io.ringostat.amo.engine.journal.KnownEntity;
import io.ringostat.amo.engine.journal.RememberedTask;
import io.ringostat.amo.core.routing.LastTalk;
import io.ringostat.amo.core.plan.EntityType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The phone memories: {@code known_entities} (entities the SDK created or found for a phone) and
 * {@code talks} (who last talked with a phone). Callers hold a transaction.
 */
final class PhoneStore {
  private final Database db;

  PhoneStore(Database db) {
    this.db = db;
  }

  /** Stores {@code e}, replacing the row of the same type and id (which moves to the end). */
  void remember(String phone, KnownEntity e) throws SQLException {
    PreparedStatement p = db.prepare("INSERT OR REPLACE INTO known_entities"
        + " (phone, type, id, responsible, at) VALUES (?, ?, ?, ?, ?)");
    p.setString(1, phone);
    p.setString(2, e.type().name());
    p.setLong(3, e.id());
    if (e.responsibleUserId().isPresent()) {
      p.setLong(4, e.responsibleUserId().get());
    } else {
      p.setNull(4, Types.INTEGER);
    }
    p.setLong(5, Millis.of(e.at()));
    p.executeUpdate();
  }

  /** Newest first; among equal times, the one remembered first comes first. */
  List<KnownEntity> known(String phone, Instant since) throws SQLException {
    PreparedStatement p = db.prepare("SELECT type, id, responsible, at FROM known_entities"
        + " WHERE phone = ? AND at >= ? ORDER BY at DESC, rowid ASC");
    p.setString(1, phone);
    p.setLong(2, Millis.of(since));
    List<KnownEntity> out = new ArrayList<>();
    try (ResultSet r = p.executeQuery()) {
      while (r.next()) {
        long responsible = r.getLong(3);
        Optional<Long> responsibleUserId = r.wasNull() ? Optional.empty() : Optional.of(responsible);
        out.add(new KnownEntity(EntityType.valueOf(r.getString(1)), r.getLong(2),
            responsibleUserId, Millis.instant(r.getLong(4))));
      }
    }
    return out;
  }

  /** Keeps the newest talk per phone; a talk at the same instant replaces the stored one. */
  void rememberTalk(String phone, long amoUserId, Instant at) throws SQLException {
    PreparedStatement p = db.prepare("INSERT INTO talks (phone, amo_user_id, at) VALUES (?, ?, ?)"
        + " ON CONFLICT (phone) DO UPDATE SET amo_user_id = excluded.amo_user_id,"
        + " at = excluded.at WHERE excluded.at >= talks.at");
    p.setString(1, phone);
    p.setLong(2, amoUserId);
    p.setLong(3, Millis.of(at));
    p.executeUpdate();
  }

  Optional<LastTalk> lastTalk(String phone) throws SQLException {
    PreparedStatement p = db.prepare("SELECT amo_user_id, at FROM talks WHERE phone = ?");
    p.setString(1, phone);
    try (ResultSet r = p.executeQuery()) {
      return r.next()
          ? Optional.of(new LastTalk(r.getLong(1), Millis.instant(r.getLong(2))))
          : Optional.empty();
    }
  }

  /** Stores {@code task} for {@code phone}, open; the same id again replaces it. */
  void rememberTask(String phone, RememberedTask task) throws SQLException {
    PreparedStatement p = db.prepare("INSERT OR REPLACE INTO tasks (id, phone, template,"
        + " entity_type, entity_id, assignee, deadline, created_at, closed_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)");
    p.setLong(1, task.id());
    p.setString(2, phone);
    p.setString(3, task.template());
    if (task.entityType().isPresent()) {
      p.setString(4, task.entityType().get().name());
      p.setLong(5, task.entityId().orElseThrow());
    } else {
      p.setNull(4, Types.VARCHAR);
      p.setNull(5, Types.INTEGER);
    }
    p.setLong(6, task.assigneeUserId());
    p.setLong(7, Millis.of(task.deadline()));
    p.setLong(8, Millis.of(task.createdAt()));
    p.executeUpdate();
  }

  /** The open tasks for {@code phone}, oldest first. */
  List<RememberedTask> openTasks(String phone) throws SQLException {
    PreparedStatement p = db.prepare("SELECT id, template, entity_type, entity_id, assignee,"
        + " deadline, created_at FROM tasks WHERE phone = ? AND closed_at IS NULL"
        + " ORDER BY created_at ASC, rowid ASC");
    p.setString(1, phone);
    List<RememberedTask> out = new ArrayList<>();
    try (ResultSet r = p.executeQuery()) {
      while (r.next()) {
        String type = r.getString(3);
        out.add(new RememberedTask(r.getLong(1), r.getString(2),
            type == null ? Optional.empty() : Optional.of(EntityType.valueOf(type)),
            type == null ? Optional.empty() : Optional.of(r.getLong(4)), r.getLong(5),
            Millis.instant(r.getLong(6)), Millis.instant(r.getLong(7))));
      }
    }
    return out;
  }

  /** Closes task {@code id} (once: a later close keeps the first instant). */
  void closeTask(long id, Instant at) throws SQLException {
    PreparedStatement p =
        db.prepare("UPDATE tasks SET closed_at = ? WHERE id = ? AND closed_at IS NULL");
    p.setLong(1, Millis.of(at));
    p.setLong(2, id);
    p.executeUpdate();
  }

  /** Deletes memories older than {@code before}, and tasks closed before it. */
  void deleteBefore(Instant before) throws SQLException {
    long millis = Millis.of(before);
    PreparedStatement c = db.prepare("DELETE FROM tasks WHERE closed_at < ?");
    c.setLong(1, millis);
    c.executeUpdate();
    PreparedStatement k = db.prepare("DELETE FROM known_entities WHERE at < ?");
    k.setLong(1, millis);
    k.executeUpdate();
    PreparedStatement t = db.prepare("DELETE FROM talks WHERE at < ?");
    t.setLong(1, millis);
    t.executeUpdate();
  }
}
