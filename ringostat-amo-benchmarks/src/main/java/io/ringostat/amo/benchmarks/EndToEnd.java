package io.ringostat.amo.benchmarks;

import io.ringostat.amo.engine.ActivationResult;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.routing.RoutingDecision;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.journal.sqlite.SqliteJournal;
import io.ringostat.amo.okhttp.AmoOkHttpGateway;
import io.ringostat.amo.okhttp.LongLivedToken;
import io.ringostat.amo.testkit.AmoEmulator;
import io.ringostat.amo.testkit.LoggedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;

/**
 * End to end against the testkit's {@link AmoEmulator} at a fixed rate limit, SDK and naive
 * integration in the same run (issue 8): a backlog of calls larger than the limit allows is handed
 * over at once, and during a fixed window we count delivered calls, the requests the emulator
 * received, and its 429 answers.
 *
 * <ol>
 *   <li><b>SDK</b>: {@link IntegrationEngine} (demo settings, matrix RECOMMENDED, its default
 *       workers, so that concurrent calls share batch requests; the durable {@link
 *       SqliteJournal}) over {@link AmoOkHttpGateway} with {@code rateLimit(N)}.
 *       Before the window, the cost of a routing miss in requests is measured on the same
 *       emulator.
 *   <li><b>Naive</b>: {@link NaiveIntegration} written the obvious way, six requests per call,
 *       same OkHttp client, evenly paced at N/s, 4 threads, on a fresh emulator with the same limit.
 *   <li><b>Best naive</b>: {@link NaiveIntegration} at its best without batching — search, lead
 *       with its contact in one {@code leads/complex}, note, task (four requests), paced by the
 *       SDK's own {@code AmoRateLimiter}, 4 threads, on a fresh emulator.
 * </ol>
 *
 * <p>Every call is an inbound call from a new client that nobody answered (ENDED, NO_ANSWER):
 * the case where both sides create the same things (contact, deal, call note, call-back task).
 * The emulator enforces N requests in any sliding second and answers 429 beyond (it never blocks
 * the account here, so a 429 cannot end the run early).
 *
 * <pre>{@code
 * java -cp ringostat-amo-benchmarks/target/benchmarks.jar io.ringostat.amo.benchmarks.EndToEnd \
 *     [--rate 7] [--seconds 20] [--client-rate 7]
 * }</pre>
 *
 * <p>{@code --rate} is the emulator's limit; {@code --client-rate} (default: the same) is what
 * both clients are configured with, to show the effect of a safety margin.
 */
public final class EndToEnd {
  private static final int WORKERS = 4;

  private EndToEnd() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    int rate = intArg(args, "--rate", 7);
    int seconds = intArg(args, "--seconds", 20);
    double clientRate = doubleArg(args, "--client-rate", rate);
    int backlog = rate * seconds; // at least one request per call: more than the window can take
    IntegrationSettings settings = BenchFixtures.settings("RECOMMENDED");
    OkHttpClient client = new OkHttpClient();
    System.out.printf(Locale.ROOT, "End to end: emulator limit %d/s, clients paced at %s/s,"
        + " window %d s, backlog %d calls (new client, missed), SDK %d workers, naive %d%n",
        rate, clientRate, seconds, backlog, IntegrationEngine.Builder.DEFAULT_WORKERS, WORKERS);
    try {
      Result sdk = runSdk(settings, client, rate, clientRate, seconds, backlog);
      Result naive = runNaive(settings, client, rate, clientRate, seconds, backlog,
          NaiveIntegration.Style.OBVIOUS);
      Result best = runNaive(settings, client, rate, clientRate, seconds, backlog,
          NaiveIntegration.Style.BEST);
      System.out.println();
      System.out.println("| integration | calls delivered | calls/s | requests/s | of the limit"
          + " | requests/call | 429s |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|");
      for (Result r : List.of(sdk, naive, best)) {
        System.out.println(r.row(rate));
      }
      System.out.printf(Locale.ROOT, "%nThe SDK delivered %.2fx the calls of the naive"
          + " integration and %.2fx those of the best naive one at the same limit.%n",
          sdk.delivered / (double) Math.max(1, naive.delivered),
          sdk.delivered / (double) Math.max(1, best.delivered));
    } finally {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  /** One side's figures over the window. */
  record Result(String name, int seconds, long delivered, long requests, long throttled,
      Map<String, Long> byEndpoint) {
    String row(int rate) {
      double rps = requests / (double) seconds;
      return String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.1f %% | %.2f | %d |", name,
          delivered, delivered / (double) seconds, rps, 100 * rps / rate,
          delivered == 0 ? 0.0 : requests / (double) delivered, throttled);
    }
  }

