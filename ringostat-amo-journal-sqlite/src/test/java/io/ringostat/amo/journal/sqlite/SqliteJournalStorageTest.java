package io.ringostat.amo.journal.sqlite;

import static io.ringostat.amo.engine.testing.JournalContract.at;
import static io.ringostat.amo.engine.testing.JournalContract.event;
import static io.ringostat.amo.engine.testing.JournalContract.richEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.engine.journal.Appended;
import io.ringostat.amo.engine.journal.EntryState;
import io.ringostat.amo.engine.journal.Journal;
import io.ringostat.amo.engine.journal.JournalCounts;
import io.ringostat.amo.engine.journal.JournalEntry;
import io.ringostat.amo.engine.journal.KnownEntity;
import io.ringostat.amo.core.routing.LastTalk;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EffectKind;
import io.ringostat.amo.core.plan.EntityType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only a durable journal must do: survive reopening, damage, and misuse of its files. */
class SqliteJournalStorageTest {
  @TempDir Path dir;

  @Test
  void concurrentAppendsShareTransactionsAndStillStoreEachEventOnce() throws Exception {
    try (SqliteJournal j = SqliteJournal.open(dir.resolve("group"))) {
      int threads = 8;
      int perThread = 40;
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(threads);
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<List<Appended>>> runs = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        runs.add(pool.submit(() -> {
          start.await();
          List<Appended> mine = new java.util.ArrayList<>();
          for (int i = 0; i < perThread; i++) {
            // every call id is appended by two threads: one stores it, one finds the duplicate
            mine.add(j.append(event("g" + i + "-" + (Thread.currentThread().getId() % 4),
                CallPhase.ENDED), "380441234567", at(0)));
          }
          return mine;
        }));
      }
      start.countDown();
      List<Appended> all = new java.util.ArrayList<>();
      for (var f : runs) {
        all.addAll(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
      }
      pool.shutdown();
      java.util.Map<String, Long> stored = new java.util.HashMap<>();
      for (Appended a : all) {
        if (!a.duplicate()) {
          assertThat(stored.put(a.entry().callId(), a.entry().seq())).as("stored once").isNull();
        }
      }
      for (Appended a : all) {
        assertThat(a.entry().seq()).isEqualTo(stored.get(a.entry().callId()));
      }
      assertThat(j.counts().pending()).isEqualTo(stored.size());
    }
  }

  @Test
  void opensWithWalFullSyncForeignKeysAndTheCurrentSchema() {
    try (SqliteJournal j = SqliteJournal.open(dir.resolve("new/nested"))) {
      assertThat(j.pragma("journal_mode")).isEqualTo("wal");
      assertThat(j.pragma("synchronous")).isEqualTo("2");
      assertThat(j.pragma("foreign_keys")).isEqualTo("1");
      assertThat(j.pragma("busy_timeout")).isEqualTo("5000");
      assertThat(j.pragma("auto_vacuum")).isEqualTo("2");
      assertThat(j.pragma("user_version")).isEqualTo(String.valueOf(Schema.VERSION));
    }
    assertThat(dir.resolve("new/nested").resolve(SqliteJournal.FILE_NAME)).isRegularFile();
  }

