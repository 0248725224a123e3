package io.ringostat.amo.it;

import io.ringostat.amo.engine.ActivationResult;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.journal.JournalCounts;
import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.it.support.Traffic;
import io.ringostat.amo.journal.sqlite.SqliteJournal;
import io.ringostat.amo.json.CallEventJson;
import io.ringostat.amo.okhttp.AmoOkHttpGateway;
import io.ringostat.amo.okhttp.LongLivedToken;
import io.ringostat.amo.okhttp.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The host process of {@link CrashRestartTest}: runs the engine with a {@link SqliteJournal} in
 * {@code journalDir} against the emulator of the parent process and feeds it every line of
 * {@code eventsFile}, as a PBX that resends its log after a restart would. The parent kills it
 * at random moments. Prints {@code READY}, {@code H <n>} per accepted event and {@code DONE} once
 * every event is journaled and none is pending.
 *
 * <p>Arguments: {@code baseUrl token journalDir eventsFile paceMillis preset}.
 */
public final class CrashChild {
  private CrashChild() {}

  /** The traffic settings with the matrix preset {@code preset}. */
  static IntegrationSettings settings(String preset) {
    return IntegrationSettings.builder().from(Traffic.settings())
        .matrix(MatrixPresets.byName(preset).orElseThrow()).build();
  }

  public static void main(String[] args) throws Exception {
    String baseUrl = args[0];
    String token = args[1];
    Path journalDir = Path.of(args[2]);
    Path eventsFile = Path.of(args[3]);
    long pace = Long.parseLong(args[4]);
    IntegrationSettings settings = settings(args[5]);
    AmoOkHttpGateway gateway = AmoOkHttpGateway.builder()
        .account(settings.account())
        .insecureLocalBaseUrl(baseUrl)
        .credentials(LongLivedToken.of(token))
        .rateLimit(150)
        .retryPolicy(RetryPolicy.DEFAULT.withBackoff(Duration.ofMillis(5), Duration.ofMillis(50)))
        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(2))
        .build();
    IntegrationEngine engine = IntegrationEngine.builder()
        .settings(settings)
        .amo(gateway)
        .journal(SqliteJournal.open(journalDir))
        .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(200))
        .build();
    ActivationResult active = engine.activate();
    for (int i = 0; i < 20 && !active.isActive(); i++) {
      Thread.sleep(100);
      active = engine.activate();
    }
    if (!active.isActive()) {
      System.out.println("NOT_ACTIVE " + active.message());
      System.exit(3);
    }
    System.out.println("READY pending=" + engine.metrics().journal().pending());
    List<String> lines = Files.readAllLines(eventsFile, StandardCharsets.UTF_8);
    int n = 0;
    for (String line : lines) {
      engine.handleAsync(CallEventJson.read(line));
      System.out.println("H " + (++n));
      if (pace > 0) {
        Thread.sleep(pace);
      }
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    JournalCounts counts = engine.metrics().journal();
    while (counts.pending() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
      counts = engine.metrics().journal();
    }
    System.out.println((counts.pending() == 0 ? "DONE " : "STUCK ") + counts + " "
        + engine.metrics().gateway());
    engine.close();
    System.exit(counts.pending() == 0 ? 0 : 4);
  }
}