  // --- SDK --------------------------------------------------------------------------------

  static Result runSdk(IntegrationSettings settings, OkHttpClient client, int rate,
      double clientRate, int seconds, int backlog) throws Exception {
    String existing = "+380671110000";
    Path dir = Files.createTempDirectory("ringostat-amo-e2e");
    try (AmoEmulator amo = emulator(settings, rate)
            .existingContact("Existing client", existing, BenchFixtures.ANDRIY_USER)
            .existingDeal(existing, 3383152, 33929755, BenchFixtures.ANDRIY_USER).start()) {
      AmoOkHttpGateway gateway = AmoOkHttpGateway.builder()
          .insecureLocalBaseUrl(amo.baseUrl())
          .credentials(LongLivedToken.of(amo.token()))
          .okHttpClient(client)
          .rateLimit(clientRate)
          .build();
      IntegrationEngine engine = IntegrationEngine.builder().settings(settings).amo(gateway)
          .journal(SqliteJournal.open(dir)).build(); // default workers: batches form
      try {
        ActivationResult activation = engine.activate();
        if (!activation.isActive()) {
          throw new IllegalStateException("the engine did not activate: " + activation);
        }
        long setup429 = amo.requestLog().stream().filter(x -> x.status() == 429).count();
        routingCost(engine, amo, existing);
        long throttledBefore = gateway.metrics().throttled();

        amo.resetRequestLog();
        List<CompletableFuture<HandleResult>> futures = new ArrayList<>();
        ConcurrentLinkedQueue<Long> deliveredAt = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        Instant windowStart = Instant.now();
        for (int i = 0; i < backlog; i++) {
          CompletableFuture<HandleResult> f = engine.handleAsync(missedCall("sdk", i));
          f.thenAccept(r -> {
            if (r.status() == HandleResult.Status.DELIVERED) {
              deliveredAt.add(System.nanoTime());
            }
          });
          futures.add(f);
        }
        sleepUntil(start + TimeUnit.SECONDS.toNanos(seconds));
        Instant windowEnd = windowStart.plusSeconds(seconds);
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long delivered = deliveredAt.stream().filter(t -> t <= end).count();
        List<LoggedRequest> log = amo.requestLog();
        Result r = result("SDK (RECOMMENDED)", seconds, delivered, log, windowStart, windowEnd);
        System.out.printf(Locale.ROOT, "SDK: %d delivered in %d s; %d contacts, %d tasks in the"
            + " emulator; 429s: %d during activation, %d seen by the gateway from the window's"
            + " start to now; gateway metrics %s%n", delivered, seconds,
            amo.contacts().size() - 1, amo.tasks().size(), setup429,
            gateway.metrics().throttled() - throttledBefore, gateway.metrics());
        print429s(log, windowStart);
        System.out.println("SDK requests in the window by endpoint: " + r.byEndpoint());
        return r;
      } finally {
        engine.close(); // calls still queued stay pending in the journal
      }
    } finally {
      JournalBenchmark.deleteTree(dir);
    }
  }

  /** A routing miss for an unknown and for an existing client, then a hit; prints the requests. */
  private static void routingCost(IntegrationEngine engine, AmoEmulator amo, String existing) {
    amo.resetRequestLog();
    RoutingDecision unknown = engine.route("+380 67 999-00-01");
    int unknownRequests = amo.requestLog().size();
    amo.resetRequestLog();
    RoutingDecision known = engine.route(existing);
    int knownRequests = amo.requestLog().size();
    amo.resetRequestLog();
    RoutingDecision again = engine.route(existing);
    int hitRequests = amo.requestLog().size();
    System.out.printf(Locale.ROOT, "Routing: miss for an unknown phone %d request(s) (%s);"
        + " miss for a client with a deal %d request(s) (routes=%s, %s); cache hit %d"
        + " request(s) (fromCache=%s)%n", unknownRequests, unknown.fallThrough().orElse(null),
        knownRequests, known.routes(), known.reason(), hitRequests, again.fromCache());
  }

  // --- naive ------------------------------------------------------------------------------

