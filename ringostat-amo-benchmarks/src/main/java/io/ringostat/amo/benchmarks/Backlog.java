package io.ringostat.amo.benchmarks;

import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.engine.ActivationResult;
import io.ringostat.amo.engine.EngineMetrics;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.ReactivationResult;
import io.ringostat.amo.journal.sqlite.SqliteJournal;
import io.ringostat.amo.okhttp.AmoOkHttpGateway;
import io.ringostat.amo.okhttp.LongLivedToken;
import io.ringostat.amo.testkit.AmoEmulator;
import io.ringostat.amo.testkit.LoggedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * How fast a backlog drains at amoCRM's limit with batching (issue 14, R-BATCH, R-LIMITS), against
 * the testkit's {@link AmoEmulator}, which counts requests in any sliding second and answers 429
 * beyond its limit. Both runs use the SDK as a host would: {@link IntegrationEngine} with its
 * default workers and the durable {@link SqliteJournal}, over {@link AmoOkHttpGateway} at the
 * same rate as the emulator's limit.
 *
 * <ol>
 *   <li><b>Missed calls</b>: {@code --missed} (300) inbound calls from new clients that nobody
 *       answered (contact, deal, call record and call-back task each) are handed over at once;
 *       the time until the last is delivered.
 *   <li><b>Resend after a broken token</b>: the token is revoked (the engine goes BROKEN on its
 *       next request), {@code --resend} (1,000) calls of mixed scenarios spread over 72 hours are
 *       journaled meanwhile, then a new token is issued and {@code reactivate(…, resend=true)}
 *       delivers them (resend window 4 calendar days, so that all 72 hours are resent); the time
 *       until no event is pending. The mix, by call index modulo 5: a new client's missed call,
 *       a new client's answered call, an existing client's answered call (50 seeded clients with
 *       an open deal), a caller who calls again (a number of an earlier call), an answered
 *       outbound call to a new number.
 * </ol>
 *
 * <pre>{@code
 * java -cp ringostat-amo-benchmarks/target/benchmarks.jar io.ringostat.amo.benchmarks.Backlog \
 *     [--rate 7] [--missed 300] [--resend 1000]
 * }</pre>
 */
public final class Backlog {
  private static final Duration LIMIT = Duration.ofMinutes(15);

