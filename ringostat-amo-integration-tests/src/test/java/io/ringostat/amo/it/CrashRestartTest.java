package io.ringostat.amo.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.journal.EntryState;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.engine.journal.JournalCounts;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.it.support.CrmAudit;
import io.ringostat.amo.it.support.OracleAudit;
import io.ringostat.amo.it.support.Fixtures;
import io.ringostat.amo.it.support.Outcomes;
import io.ringostat.amo.it.support.Traffic;
import io.ringostat.amo.journal.sqlite.SqliteJournal;
import io.ringostat.amo.json.CallEventJson;
import io.ringostat.amo.testkit.AmoEmulator;
import io.ringostat.amo.testkit.FaultKind;
import io.ringostat.amo.testkit.LoggedRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5: a host process ({@link CrashChild}) runs the engine with the SQLite journal and is
 * killed ({@code destroyForcibly}, SIGKILL) at random moments while it delivers calls to the
 * emulator living in this process, then restarted; the restarted engine resumes pending events
 * from the journal and the host resends its whole event log. The emulator also drops responses
 * after applying requests (DISCONNECT_AFTER_APPLY), so creations of unknown outcome are
 * reconciled. At the end the CRM must be exactly what a run without crashes and faults gives.
 *
 * <p>The seed is printed; {@code -Dcrash.seed=<seed>} replays the traffic and the kill moments.
 * {@code -Dsoak.large=true} kills 30+ times over more traffic.
 */
