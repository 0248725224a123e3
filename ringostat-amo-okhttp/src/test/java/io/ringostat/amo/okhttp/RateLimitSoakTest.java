package io.ringostat.amo.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.okhttp.testing.CountingAmo;
import io.ringostat.amo.okhttp.testing.Effects;
import io.ringostat.amo.okhttp.testing.FakeTime;
import io.ringostat.amo.okhttp.testing.TestGateways;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's limiter test: 60 seconds of backlog at 7/s over real sockets against a server that counts each request
 * 0-150 ms after it arrived and answers 0-300 ms later (150 ± 150 ms), with a new connection per
 * request (cold connection set-up every time): not a single 429, and the throughput the limiter's
 * rule allows at that latency. Slow on purpose (about a minute); the rule itself is simulated on
 * fake time in {@code OccupancySimulationTest}.
 *
 * <p>{@code mvn verify} runs 15 s of it to keep CI short; {@code -Pbench} (or {@code
 * -Dringostat.soak.seconds=60}) runs the full 60 s: {@code mvn -Pbench -pl ringostat-amo-okhttp
 * test -Dtest=RateLimitSoakTest}.
 */
class RateLimitSoakTest {
  static final int RATE = 7;
  static final int COUNT_DELAY_MS = 150;
  static final int ANSWER_DELAY_MS = 300;
  static final Duration RUN = Duration.ofSeconds(
      Long.getLong("ringostat.soak.seconds", 60));

  @StartStop
  final MockWebServer server = new MockWebServer();

  @Test
  void sixtySecondsOfBacklogDrawNo429() throws Exception {
    long seed = Long.getLong("ringostat.soak.seed", System.nanoTime());
    CountingAmo amo = new CountingAmo(RATE, COUNT_DELAY_MS, ANSWER_DELAY_MS, seed);
    server.setDispatcher(amo);
    AmoRateLimiter account = AmoRateLimiter.perSecond(RATE); // real, monotonic time
    FakeTime time = new FakeTime(); // only for the gateways' own clocks and backoff
    List<AmoOkHttpGateway> gateways = List.of(
        TestGateways.builder(server, time).rateLimiter(account).build(),
        TestGateways.builder(server, time).rateLimiter(account).build());
    int threads = 12;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    long stop = start + RUN.toNanos();
    AtomicInteger failed = new AtomicInteger();
    List<Future<?>> runs = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      AmoOkHttpGateway g = gateways.get(t % gateways.size());
      runs.add(pool.submit(() -> {
        while (System.nanoTime() < stop) {
          try {
            g.lookup(Effects.PHONE, Set.of());
          } catch (AmoException e) {
            failed.incrementAndGet();
          }
        }
        return null;
      }));
    }
    for (Future<?> f : runs) {
      f.get(RUN.toSeconds() + 60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    double seconds = RUN.toNanos() / 1e9;
    int inRun = amo.countedBetween(start, stop);
    double utilisation = inRun / (RATE * seconds);
    // Each place is busy for latency + 1 s: mean latency 75 + 150 ms here, plus the client's
    // own share (connection set-up, scheduling; a loaded CI machine adds more).
    double bound = 1 / (1 + (COUNT_DELAY_MS + ANSWER_DELAY_MS) / 2 / 1000.0);
    System.out.printf("RateLimitSoakTest: %d requests counted in %.0f s = %.2f/s, utilisation %.1f %%"
            + " (rule's bound at this latency %.1f %%), busiest second %d, 429s %d of %d,"
            + " failed %d, seed %d%n", inRun, seconds, inRun / seconds, 100 * utilisation,
        100 * bound, amo.busiestSecond(), amo.tooMany(), amo.counted(), failed.get(), seed);

    assertThat(amo.tooMany()).as("429s (seed %d)", seed).isZero();
    assertThat(amo.busiestSecond()).isLessThanOrEqualTo(RATE);
    assertThat(failed.get()).isZero();
    assertThat(utilisation).as("utilisation").isGreaterThan(0.9 * bound);
  }
}
