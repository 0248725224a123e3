package io.ringostat.amo.journal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.engine.journal.Appended;
import io.ringostat.amo.engine.journal.EntryState;
import io.ringostat.amo.engine.testing.JournalContract;
import io.ringostat.amo.engine.journal.JournalEntry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** What only a shared PostgreSQL brings: other processes, migrations, accounts side by side. */
class PostgresJournalDatabaseTest {
  /** The migrations this library ships (V1, V2, V3, V5: V4 belongs to another change). */
  static final long MIGRATIONS = 5;
  private static final Instant T = JournalContract.T0;

  @Test
  void twoProcessesAppendingTheSameEventsStoreEachOnce() throws Exception {
    String account = TestDatabase.freshAccount();
    int events = 40;
    try (HikariDataSource poolA = TestDatabase.newPool(4);
        HikariDataSource poolB = TestDatabase.newPool(4);
        PostgresJournal a = PostgresJournal.open(poolA, account, TestDatabase.options());
        PostgresJournal b = PostgresJournal.open(poolB, account, TestDatabase.options())) {
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        for (int i = 0; i < events; i++) {
          CallEvent e = JournalContract.event("c-" + i, CallPhase.RINGING);
          CyclicBarrier together = new CyclicBarrier(2);
          Future<Appended> fa = threads.submit(() -> {
            together.await();
            return a.append(e, "k", T);
          });
          Future<Appended> fb = threads.submit(() -> {
            together.await();
            return b.append(e, "k", T);
          });
          Appended ra = fa.get();
          Appended rb = fb.get();
          assertThat(ra.duplicate() ^ rb.duplicate()).as("exactly one is new, event " + i).isTrue();
          assertThat(ra.entry().seq()).isEqualTo(rb.entry().seq());
        }
      } finally {
        threads.shutdownNow();
      }
      assertThat(a.counts().pending()).isEqualTo(events);
      assertThat(b.pending(0, 1000)).extracting(JournalEntry::seq)
          .containsExactly(LongStream.rangeClosed(1, events).boxed().toArray(Long[]::new));
    }
  }

  @Test
  void concurrentAppendsGetGapFreeSeqsInCommitOrder() throws Exception {
    String account = TestDatabase.freshAccount();
    int threads = 8;
    int each = 25;
    try (HikariDataSource pool = TestDatabase.newPool(threads);
        PostgresJournal j = PostgresJournal.open(pool, account, TestDatabase.options())) {
      ExecutorService exec = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(exec.submit(() -> {
          for (int i = 0; i < each; i++) {
            j.append(JournalContract.event("t" + thread + "-" + i, CallPhase.ENDED), "k", T);
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      exec.shutdown();
      assertThat(j.pending(0, 1000)).extracting(JournalEntry::seq)
          .containsExactly(LongStream.rangeClosed(1, threads * each).boxed().toArray(Long[]::new));
    }
  }

  @Test
  void anAppendThatReturnedIsThereForANewPool() {
    String account = TestDatabase.freshAccount();
    long seq;
    try (HikariDataSource first = TestDatabase.newPool(2);
        PostgresJournal j = PostgresJournal.open(first, account, TestDatabase.options())) {
      seq = j.append(JournalContract.richEvent("c-1"), "k", T).entry().seq();
    }
    try (HikariDataSource second = TestDatabase.newPool(2);
        PostgresJournal j = PostgresJournal.open(second, account, TestDatabase.options())) {
      assertThat(j.entry(seq)).get().satisfies(e -> {
        assertThat(e.event()).contains(JournalContract.richEvent("c-1"));
        assertThat(e.state()).isEqualTo(EntryState.PENDING);
      });
    }
  }

  @Test
  void accountsAreApart() {
    try (PostgresJournal a = PostgresJournal.open(TestDatabase.shared(),
            TestDatabase.freshAccount(), TestDatabase.options());
        PostgresJournal b = PostgresJournal.open(TestDatabase.shared(),
            TestDatabase.freshAccount(), TestDatabase.options())) {
      CallEvent e = JournalContract.event("same-call", CallPhase.ENDED);
      assertThat(a.append(e, "k", T).duplicate()).isFalse();
      assertThat(b.append(e, "k", T).duplicate()).isFalse();
      assertThat(b.entry(1)).get().extracting(JournalEntry::callId).isEqualTo("same-call");
      a.finish(1, EntryState.DELIVERED, "ok", T);
      b.finish(1, EntryState.DELIVERED, "ok", T);

      assertThat(a.prune(T.plusSeconds(1))).isEqualTo(1);
      assertThat(b.counts().delivered()).isEqualTo(1);
      assertThat(a.counts().delivered()).isZero();
    }
  }

  @Test
  void migrationsCreateTheSchemaOnceAndAgainDoNothing() throws SQLException {
    String schema = TestDatabase.freshSchema();
    PostgresJournal.Options options = PostgresJournal.Options.builder().schema(schema).build();
    HikariDataSource pool = TestDatabase.shared();
    try (PostgresJournal j = PostgresJournal.open(pool, TestDatabase.freshAccount(), options)) {
      j.append(JournalContract.event("c-1", CallPhase.RINGING), "k", T);
    }
    try (PostgresJournal j = PostgresJournal.open(pool, TestDatabase.freshAccount(), options)) {
      assertThat(j.counts().pending()).isZero();
    }
    assertThat(query(pool, "SELECT count(*) FROM " + schema + ".flyway_schema_history"
        + " WHERE success AND version IS NOT NULL")).isEqualTo(MIGRATIONS);
    assertThat(query(pool, "SELECT count(*) FROM information_schema.tables"
        + " WHERE table_schema = '" + schema + "'")).isEqualTo(9); // V3 added tasks, V4 remembered, V5 call records
  }

  @Test
  void aSchemaFromANewerLibraryIsRefused() throws SQLException {
    String schema = TestDatabase.freshSchema();
    PostgresJournal.Options options = PostgresJournal.Options.builder().schema(schema).build();
    HikariDataSource pool = TestDatabase.shared();
    PostgresJournal.open(pool, TestDatabase.freshAccount(), options).close();
    execute(pool, "INSERT INTO " + schema + ".flyway_schema_history (installed_rank, version,"
        + " description, type, script, checksum, installed_by, execution_time, success)"
        + " VALUES (99, '99', 'future', 'SQL', 'V99__future.sql', 0, current_user, 0, true)");

    assertThatThrownBy(() -> PostgresJournal.open(pool, TestDatabase.freshAccount(), options))
        .isInstanceOf(PostgresJournalException.class)
        .hasMessageContaining("version 99").hasMessageContaining("newer");
  }

  @Test
  void aPoolThatIsNotReadCommittedIsRefused() {
    try (HikariDataSource rr = new HikariDataSource()) {
      rr.setJdbcUrl(TestDatabase.url());
      rr.setMaximumPoolSize(2);
      rr.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
      assertThatThrownBy(() -> PostgresJournal.open(rr, TestDatabase.freshAccount(),
          TestDatabase.options()))
          .isInstanceOf(PostgresJournalException.class)
          .hasMessageContaining("read committed");
    }
  }

  @Test
  void freeTextWithNulIsStored() {
    try (PostgresJournal j =
        PostgresJournal.open(TestDatabase.shared(), TestDatabase.freshAccount(),
            TestDatabase.options())) {
      JournalEntry r = j.appendRejected("bad\0input", "why\0not", T);
      assertThat(j.entry(r.seq())).get().satisfies(e -> {
        assertThat(e.raw()).contains("bad\uFFFDinput");
        assertThat(e.note()).contains("why\uFFFDnot");
      });
    }
  }

  @Test
  void anUnknownSchemaNameIsRejectedBeforeAnySql() {
    assertThatThrownBy(() -> PostgresJournal.Options.builder().schema("x; DROP TABLE y").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("schema:");
  }

  private static long query(HikariDataSource pool, String sql) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static void execute(HikariDataSource pool, String sql) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