  static Result runNaive(IntegrationSettings settings, OkHttpClient client, int rate,
      double clientRate, int seconds, int backlog, NaiveIntegration.Style style)
      throws Exception {
    try (AmoEmulator amo = emulator(settings, rate).start()) {
      NaiveIntegration naive =
          new NaiveIntegration(client, amo.baseUrl(), amo.token(), clientRate, style);
      long pipeline = settings.defaultPipeline().orElseThrow().pipelineId();
      long senior = settings.seniorManagerUserId();
      ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
      AtomicLong next = new AtomicLong();
      ConcurrentLinkedQueue<Long> deliveredAt = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
      long start = System.nanoTime();
      Instant windowStart = Instant.now();
      for (int w = 0; w < WORKERS; w++) {
        pool.submit(() -> {
          long i;
          while ((i = next.getAndIncrement()) < backlog && !Thread.currentThread().isInterrupted()) {
            CallEvent e = missedCall("naive", (int) i);
            try {
              naive.deliverMissedCall(e, BenchFixtures.phone(500_000 + (int) i), senior, pipeline);
              deliveredAt.add(System.nanoTime());
            } catch (InterruptedException ex) {
              return;
            } catch (Exception ex) {
              errors.add(ex);
            }
          }
        });
      }
      sleepUntil(start + TimeUnit.SECONDS.toNanos(seconds));
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
      long end = start + TimeUnit.SECONDS.toNanos(seconds);
      long delivered = deliveredAt.stream().filter(t -> t <= end).count();
      Result r = result(style.label, seconds, delivered, amo.requestLog(),
          windowStart, windowStart.plusSeconds(seconds));
      System.out.printf(Locale.ROOT, "%s: %d delivered in %d s; %d contacts, %d tasks in the"
          + " emulator; %d requests answered 404 (counted, not repeated); %d errors%s%n",
          style.label, delivered, seconds, amo.contacts().size(), amo.tasks().size(), naive.failed.get(),
          errors.size(), errors.isEmpty() ? "" : " (first: " + errors.peek() + ")");
      System.out.println(style.label + " requests in the window by endpoint: " + r.byEndpoint());
      print429s(amo.requestLog(), windowStart);
      return r;
    }
  }

  // --- shared -----------------------------------------------------------------------------

  private static AmoEmulator.Builder emulator(IntegrationSettings settings, int rate) {
    return AmoEmulator.builder().fromSettings(settings).rateLimit(rate).blockAfter(0);
  }

  /** The {@code i}-th call of the backlog: a new client's inbound call nobody answered. */
  static CallEvent missedCall(String prefix, int i) {
    return BenchFixtures.missedEnded(prefix + "-" + i, BenchFixtures.rawPhone(
        (prefix.equals("sdk") ? 100_000 : 500_000) + i));
  }

  private static Result result(String name, int seconds, long delivered, List<LoggedRequest> log,
      Instant from, Instant to) {
    long requests = 0;
    long throttled = 0;
    Map<String, Long> byEndpoint = new TreeMap<>();
    for (LoggedRequest r : log) {
      if (r.timestamp().isBefore(from) || r.timestamp().isAfter(to)) {
        continue;
      }
      requests++;
      if (r.status() == 429) {
        throttled++;
      }
      byEndpoint.merge(r.method() + " " + r.path().replaceAll("/\\d+", "/{id}"), 1L, Long::sum);
    }
    return new Result(name, seconds, delivered, requests, throttled, byEndpoint);
  }

  /** Each 429 with the requests around it, times relative to the window's start. */
  private static void print429s(List<LoggedRequest> log, Instant start) {
    int shown = 0;
    for (int i = 0; i < log.size() && shown < 5; i++) {
      if (log.get(i).status() != 429) {
        continue;
      }
      shown++;
      StringBuilder around = new StringBuilder();
      for (int j = Math.max(0, i - 8); j <= Math.min(log.size() - 1, i + 1); j++) {
        LoggedRequest r = log.get(j);
        around.append(String.format(Locale.ROOT, " %+d ms %s %d;",
            java.time.Duration.between(start, r.timestamp()).toMillis(), r.method(), r.status()));
      }
      System.out.println("  429 at request #" + i + ":" + around);
    }
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  private static double doubleArg(String[] args, String name, double fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        double v = Double.parseDouble(args[i + 1]);
        if (!(v > 0) || v > 1000) {
          throw new IllegalArgumentException(name + ": above 0, at most 1000");
        }
        return v;
      }
    }
    return fallback;
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        int v = Integer.parseInt(args[i + 1]);
        if (v < 1 || v > 600) {
          throw new IllegalArgumentException(name + ": 1 to 600");
        }
        return v;
      }
    }
    return fallback;
  }
}