  private Backlog() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    int rate = intArg(args, "--rate", 7);
    int missed = intArg(args, "--missed", 300);
    int resend = intArg(args, "--resend", 1000);
    IntegrationSettings settings = BenchFixtures.settings("RECOMMENDED");
    OkHttpClient client = new OkHttpClient();
    System.out.printf(Locale.ROOT, "Backlog: emulator limit %d/s, gateway limit %d/s, engine"
        + " workers %d (default)%n", rate, rate, IntegrationEngine.Builder.DEFAULT_WORKERS);
    try {
      Row a = missedCalls(settings, client, rate, missed);
      // 72 hours reach into a fourth calendar day: resend four, so that every call is resent.
      Row b = resendAfterBrokenToken(IntegrationSettings.builder().from(settings)
          .resendWindowDays(4).build(), client, rate, resend);
      System.out.println();
      System.out.println("| run | calls | drain time | calls/s | requests | requests/s | of the"
          + " limit | requests/call | 429s |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
      System.out.println(a.format(rate));
      System.out.println(b.format(rate));
    } finally {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  /** One run's figures. */
  record Row(String name, long calls, Duration drain, long requests, long throttled,
      Map<String, Long> byEndpoint) {
    String format(int rate) {
      double s = drain.toMillis() / 1000.0;
      double rps = requests / s;
      return String.format(Locale.ROOT, "| %s | %d | %.1f s | %.2f | %d | %.2f | %.1f %% | %.2f"
          + " | %d |", name, calls, s, calls / s, requests, rps, 100 * rps / rate,
          requests / (double) calls, throttled);
    }
  }

  static Row missedCalls(IntegrationSettings settings, OkHttpClient client, int rate, int n)
      throws Exception {
    Path dir = Files.createTempDirectory("ringostat-amo-backlog");
    try (AmoEmulator amo = emulator(settings, rate).start()) {
      AmoOkHttpGateway gateway = gateway(amo, client, rate, amo.token());
      try (IntegrationEngine engine = IntegrationEngine.builder().settings(settings).amo(gateway)
          .journal(SqliteJournal.open(dir)).build()) {
        activate(engine);
        amo.resetRequestLog();
        Instant from = Instant.now();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
          engine.handleAsync(BenchFixtures.missedEnded("missed-" + i,
              BenchFixtures.rawPhone(100_000 + i)));
        }
        awaitDrained(engine, n);
        Duration drain = Duration.ofNanos(System.nanoTime() - start);
        Row row = row("missed calls, new clients", n, drain, amo.requestLog(), from);
        report(row, engine.metrics(), amo);
        return row;
      }
    } finally {
      JournalBenchmark.deleteTree(dir);
    }
  }

  static Row resendAfterBrokenToken(IntegrationSettings settings, OkHttpClient client, int rate,
      int n) throws Exception {
    Path dir = Files.createTempDirectory("ringostat-amo-resend");
    AmoEmulator.Builder b = emulator(settings, rate);
    int existing = 50;
    for (int i = 0; i < existing; i++) {
      String phone = BenchFixtures.rawPhone(900_000 + i);
      b.existingContact("Existing client " + i, phone, BenchFixtures.ANDRIY_USER)
          .existingDeal(phone, 3383152, 33929755, BenchFixtures.ANDRIY_USER);
    }
    try (AmoEmulator amo = b.start()) {
      AmoOkHttpGateway gateway = gateway(amo, client, rate, amo.token());
      try (IntegrationEngine engine = IntegrationEngine.builder().settings(settings).amo(gateway)
          .journal(SqliteJournal.open(dir)).build()) {
        activate(engine);
        amo.revokeAllTokens();
        // The first event finds the broken token; the rest are journaled while BROKEN.
        Instant t0 = Instant.now().minus(Duration.ofHours(72));
        long spacing = Duration.ofHours(72).toSeconds() / n;
        for (int i = 0; i < n; i++) {
          engine.handleAsync(mixed(i, t0.plusSeconds(i * spacing), existing));
        }
        long waitBroken = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (engine.state() != io.ringostat.amo.engine.EngineState.BROKEN
            && System.nanoTime() < waitBroken) {
          Thread.sleep(50);
        }
        String fresh = "fresh-token-after-72h";
        amo.issueLongLivedToken(fresh);
        amo.resetRequestLog();
        Instant from = Instant.now();
        long start = System.nanoTime();
        ReactivationResult r = engine.reactivate(LongLivedToken.of(fresh), true);
        awaitDrained(engine, n);
        Duration drain = Duration.ofNanos(System.nanoTime() - start);
        Row row = row("resend after a 72 h broken token, mixed", n, drain, amo.requestLog(),
            from);
        System.out.println("Reactivation: " + r);
        report(row, engine.metrics(), amo);
        return row;
      }
    } finally {
      JournalBenchmark.deleteTree(dir);
    }
  }

  /**
   * The {@code i}-th call of the mixed backlog: new clients' missed and answered calls, existing
   * clients' answered calls, callers who call again, outbound calls.
   */
  static CallEvent mixed(int i, Instant at, int existing) {
    String id = "resend-" + i;
    String phone = switch (i % 5) {
      case 0, 1 -> BenchFixtures.rawPhone(200_000 + i); // a new client
      case 2 -> BenchFixtures.rawPhone(900_000 + (i % existing)); // an existing client
      case 3 -> BenchFixtures.rawPhone(200_000 + (i / 10) * 5); // calls again
      default -> BenchFixtures.rawPhone(300_000 + i);
    };
    CallEvent.Builder e = CallEvent.builder().callId(id).phase(CallPhase.ENDED)
        .clientPhone(phone).trackingPhone("+380 44 300 00 00").startedAt(at)
        .tracking(BenchFixtures.tracking());
    switch (i % 5) {
      case 1, 2 -> e.direction(CallDirection.INBOUND).disposition(Disposition.ANSWERED)
          .employeeEndpoint(Optional.of(BenchFixtures.OLENA)).answeredAt(at.plusSeconds(5))
          .endedAt(at.plusSeconds(95)).recordingUrl("https://records.example.com/" + id + ".mp3");
      case 4 -> e.direction(CallDirection.OUTBOUND).disposition(Disposition.ANSWERED)
          .employeeEndpoint(Optional.of(BenchFixtures.OLENA)).answeredAt(at.plusSeconds(9))
          .endedAt(at.plusSeconds(69));
      default -> e.direction(CallDirection.INBOUND).disposition(Disposition.NO_ANSWER)
          .endedAt(at.plusSeconds(25));
    }
    return e.build();
  }

  private static AmoEmulator.Builder emulator(IntegrationSettings settings, int rate) {
    return AmoEmulator.builder().fromSettings(settings).rateLimit(rate).blockAfter(0);
  }

  private static AmoOkHttpGateway gateway(AmoEmulator amo, OkHttpClient client, int rate,
      String token) {
    return AmoOkHttpGateway.builder().insecureLocalBaseUrl(amo.baseUrl())
        .credentials(LongLivedToken.of(token)).okHttpClient(client).rateLimit(rate).build();
  }

  private static void activate(IntegrationEngine engine) {
    ActivationResult activation = engine.activate();
    if (!activation.isActive()) {
      throw new IllegalStateException("the engine did not activate: " + activation);
    }
  }

  /** Until every one of the {@code n} events is out of PENDING (bounded). */
  private static void awaitDrained(IntegrationEngine engine, int n) throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      EngineMetrics m = engine.metrics();
      if (m.journal().pending() == 0 && m.journal().total() >= n) {
        return;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("not drained within " + LIMIT + ": " + engine.metrics());
  }

  private static Row row(String name, int calls, Duration drain, List<LoggedRequest> log,
      Instant from) {
    long requests = 0;
    long throttled = 0;
    Map<String, Long> byEndpoint = new TreeMap<>();
    for (LoggedRequest r : log) {
      if (r.timestamp().isBefore(from)) {
        continue;
      }
      requests++;
      if (r.status() == 429) {
        throttled++;
      }
      byEndpoint.merge(r.method() + " " + r.path().replaceAll("/\\d+", "/{id}"), 1L, Long::sum);
    }
    return new Row(name, calls, drain, requests, throttled, byEndpoint);
  }

  private static void report(Row row, EngineMetrics m, AmoEmulator amo) {
    System.out.printf(Locale.ROOT, "%s: journal %s; emulator holds %d contacts, %d deals,"
        + " %d notes, %d tasks; requests by endpoint %s%n", row.name(), m.journal(),
        amo.contacts().size(), amo.deals().size(), amo.notes().size(), amo.tasks().size(),
        row.byEndpoint());
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        int v = Integer.parseInt(args[i + 1]);
        if (v < 1 || v > 100_000) {
          throw new IllegalArgumentException(name + ": 1 to 100000");
        }
        return v;
      }
    }
    return fallback;
  }
}
