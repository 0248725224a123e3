package io.ringostat.amo.journal.sqlite;

import static io.ringostat.amo.engine.testing.JournalContract.at;
import static io.ringostat.amo.engine.testing.JournalContract.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.engine.journal.Appended;
import io.ringostat.amo.engine.journal.EntryState;
import io.ringostat.amo.engine.journal.JournalEntry;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EntityType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing process ({@link CrashingWriter}) at random moments and checks, after each kill,
 * that the journal opens, holds every write the child saw return, holds no half-written entry,
 * and still dedupes. The kill is {@code destroyForcibly()} (SIGKILL): no shutdown hook, no close.
 *
 * <p>The seed is printed; rerun a failure with {@code -Dcrash.seed=<seed>}.
 */
class SqliteJournalCrashTest {
  private static final int KILLS = 5;

  @TempDir Path tmp;

  @Test
  void aKilledWriterLosesNothingItReportedAndLeavesNothingHalfWritten() throws Exception {
    long seed = Long.getLong("crash.seed", System.nanoTime());
    System.out.println("SqliteJournalCrashTest seed " + seed + " (rerun with -Dcrash.seed=)");
    SplittableRandom random = new SplittableRandom(seed);
    Path dir = tmp.resolve("journal");
    long lastSeq = 0;
    int reportedAppends = 0;
    for (int run = 0; run < KILLS; run++) {
      String runId = "r" + run;
      Reports reports = runAndKill(dir, runId, 150 + random.nextInt(900), seed);
      reportedAppends += reports.appends.size();
      lastSeq = check(dir, runId, reports, lastSeq);
    }
    System.out.println("SqliteJournalCrashTest: " + KILLS + " kills, " + reportedAppends
        + " appends reported before the kills");
    assertThat(reportedAppends).as("the child appended something before being killed")
        .isPositive();
  }

  /** Starts the child, lets it write for {@code millis} after it opened the journal, kills it. */
  private Reports runAndKill(Path dir, String runId, int millis, long seed) throws Exception {
    Path stderr = tmp.resolve(runId + ".stderr");
    String classpath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-cp", classpath,
        // sqlite-jdbc unpacks its native library here; a killed JVM cannot delete it.
        "-Dorg.sqlite.tmpdir=" + tmp, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
        CrashingWriter.class.getName(), dir.toString(), runId)
        .redirectError(stderr.toFile())
        .start();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Reports reports = new Reports();
    Thread reader = new Thread(() -> reports.read(child, ready), "crash-child-stdout");
    reader.start();
    try {
      ready.get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      child.destroyForcibly();
      throw new AssertionError("the child did not start (seed " + seed + "): "
          + Files.readString(stderr), e);
    }
    Thread.sleep(millis);
    child.destroyForcibly();
    assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    reader.join(10_000);
    return reports;
  }

  /** Reopens the journal after a kill and checks it; returns the highest seq seen. */
  private static long check(Path dir, String runId, Reports r, long previousLastSeq) {
    try (SqliteJournal j = SqliteJournal.open(dir)) {
      assertThat(j.pragma("integrity_check")).isEqualTo("ok");
      long lastSeq = previousLastSeq;
      // Every append the child saw return is there, complete.
      for (Map.Entry<Long, String> a : r.appends.entrySet()) {
        JournalEntry e = j.entry(a.getKey()).orElseThrow(
            () -> new AssertionError("lost reported append #" + a.getKey() + " " + a.getValue()));
        assertThat(e.callId()).isEqualTo(a.getValue());
        assertThat(e.event()).contains(event(a.getValue(), CallPhase.ENDED));
        assertThat(a.getKey()).isGreaterThan(previousLastSeq);
        lastSeq = Math.max(lastSeq, a.getKey());
      }
      for (String callId : r.sending) {
        CallProgress p = j.progress(callId);
        Set<EffectKey> uncertain = j.uncertain(callId);
        assertThat(p.isDone(CrashingWriter.contactKey(callId))
            || uncertain.contains(CrashingWriter.contactKey(callId))).isTrue();
        assertThat(uncertain).contains(CrashingWriter.dealKey(callId));
      }
      for (String callId : r.done) {
        int i = Integer.parseInt(callId.substring(callId.lastIndexOf('c') + 1));
        assertThat(j.progress(callId).created(CrashingWriter.contactKey(callId),
            EntityType.CONTACT)).contains((long) i);
      }
      for (long seq : r.finished) {
        assertThat(j.entry(seq).orElseThrow().state()).isEqualTo(EntryState.DELIVERED);
      }
      // No entry is half-written: every stored event reads back, one entry per call and phase.
      List<JournalEntry> all = new ArrayList<>(j.pending(0, Integer.MAX_VALUE));
      all.addAll(j.entries(EntryState.DELIVERED, Integer.MAX_VALUE));
      Set<String> calls = new HashSet<>();
      for (JournalEntry e : all) {
        assertThat(e.event()).as("entry #%d reads back", e.seq())
            .contains(event(e.callId(), CallPhase.ENDED));
        assertThat(calls.add(e.callId())).as("one entry for %s", e.callId()).isTrue();
        lastSeq = Math.max(lastSeq, e.seq());
      }
      assertThat((long) all.size()).isEqualTo(j.counts().total());
      // Dedupe holds for every reported append.
      for (Map.Entry<Long, String> a : r.appends.entrySet()) {
        Appended again = j.append(event(a.getValue(), CallPhase.ENDED), "k", at(0));
        assertThat(again.duplicate()).isTrue();
        assertThat(again.entry().seq()).isEqualTo(a.getKey());
      }
      assertThat(j.counts().total()).isEqualTo(all.size());
      System.out.println("SqliteJournalCrashTest " + runId + ": " + r.appends.size()
          + " appends reported, " + all.size() + " entries in the journal");
      return lastSeq;
    }
  }

  /** What the child reported, from complete lines only. */
  private static final class Reports {
    final Map<Long, String> appends = new HashMap<>();
    final Set<String> sending = new HashSet<>();
    final Set<String> done = new HashSet<>();
    final Set<Long> finished = new HashSet<>();

    void read(Process child, CompletableFuture<Void> ready) {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          String[] t = line.split(" ");
          if (!line.endsWith(" .")) {
            continue; // cut by the kill
          }
          switch (t[0]) {
            case "READY" -> ready.complete(null);
            case "A" -> appends.put(Long.parseLong(t[1]), t[2]);
            case "S" -> sending.add(t[1]);
            case "D" -> done.add(t[1]);
            case "F" -> finished.add(Long.parseLong(t[1]));
            default -> throw new IllegalStateException("unexpected line: " + line);
          }
        }
      } catch (IOException e) {
        ready.completeExceptionally(e);
      }
      ready.completeExceptionally(new IllegalStateException("the child exited"));
    }
  }
}
