package io.ringostat.amo.journal.sqlite;

import static io.ringostat.amo.core.journal.JournalContract.at;
import static io.ringostat.amo.core.journal.JournalContract.event;
import static io.ringostat.amo.core.journal.JournalContract.richEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.journal.JournalEntry;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.json.CallEventJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figures for the README and the issue, printed, never asserted (the build machine's disk decides
 * them): durable appends per second, and the time to read a backlog of 100,000 pending entries.
 * The assertions are about correctness only.
 */
class SqliteJournalMeasurementsTest {
  private static final int APPENDS = 2_000;
  private static final int THREADS = 4;
  private static final int BACKLOG = 100_000;

  @TempDir Path dir;

  @Test
  void durableAppendsPerSecond() throws Exception {
    try (SqliteJournal j = SqliteJournal.open(dir)) {
      for (int i = 0; i < 200; i++) {
        j.append(event("warm-" + i, CallPhase.ENDED), "k", at(i)); // JIT and page cache
      }
      long start = System.nanoTime();
      for (int i = 0; i < APPENDS; i++) {
        j.append(richEvent("one-" + i), "79161234567", at(i));
      }
      double oneThread = rate(APPENDS, System.nanoTime() - start);

      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          done.add(pool.submit(() -> {
            for (int i = 0; i < APPENDS / THREADS; i++) {
              j.append(richEvent("t" + thread + "-" + i), "79161234567", at(i));
            }
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
      double threads = rate(APPENDS, System.nanoTime() - start);

      System.out.printf("SqliteJournal appends (synchronous=FULL, one fsynced commit each): "
          + "%.0f/s from 1 thread, %.0f/s from %d threads%n", oneThread, threads, THREADS);
      assertThat(j.counts().pending()).isEqualTo(200 + 2L * APPENDS);
    }
  }

  @Test
  void aBacklogOf100000PendingEntriesReadsBackInOrder() {
    try (SqliteJournal j = SqliteJournal.open(dir)) {
      long start = System.nanoTime();
      // Written in one transaction through the same insert as append: 100,000 fsynced appends
      // would only measure the disk again.
      j.database().write("bulk", c -> {
        for (int i = 0; i < BACKLOG; i++) {
          CallEvent e = event("b-" + i, CallPhase.ENDED);
          j.entryStore().insert(e.callId(), e.phase(), "k" + (i % 1000), at(i),
              CallEventJson.write(e));
        }
        return null;
      });
      long written = System.nanoTime() - start;

      start = System.nanoTime();
      long after = 0;
      int read = 0;
      List<JournalEntry> page;
      while (!(page = j.pending(after, 1000)).isEmpty()) {
        for (JournalEntry e : page) {
          assertThat(e.seq()).isGreaterThan(after);
          if (!e.callId().equals("b-" + read) || e.event().isEmpty()) {
            throw new AssertionError("entry " + read + " out of order or unreadable: " + e);
          }
          after = e.seq();
          read++;
        }
      }
      long paged = System.nanoTime() - start;

      start = System.nanoTime();
      List<JournalEntry> all = j.pending(0, BACKLOG);
      long oneCall = System.nanoTime() - start;

      assertThat(read).isEqualTo(BACKLOG);
      assertThat(all).hasSize(BACKLOG);
      assertThat(all.get(BACKLOG - 1).callId()).isEqualTo("b-" + (BACKLOG - 1));
      System.out.printf("SqliteJournal 100,000 pending entries: read in pages of 1,000 in %d ms,"
          + " in one call in %d ms (bulk-written in one transaction in %d ms)%n",
          paged / 1_000_000, oneCall / 1_000_000, written / 1_000_000);
    }
  }

  private static double rate(int count, long nanos) {
    return count / (nanos / 1e9);
  }
}
