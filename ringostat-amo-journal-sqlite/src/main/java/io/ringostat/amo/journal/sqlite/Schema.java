package io.ringostat.amo.journal.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The journal's tables, versioned with {@code PRAGMA user_version}. {@link #MIGRATIONS} element
 * {@code i} takes a database from version {@code i} to {@code i + 1}; each runs in its own
 * transaction together with the version bump, so an interrupted upgrade is simply re-run. A new
 * version appends a step here and never edits an old one.
 *
 * <p>Timestamps are epoch milliseconds. Enum values (phase, state, entity type) are stored by name.
 */
final class Schema {
  /** The version this library writes. */
  static final int VERSION = 4;

  private static final List<List<String>> MIGRATIONS =
      List.of(version1(), version2(), version3(), version4());

  private Schema() {}

  /**
   * Brings the database to {@link #VERSION}.
   *
   * @throws SqliteJournalException if the database is newer than this library
   */
  static void migrate(Connection c) throws SQLException {
    migrate(c, VERSION);
  }

  /** Brings the database to {@code target} (tests build older databases with it). */
  static void migrate(Connection c, int target) throws SQLException {
    int found = userVersion(c);
    if (found > VERSION) {
      throw new SqliteJournalException("journal: the database has schema version " + found
          + " but this library supports up to " + VERSION
          + "; open it with the newer ringostat-amo-journal-sqlite that wrote it");
    }
    try (Statement s = c.createStatement()) {
      for (int v = found; v < target; v++) {
        s.execute("BEGIN IMMEDIATE");
        try {
          for (String sql : MIGRATIONS.get(v)) {
            s.execute(sql);
          }
          s.execute("PRAGMA user_version = " + (v + 1));
          s.execute("COMMIT");
        } catch (SQLException | RuntimeException e) {
          s.execute("ROLLBACK");
          throw e;
        }
      }
    }
  }