class CrashRestartTest {
  static final Instant START = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(3));

  @ParameterizedTest(name = "{0}, {1} kills in CI")
  @CsvSource({"RECOMMENDED, 6", "UNSORTED, 4", "UPDATE_ONLY, 4"})
  @Timeout(value = 900, unit = TimeUnit.SECONDS)
  @DisplayName("R-ONCE R-KEEP a host killed at random moments and restarted: every accepted call"
      + " applied exactly once (contacts, deals, unsorted requests, call records, tasks)")
  void killedAndRestartedAtRandomMoments(String preset, int ciKills, @TempDir Path tmp)
      throws Exception {
    boolean large = Fixtures.flag("soak.large");
    long seed = Fixtures.seed("crash.seed", System.nanoTime());
    System.out.println("CrashRestartTest " + preset + " seed " + seed
        + " (replay with -Dcrash.seed=" + seed + ")");
    int kills = large ? 32 : ciKills;
    // update-only acts on known clients only: more of them, or a run holds too little work to
    // be killed several times
    boolean updateOnly = preset.equals("UPDATE_ONLY");
    Traffic traffic = large ? Traffic.generate(seed, 100, 20, 400, START)
        : Traffic.generate(seed, updateOnly ? 10 : 24, updateOnly ? 20 : 6, 10 * ciKills, START);
    Path events = tmp.resolve("events.jsonl");
    Files.write(events, traffic.events().stream().map(CallEventJson::write).toList(),
        StandardCharsets.UTF_8);
    Path journalDir = Files.createDirectories(tmp.resolve("journal"));
    IntegrationSettings settings = CrashChild.settings(preset);
    CrmAudit expected = reference(traffic, settings);

    long started = System.nanoTime();
    SplittableRandom random = new SplittableRandom(seed * 31 + 7);
    AmoEmulator.Builder b = Fixtures.emulator(settings).seed(seed);
    traffic.seed(b);
    try (AmoEmulator amo = b.start()) {
      // Slow enough that a run cannot finish before the parent kills it a few times: each
      // request takes 25 ms, so the work outlasts the kills (50-550 ms after each start)
      amo.faults().latency(Duration.ofMillis(25));
      amo.faults().random(0.05, EnumSet.of(FaultKind.DISCONNECT_AFTER_APPLY), "/api/v4/");
      int killed = 0;
      int completedEarly = 0;
      int killedBeforeAccepting = 0;
      for (int round = 0; round < kills * 3 && killed < kills; round++) {
        Child child = Child.start(amo, journalDir, events, preset,
            tmp.resolve("child-" + round + ".err"));
        try {
          child.awaitReady(Duration.ofSeconds(60));
          long delay = 50 + random.nextInt(large ? 1200 : 500);
          if (child.process.waitFor(delay, TimeUnit.MILLISECONDS)) {
            completedEarly++;
            child.assertFinished();
            break; // everything is delivered: nothing left to crash
          }
          child.process.destroyForcibly();
          assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
          // only a kill after the host accepted events tests recovery; one before is a restart
          if (child.accepted.get() > 0) {
            killed++;
          } else {
            killedBeforeAccepting++;
          }
          System.out.printf("  kill %2d after %4d ms: %d event(s) accepted in this run%n",
              killed, delay, child.accepted.get());
        } finally {
          child.process.destroyForcibly();
        }
      }
      // A final run to completion.
      Child last = Child.start(amo, journalDir, events, preset,
          tmp.resolve("child-final.err"));
      try {
        last.awaitReady(Duration.ofSeconds(60));
        assertThat(last.process.waitFor(180, TimeUnit.SECONDS)).as("the final run ends").isTrue();
        last.assertFinished();
      } finally {
        last.process.destroyForcibly();
      }

      try (SqliteJournal journal = SqliteJournal.open(journalDir)) {
        JournalCounts counts = journal.counts();
        assertThat(counts.pending()).as("nothing pending").isZero();
        assertThat(counts.failed()).as("nothing failed: " + journal.entries(EntryState.FAILED, 5))
            .isZero();
        assertThat(counts.delivered()).as("every event journaled once and delivered")
            .isEqualTo(traffic.events().size());
      }
      CrmAudit actual = CrmAudit.of(amo, traffic);
      List<LoggedRequest> log = amo.requestLog();
      long cut = log.stream().filter(r -> r.fault().orElse(null)
          == FaultKind.DISCONNECT_AFTER_APPLY).count();
      System.out.printf("CrashRestartTest " + preset + ": %d calls, %d events, %d kills (%d run(s) finished"
              + " early), %d requests, %d responses dropped after apply, %.1f s%n",
          traffic.calls().size(), traffic.events().size(), killed, completedEarly, log.size(),
          cut, (System.nanoTime() - started) / 1e9);
      System.out.printf("CrashRestartTest " + preset + ": %d kill(s) before any event was"
          + " accepted, not counted%n", killedBeforeAccepting);
      assertThat(killed).as("the host was killed after accepting events")
          .isGreaterThanOrEqualTo(Math.min(kills, 3));
      assertThat(actual.lostCalls(expected)).as("calls lost: in the reference CRM, not in this"
          + " one").isEmpty();
      assertThat(OracleAudit.lostCalls(amo, traffic, settings))
          .as("calls lost: the oracle expects a trace, the CRM has none").isEmpty();
      assertThat(actual.duplicateContacts).as("duplicate contacts").isZero();
      assertThat(actual.duplicateDeals).as("duplicate deals").isZero();
      assertThat(actual.duplicateRecords).as("duplicate call records").isZero();
      assertThat(actual.duplicateTasks).as("duplicate tasks").isZero();
      assertThat(actual.duplicateUnsorted).as("duplicate unsorted requests").isZero();
      assertThat(actual.differencesFrom(expected))
          .as("the CRM equals a run without crashes (seed " + seed + ")").isEmpty();
      assertThat(OracleAudit.differences(amo, traffic, settings))
          .as("the CRM holds what the independent oracle says (seed " + seed + ")").isEmpty();
      // Plain facts a user checks: one contact per new phone that called in or was reached.
      for (Traffic.Phone p : traffic.phones()) {
        assertThat(amo.contactsByPhone(p.number().e164())).as("contacts of " + p.digits())
            .hasSizeLessThanOrEqualTo(1);
      }
    }
  }

  /** The CRM after the same traffic, handled in this process without faults or crashes. */
  static CrmAudit reference(Traffic traffic) {
    return reference(traffic, Traffic.settings());
  }

  /** The same with {@code settings}. */
  static CrmAudit reference(Traffic traffic, IntegrationSettings settings) {
    AmoEmulator.Builder b = Fixtures.emulator(settings);
    traffic.seed(b);
    Outcomes outcomes = new Outcomes();
    try (AmoEmulator amo = b.start();
        IntegrationEngine engine = Fixtures.engine(settings,
            Fixtures.gateway(amo, settings, amo.token()).build(), new InMemoryJournal(), outcomes)
            .build()) {
      assertThat(engine.activate().isActive()).isTrue();
      for (CallEvent e : traffic.events()) {
        engine.handleAsync(e);
      }
      Outcomes.await("the reference run", Duration.ofSeconds(120),
          () -> engine.metrics().journal().pending() == 0);
      assertThat(engine.metrics().journal().delivered()).isEqualTo(traffic.events().size());
      assertThat(OracleAudit.differences(amo, traffic, settings))
          .as("the run without faults holds what the independent oracle says").isEmpty();
      CrmAudit audit = CrmAudit.of(amo, traffic);
      assertThat(audit.duplicateContacts + audit.duplicateDeals + audit.duplicateRecords
          + audit.duplicateTasks).as("the reference run has no duplicates").isZero();
      return audit;
    }
  }

  /** A running {@link CrashChild} and what it printed. */
  static final class Child {
    final Process process;
    final CountDownLatch ready = new CountDownLatch(1);
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicReference<String> last = new AtomicReference<>("");
    final Path err;

    private Child(Process process, Path err) {
      this.process = process;
      this.err = err;
      Thread reader = new Thread(this::read, "crash-child-out");
      reader.setDaemon(true);
      reader.start();
    }

    static Child start(AmoEmulator amo, Path journalDir, Path events, String preset, Path err)
        throws IOException {
      String classpath = System.getProperty("surefire.test.class.path",
          System.getProperty("java.class.path"));
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Process p = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
          "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
          "-cp", classpath, CrashChild.class.getName(),
          amo.baseUrl(), amo.token(), journalDir.toString(), events.toString(), "2", preset)
          .redirectError(err.toFile())
          .start();
      return new Child(p, err);
    }

    private void read() {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.startsWith("READY")) {
            ready.countDown();
          } else if (line.startsWith("H ")) {
            accepted.incrementAndGet();
          } else {
            last.set(line);
          }
        }
      } catch (IOException e) {
        // the process was killed
      }
    }

    void awaitReady(Duration timeout) throws Exception {
      if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the child did not start: " + last.get() + "\n"
            + Files.readString(err));
      }
    }

    void assertFinished() throws Exception {
      // Give the reader a moment to see the last line.
      for (int i = 0; i < 100 && !last.get().startsWith("DONE"); i++) {
        Thread.sleep(10);
      }
      assertThat(process.exitValue()).as("child exit: " + last.get() + "\n"
          + Files.readString(err)).isZero();
      assertThat(last.get()).startsWith("DONE");
    }
  }
}