  @Test
  void optionsAreApplied() {
    SqliteJournal.Options options = SqliteJournal.Options.builder()
        .busyTimeout(Duration.ofMillis(250))
        .clock(Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC))
        .build();
    try (SqliteJournal j = SqliteJournal.open(dir, options)) {
      assertThat(j.pragma("busy_timeout")).isEqualTo("250");
      long seq = j.append(event("c-1", CallPhase.ENDED), "k", at(0)).entry().seq();
      j.markSending(seq, List.of(EffectKey.of("c-1", EffectKind.CREATE_CONTACT)));
    }
    assertThat(query(dir, "SELECT updated_at FROM effects"))
        .isEqualTo(String.valueOf(Instant.parse("2030-01-01T00:00:00Z").toEpochMilli()));
  }

  @Test
  void optionsRejectANegativeBusyTimeout() {
    assertThatThrownBy(() -> SqliteJournal.Options.builder().busyTimeout(Duration.ofMillis(-1))
        .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("busyTimeout");
  }

  @Test
  void everythingSurvivesCloseAndReopen() {
    EffectKey contact = EffectKey.of("c-1", EffectKind.CREATE_CONTACT);
    EffectKey deal = EffectKey.of("c-1", EffectKind.CREATE_DEAL, "pipeline-7");
    KnownEntity known = new KnownEntity(EntityType.CONTACT, 42, Optional.of(77L), at(5));
    List<JournalEntry> pending;
    JournalEntry finished;
    JournalEntry rejected;
    CallProgress progress;
    JournalCounts counts;
    try (SqliteJournal j = SqliteJournal.open(dir)) {
      long answered = j.append(event("c-1", CallPhase.ANSWERED), "380441234567", at(1))
          .entry().seq();
      j.markSending(answered, List.of(contact, deal));
      j.markDone(answered, contact, Map.of(EntityType.CONTACT, 42L));
      j.finish(answered, EntryState.DELIVERED, "1 effect(s) done", at(2));
      long ended = j.append(richEvent("c-1"), "380441234567", at(3)).entry().seq();
      j.recordAttempt(ended, "503");
      j.append(event("c-2", CallPhase.RINGING), "call:c-2", at(4));
      rejected = j.appendRejected("{broken", "not JSON", at(5));
      j.rememberEntity("380441234567", known);
      j.rememberTalk("380441234567", 11, at(6));
      pending = j.pending(0, 100);
      finished = j.entry(answered).orElseThrow();
      progress = j.progress("c-1");
      counts = j.counts();
    }

    try (SqliteJournal j = SqliteJournal.open(dir)) {
      assertThat(j.pending(0, 100)).isEqualTo(pending).hasSize(2);
      assertThat(j.entry(finished.seq())).contains(finished);
      assertThat(j.entry(rejected.seq())).contains(rejected);
      assertThat(j.progress("c-1")).isEqualTo(progress);
      assertThat(j.progress("c-1").created(contact, EntityType.CONTACT)).contains(42L);
      assertThat(j.uncertain("c-1")).containsExactly(deal);
      assertThat(j.knownEntities("380441234567", Instant.EPOCH)).containsExactly(known);
      assertThat(j.lastTalk("380441234567")).contains(new LastTalk(11, at(6)));
      assertThat(j.counts()).isEqualTo(counts);
      Appended again = j.append(event("c-1", CallPhase.ANSWERED), "380441234567", at(9));
      assertThat(again.duplicate()).isTrue();
      assertThat(again.entry()).isEqualTo(finished);
    }
  }

  @Test
  void seqIsNeverReusedEvenAfterTheNewestEntriesArePruned() {
    long last;
    try (SqliteJournal j = SqliteJournal.open(dir)) {
      last = j.append(event("c-1", CallPhase.ENDED), "k", at(1)).entry().seq();
      j.finish(last, EntryState.DELIVERED, "done", at(2));
      assertThat(j.prune(Instant.MAX)).isEqualTo(1);
    }
    try (SqliteJournal j = SqliteJournal.open(dir)) {
      assertThat(j.append(event("c-2", CallPhase.ENDED), "k", at(3)).entry().seq())
          .isGreaterThan(last);
    }
  }

  @Test
  void aVersion3DatabaseIsMigratedKeepingItsEntriesAndItsSeqCounter_R_LIFE() throws Exception {
    try (Connection c = DriverManager.getConnection(
        "jdbc:sqlite:" + dir.resolve(SqliteJournal.FILE_NAME))) {
      Schema.migrate(c, 3);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO entries (seq, call_id, phase, phone_key, received_at, state,"
            + " event_json, finished_at) VALUES (7, 'c-old', 'ANSWERED', 'k', 1, 'DELIVERED', '"
            + io.ringostat.amo.json.CallEventJson.write(event("c-old", CallPhase.ANSWERED))
                .replace("'", "''") + "', 2)");
        s.executeUpdate("UPDATE sqlite_sequence SET seq = 40 WHERE name = 'entries'");
      }
    }
    try (SqliteJournal j = SqliteJournal.open(dir)) {
      assertThat(j.pragma("user_version")).isEqualTo(String.valueOf(Schema.VERSION));
      assertThat(j.entry(7)).hasValueSatisfying(e ->
          assertThat(e.event()).contains(event("c-old", CallPhase.ANSWERED)));
      assertThat(j.append(event("c-old", CallPhase.ANSWERED), "k", at(3)).duplicate())
          .as("an old row keeps its phase as the dedupe key").isTrue();
      assertThat(j.append(event("c-new", CallPhase.ENDED), "k", at(4)).entry().seq())
          .as("the counter of the old table is carried over").isEqualTo(41);
    }
  }

  @Test
  void instantsAreKeptToTheMillisecond() {
    Instant precise = Instant.parse("2025-03-01T10:00:00.123456789Z");
    try (SqliteJournal j = SqliteJournal.open(dir)) {
      JournalEntry e = j.append(event("c-1", CallPhase.ENDED), "k", precise).entry();

      assertThat(e.receivedAt()).isEqualTo(Instant.parse("2025-03-01T10:00:00.123Z"));
      assertThat(j.entry(e.seq()).orElseThrow().receivedAt()).isEqualTo(e.receivedAt());
    }
  }

  @Test
  void anUnreadableEventComesBackWithItsRawJsonInsteadOfFailingTheRead() throws Exception {
    long damaged;
    long intact;
    try (SqliteJournal j = SqliteJournal.open(dir)) {
      damaged = j.append(event("c-1", CallPhase.ENDED), "k", at(1)).entry().seq();
      intact = j.append(event("c-2", CallPhase.ENDED), "k", at(2)).entry().seq();
    }
    update(dir, "UPDATE entries SET event_json = '{\"call_id\": \"c-1\", \"phase\": 7' WHERE seq = "
        + damaged);

    try (SqliteJournal j = SqliteJournal.open(dir)) {
      List<JournalEntry> pending = j.pending(0, 10);

      assertThat(pending).extracting(JournalEntry::seq).containsExactly(damaged, intact);
      JournalEntry bad = pending.get(0);
      assertThat(bad.event()).isEmpty();
      assertThat(bad.callId()).isEqualTo("c-1");
      assertThat(bad.phase()).contains(CallPhase.ENDED);
      assertThat(bad.state()).isEqualTo(EntryState.PENDING);
      assertThat(bad.raw()).contains("{\"call_id\": \"c-1\", \"phase\": 7");
      assertThat(bad.note()).hasValueSatisfying(n -> assertThat(n)
          .startsWith("unreadable event in the journal (InvalidEventException"));
      assertThat(pending.get(1).event()).contains(event("c-2", CallPhase.ENDED));
      assertThat(j.append(event("c-1", CallPhase.ENDED), "k", at(3)).duplicate()).isTrue();

      j.finish(damaged, EntryState.FAILED, bad.note().get(), at(4));
      assertThat(j.pending(0, 10)).extracting(JournalEntry::seq).containsExactly(intact);
    }
  }

  @Test
  void aRejectedInputKeepsBoundedRawTextAndReason() {
    String megabyte = "r".repeat(1 << 20);
    try (SqliteJournal j = SqliteJournal.open(dir)) {
      JournalEntry returned = j.appendRejected(megabyte, megabyte, at(1));

      JournalEntry stored = j.entry(returned.seq()).orElseThrow();
      for (JournalEntry e : List.of(returned, stored)) {
        assertThat(e.raw().orElseThrow()).hasSize(Journal.MAX_RAW);
        assertThat(e.note().orElseThrow()).hasSize(Journal.MAX_RAW);
      }
    }
  }

  @Test
  void aDatabaseFromANewerVersionIsRefused() throws Exception {
    SqliteJournal.open(dir).close();
    update(dir, "PRAGMA user_version = " + (Schema.VERSION + 1));

    assertThatThrownBy(() -> SqliteJournal.open(dir))
        .isInstanceOf(SqliteJournalException.class)
        .hasMessageContaining("schema version " + (Schema.VERSION + 1));
    // The failed open released the directory: the next attempt fails the same way, not "already
    // open".
    assertThatThrownBy(() -> SqliteJournal.open(dir))
        .isInstanceOf(SqliteJournalException.class)
        .hasMessageContaining("schema version " + (Schema.VERSION + 1));
  }

  @Test
  void aDirectoryIsOpenedByOneJournalAtATime() {
    try (SqliteJournal first = SqliteJournal.open(dir)) {
      assertThatThrownBy(() -> SqliteJournal.open(dir))
          .isInstanceOfSatisfying(JournalLockedException.class,
              e -> assertThat(e.directory()).isEqualTo(dir))
          .hasMessageContaining("already open");
      first.append(event("c-1", CallPhase.ENDED), "k", at(1));
    }
    try (SqliteJournal second = SqliteJournal.open(dir)) {
      assertThat(second.counts().pending()).isEqualTo(1);
    }
  }

  @Test
  void aClosedJournalRefusesWorkAndClosesTwice() {
    SqliteJournal j = SqliteJournal.open(dir);
    j.close();
    j.close();

    assertThatThrownBy(() -> j.pending(0, 10)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> j.append(event("c-1", CallPhase.ENDED), "k", at(1)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void negativeLimitsAreRejectedAndZeroReadsNothing() {
    try (SqliteJournal j = SqliteJournal.open(dir)) {
      j.append(event("c-1", CallPhase.ENDED), "k", at(1));

      assertThat(j.pending(0, 0)).isEmpty();
      assertThat(j.entries(EntryState.PENDING, 0)).isEmpty();
      assertThatThrownBy(() -> j.pending(0, -1)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> j.entries(EntryState.PENDING, -1))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void pruneReturnsFreedPagesToTheFileSystem() throws Exception {
    Path file = dir.resolve(SqliteJournal.FILE_NAME);
    try (SqliteJournal j = SqliteJournal.open(dir)) {
      for (int i = 0; i < 300; i++) {
        long seq = j.append(richEvent("c-" + i), "k", at(i)).entry().seq();
        j.recordAttempt(seq, "x".repeat(2000));
        j.finish(seq, EntryState.DELIVERED, "done", at(1000));
      }
      j.pragma("wal_checkpoint(TRUNCATE)");
      long full = Files.size(file);

      assertThat(j.prune(at(1001))).isEqualTo(300);

      assertThat(j.pragma("freelist_count")).isEqualTo("0");
      j.pragma("wal_checkpoint(TRUNCATE)");
      assertThat(Files.size(file)).isLessThan(full / 4);
    }
  }

  @Test
  void concurrentAppendsAndMarksLoseNothing() throws Exception {
    int threads = 4;
    int perThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (SqliteJournal j = SqliteJournal.open(dir)) {
      List<Future<List<Long>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          List<Long> seqs = new ArrayList<>();
          for (int i = 0; i < perThread; i++) {
            String callId = "t" + thread + "-" + i;
            long seq = j.append(event(callId, CallPhase.ENDED), "k", at(i)).entry().seq();
            // Every thread also appends the same shared events: each is stored once.
            j.append(event("shared-" + i, CallPhase.ENDED), "k", at(i));
            EffectKey key = EffectKey.of(callId, EffectKind.CREATE_CONTACT);
            j.markSending(seq, List.of(key));
            j.markDone(seq, key, Map.of(EntityType.CONTACT, (long) i));
            j.pending(0, 5);
            seqs.add(seq);
          }
          return seqs;
        }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> f : results) {
        all.addAll(f.get());
      }

      assertThat(Set.copyOf(all)).hasSize(threads * perThread);
      assertThat(j.counts().pending()).isEqualTo(threads * perThread + perThread);
      for (int t = 0; t < threads; t++) {
        for (int i = 0; i < perThread; i++) {
          assertThat(j.progress("t" + t + "-" + i).created(
              EffectKey.of("t" + t + "-" + i, EffectKind.CREATE_CONTACT), EntityType.CONTACT))
              .contains((long) i);
        }
      }
      List<Long> pendingSeqs = new ArrayList<>(
          j.pending(0, 1000).stream().map(JournalEntry::seq).toList());
      List<Long> sorted = new ArrayList<>(pendingSeqs);
      Collections.sort(sorted);
      assertThat(pendingSeqs).isEqualTo(sorted);
    } finally {
      pool.shutdownNow();
    }
  }

  static void update(Path dir, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(
            "jdbc:sqlite:" + dir.resolve(SqliteJournal.FILE_NAME));
        Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  static String query(Path dir, String sql) {
    try (Connection c = DriverManager.getConnection(
            "jdbc:sqlite:" + dir.resolve(SqliteJournal.FILE_NAME));
        Statement s = c.createStatement();
        var r = s.executeQuery(sql)) {
      return r.next() ? r.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