  static int userVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA user_version")) {
      return r.next() ? r.getInt(1) : 0;
    }
  }

  private static List<String> version1() {
    return List.of(
        // One row per journaled event or rejected input. AUTOINCREMENT: a seq is never reused,
        // even after the newest rows are pruned, so seq stays the arrival order across restarts.
        // UNIQUE(call_id, phase) is the dedupe of R-ONCE; rejected rows have a NULL phase and
        // SQLite treats NULLs as distinct, so it holds for non-rejected rows only.
        """
        CREATE TABLE entries (
          seq          INTEGER PRIMARY KEY AUTOINCREMENT,
          call_id      TEXT    NOT NULL,
          phase        TEXT,
          phone_key    TEXT    NOT NULL,
          received_at  INTEGER NOT NULL,
          state        TEXT    NOT NULL,
          event_json   TEXT,
          raw          TEXT,
          attempts     INTEGER NOT NULL DEFAULT 0,
          note         TEXT,
          finished_at  INTEGER,
          UNIQUE (call_id, phase),
          CHECK ((phase IS NULL) = (event_json IS NULL)),
          CHECK ((state = 'PENDING') = (finished_at IS NULL))
        )""",
        "CREATE INDEX entries_pending ON entries (state, seq)",
        "CREATE INDEX entries_finished ON entries (finished_at) WHERE finished_at IS NOT NULL",
        // Per effect key (R-ONCE): SENDING before the request, DONE with what it created after.
        // done_order keeps the order effects were done in, per call.
        """
        CREATE TABLE effects (
          call_id     TEXT    NOT NULL,
          kind        TEXT    NOT NULL,
          target      TEXT    NOT NULL,
          state       TEXT    NOT NULL CHECK (state IN ('SENDING', 'DONE')),
          contact_id  INTEGER,
          deal_id     INTEGER,
          company_id  INTEGER,
          done_order  INTEGER,
          seq         INTEGER,
          updated_at  INTEGER NOT NULL,
          PRIMARY KEY (call_id, kind, target),
          CHECK ((state = 'DONE') = (done_order IS NOT NULL))
        )""",
        """
        CREATE TABLE known_entities (
          phone        TEXT    NOT NULL,
          type         TEXT    NOT NULL,
          id           INTEGER NOT NULL,
          responsible  INTEGER,
          at           INTEGER NOT NULL,
          PRIMARY KEY (phone, type, id)
        )""",
        "CREATE INDEX known_entities_at ON known_entities (at)",
        """
        CREATE TABLE talks (
          phone        TEXT    PRIMARY KEY,
          amo_user_id  INTEGER NOT NULL,
          at           INTEGER NOT NULL
        )""",
        "CREATE INDEX talks_at ON talks (at)");
  }

  /**
   * The duplicate memory (issue 12): per pruned event, its fingerprint (128 bits of a SHA-256 of
   * call id and phase, in hex), seq, final state and instants; rowid order is prune order.
   */
  private static List<String> version2() {
    return List.of(
        """
        CREATE TABLE remembered (
          fingerprint  TEXT    NOT NULL UNIQUE,
          seq          INTEGER NOT NULL,
          state        TEXT    NOT NULL,
          received_at  INTEGER NOT NULL,
          finished_at  INTEGER NOT NULL
        )""",
        "CREATE INDEX remembered_finished ON remembered (finished_at)");
  }

  /**
   * The tasks the SDK created (R-LIFE), keyed by amoCRM task id: the phone they are for, the
   * template, the entity, assignee and deadline; {@code closed_at} is set once closed.
   */
  private static List<String> version3() {
    return List.of(
        """
        CREATE TABLE tasks (
          id           INTEGER PRIMARY KEY,
          phone        TEXT    NOT NULL,
          template     TEXT    NOT NULL,
          entity_type  TEXT,
          entity_id    INTEGER,
          assignee     INTEGER NOT NULL,
          deadline     INTEGER NOT NULL,
          created_at   INTEGER NOT NULL,
          closed_at    INTEGER,
          CHECK ((entity_type IS NULL) = (entity_id IS NULL))
        )""",
        "CREATE INDEX tasks_open ON tasks (phone, created_at) WHERE closed_at IS NULL",
        "CREATE INDEX tasks_closed ON tasks (closed_at) WHERE closed_at IS NOT NULL");
  }

  /**
   * R-LIFE: content-aware dedupe and the call records' ids. {@code entries} is rebuilt (SQLite
   * cannot drop a constraint) with a {@code dedupe} column replacing UNIQUE(call_id, phase) by
   * UNIQUE(call_id, dedupe): the phase for RINGING and ANSWERED, {@code final:<content hash>} for
   * ENDED and UPDATED ({@code Journal.dedupeKey}); old rows keep their phase as the key. The
   * AUTOINCREMENT counter is carried over, so seqs are never reused. {@code call_records} keeps,
   * per RecordCall effect key, the note it wrote: entity, note id, content and the client's
   * responsible it was rendered against, and the seq of the entry that last wrote it.
   */
  private static List<String> version4() {
    return List.of(
        """
        CREATE TABLE entries_v4 (
          seq          INTEGER PRIMARY KEY AUTOINCREMENT,
          call_id      TEXT    NOT NULL,
          phase        TEXT,
          dedupe       TEXT,
          phone_key    TEXT    NOT NULL,
          received_at  INTEGER NOT NULL,
          state        TEXT    NOT NULL,
          event_json   TEXT,
          raw          TEXT,
          attempts     INTEGER NOT NULL DEFAULT 0,
          note         TEXT,
          finished_at  INTEGER,
          UNIQUE (call_id, dedupe),
          CHECK ((phase IS NULL) = (event_json IS NULL)),
          CHECK ((phase IS NULL) = (dedupe IS NULL)),
          CHECK ((state = 'PENDING') = (finished_at IS NULL))
        )""",
        "INSERT INTO entries_v4 (seq, call_id, phase, dedupe, phone_key, received_at, state,"
            + " event_json, raw, attempts, note, finished_at)"
            + " SELECT seq, call_id, phase, phase, phone_key, received_at, state, event_json,"
            + " raw, attempts, note, finished_at FROM entries",
        // the counter of the old table, which may be above its largest seq left after prunes
        "INSERT INTO sqlite_sequence (name, seq) SELECT 'entries_v4', 0 WHERE NOT EXISTS"
            + " (SELECT 1 FROM sqlite_sequence WHERE name = 'entries_v4')",
        "UPDATE sqlite_sequence SET seq = (SELECT seq FROM sqlite_sequence WHERE name = 'entries')"
            + " WHERE name = 'entries_v4' AND seq < (SELECT seq FROM sqlite_sequence"
            + " WHERE name = 'entries')",
        "DROP TABLE entries",
        "ALTER TABLE entries_v4 RENAME TO entries",
        "CREATE INDEX entries_pending ON entries (state, seq)",
        "CREATE INDEX entries_finished ON entries (finished_at) WHERE finished_at IS NOT NULL",
        """
        CREATE TABLE call_records (
          call_id      TEXT    NOT NULL,
          kind         TEXT    NOT NULL,
          target       TEXT    NOT NULL,
          seq          INTEGER NOT NULL,
          entity_type  TEXT    NOT NULL,
          entity_id    INTEGER NOT NULL,
          note_id      INTEGER NOT NULL,
          content      TEXT    NOT NULL,
          responsible  INTEGER,
          ord          INTEGER NOT NULL,
          PRIMARY KEY (call_id, kind, target)
        )""");
  }
}
