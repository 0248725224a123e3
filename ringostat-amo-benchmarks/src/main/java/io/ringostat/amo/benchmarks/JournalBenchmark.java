package io.ringostat.amo.benchmarks;

import io.ringostat.amo.engine.journal.JournalEntry;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.journal.sqlite.SqliteJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The durable journal ({@link SqliteJournal}: WAL, {@code synchronous=FULL}, one fsynced commit
 * per append) through its public API only.
 *
 * <ul>
 *   <li>{@code append} / {@code append4Threads} / {@code append8Threads}: events appended and
 *       committed per second, from one, four and eight threads sharing one journal (as the
 *       engine's intake and callers do). Each call returns only when its event is on disk.
 *   <li>{@code resume100k}: the time to read a backlog of 100,000 undelivered (PENDING) events
 *       back in order, as the engine does on start: open the journal, page through {@code
 *       pending(after, pageSize)}, close. The backlog is written once, through {@code append},
 *       into {@code ${bench.dir}/journal-100k} (default under {@code java.io.tmpdir}) and reused
 *       by later runs; reading does not change it.
 * </ul>
 *
 * <pre>{@code
 * java -jar ringostat-amo-benchmarks/target/benchmarks.jar JournalBenchmark
 * }</pre>
 */
@Fork(1)
public class JournalBenchmark {
  static final int BACKLOG = 100_000;

  /** A fresh journal per trial in a temporary directory, deleted afterwards. */
  @State(Scope.Benchmark)
  public static class Fresh {
    SqliteJournal journal;
    Path dir;
    CallEvent template;
    final AtomicLong ids = new AtomicLong();

    @Setup(Level.Trial)
    public void open() throws IOException {
      dir = Files.createTempDirectory("ringostat-amo-journal-bench");
      journal = SqliteJournal.open(dir);
      template = BenchFixtures.answeredEnded("template", BenchFixtures.rawPhone(1),
          Optional.of(BenchFixtures.OLENA));
    }

    CallEvent nextEvent() {
      long id = ids.incrementAndGet();
      return CallEvent.builder().from(template).callId("append-" + id).build();
    }

    @TearDown(Level.Trial)
    public void close() {
      journal.close();
      deleteTree(dir);
    }
  }

  /** The prepared backlog of {@link #BACKLOG} pending events. */
  @State(Scope.Benchmark)
  public static class Backlog {
    @Param({"1000", "10000"})
    public int pageSize;

    Path dir;

    @Setup(Level.Trial)
    public void prepare() {
      dir = benchDir().resolve("journal-100k");
      ensureBacklog(dir);
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 2, time = 2)
  @Measurement(iterations = 5, time = 2)
  @Threads(1)
  public long append(Fresh f) {
    return appendOne(f);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 2, time = 2)
  @Measurement(iterations = 5, time = 2)
  @Threads(4)
  public long append4Threads(Fresh f) {
    return appendOne(f);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 2, time = 2)
  @Measurement(iterations = 5, time = 2)
  @Threads(8)
  public long append8Threads(Fresh f) {
    return appendOne(f);
  }

  /** One synced append: what every thread count measures. */
  private static long appendOne(Fresh f) {
    CallEvent e = f.nextEvent();
    return f.journal.append(e, "380671234567", BenchFixtures.T0).entry().seq();
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 2)
  @Measurement(iterations = 5)
  @Threads(1)
  public long resume100k(Backlog b) {
    return readBacklog(b.dir, b.pageSize);
  }

  /** Opens the journal in {@code dir}, reads every pending entry in pages, closes it. */
  static long readBacklog(Path dir, int pageSize) {
    long read = 0;
    try (SqliteJournal j = SqliteJournal.open(dir)) {
      long after = 0;
      List<JournalEntry> page;
      while (!(page = j.pending(after, pageSize)).isEmpty()) {
        after = page.get(page.size() - 1).seq();
        read += page.size();
      }
    }
    if (read != BACKLOG) {
      throw new IllegalStateException("read " + read + " pending entries, expected " + BACKLOG);
    }
    return read;
  }

  static Path benchDir() {
    return Path.of(System.getProperty("bench.dir",
        Path.of(System.getProperty("java.io.tmpdir"), "ringostat-amo-bench").toString()));
  }

  /**
   * Makes {@code dir} hold exactly {@link #BACKLOG} pending events, appending them through the
   * public API (fsynced one by one, from four threads) when it does not yet.
   */
  static void ensureBacklog(Path dir) {
    if (Files.isDirectory(dir)) {
      try (SqliteJournal j = SqliteJournal.open(dir)) {
        if (j.counts().pending() == BACKLOG) {
          return;
        }
      } catch (RuntimeException e) {
        // unreadable or from an older schema: write it again
      }
      deleteTree(dir);
    }
    long start = System.nanoTime();
    CallEvent template = BenchFixtures.answeredEnded("template", BenchFixtures.rawPhone(1),
        Optional.of(BenchFixtures.OLENA));
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (SqliteJournal j = SqliteJournal.open(dir)) {
      AtomicLong next = new AtomicLong();
      Future<?>[] done = new Future<?>[threads];
      for (int t = 0; t < threads; t++) {
        done[t] = pool.submit(() -> {
          long i;
          while ((i = next.getAndIncrement()) < BACKLOG) {
            CallEvent e = CallEvent.builder().from(template).callId("backlog-" + i)
                .clientPhone(BenchFixtures.rawPhone((int) i)).build();
            j.append(e, BenchFixtures.phone((int) i).digits(), BenchFixtures.T0.plusMillis(i));
          }
        });
      }
      for (Future<?> f : done) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("preparing the backlog in " + dir + " failed", e);
    } finally {
      pool.shutdown();
    }
    System.out.printf("%nPrepared %,d pending events in %s in %,d ms (kept for later runs)%n",
        BACKLOG, dir, (System.nanoTime() - start) / 1_000_000);
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(JournalBenchmark.class.getSimpleName()).build())
        .run();
  }
}
