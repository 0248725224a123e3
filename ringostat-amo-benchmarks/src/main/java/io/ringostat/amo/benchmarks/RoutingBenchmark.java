package io.ringostat.amo.benchmarks;

import io.ringostat.amo.engine.ActivationResult;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.core.routing.RoutingDecision;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.RoutingSettings;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Smart routing through the public entry point, {@link IntegrationEngine#route(String)}, with an
 * instant {@link CountingGateway}: latency distribution (SampleTime: p50, p99, p99.9) of a cache
 * hit (target: p99 under 50 µs) and of a miss (a new phone every call: one lookup on the
 * engine's lookup pool, within the budget). The phone arrives as the PBX reports it, so
 * normalization is included. At the end of each trial the number of gateway lookups per routed
 * call is printed: 0 for hits after the warm-up fill, exactly 1 for misses. {@link
 * #main(String[])} first runs {@link #checkMissCost()} without JMH.
 *
 * <pre>{@code
 * java -jar ringostat-amo-benchmarks/target/benchmarks.jar RoutingBenchmark
 * java -cp ringostat-amo-benchmarks/target/benchmarks.jar io.ringostat.amo.benchmarks.RoutingBenchmark
 * }</pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoutingBenchmark {
  /** Phones in the cache during the hit benchmark. */
  static final int CACHED_PHONES = 1_000;

  /** An active engine over a counting gateway; a cache TTL that outlives the run. */
  @State(Scope.Benchmark)
  public static class Engine {
    IntegrationEngine engine;
    CountingGateway gateway;
    String[] cachedPhones;
    final AtomicInteger nextHit = new AtomicInteger();
    final AtomicInteger nextMiss = new AtomicInteger(CACHED_PHONES);
    long lookupsAfterFill;

    @Setup(Level.Trial)
    public void start() {
      Started s = startEngine();
      engine = s.engine();
      gateway = s.gateway();
      cachedPhones = new String[CACHED_PHONES];
      for (int i = 0; i < CACHED_PHONES; i++) {
        cachedPhones[i] = BenchFixtures.rawPhone(i);
        RoutingDecision d = engine.route(cachedPhones[i]);
        if (!d.routes() || d.fromCache()) {
          throw new IllegalStateException("fill: expected a fresh route, got " + d);
        }
      }
      lookupsAfterFill = gateway.lookups.get();
    }

    @TearDown(Level.Trial)
    public void stop() {
      long hits = nextHit.get();
      long misses = nextMiss.get() - CACHED_PHONES;
      long lookups = gateway.lookups.get() - lookupsAfterFill;
      System.out.printf(Locale.ROOT, "%n[routing] after the fill: %,d hit calls, %,d miss calls,"
          + " %,d gateway lookups (%.3f lookups per miss)%n", hits, misses, lookups,
          misses == 0 ? 0.0 : (double) lookups / misses);
      engine.close();
    }
  }

  record Started(IntegrationEngine engine, CountingGateway gateway) {}

  static Started startEngine() {
    IntegrationSettings demo = BenchFixtures.settings("RECOMMENDED");
    IntegrationSettings settings = IntegrationSettings.builder().from(demo)
        .routing(RoutingSettings.builder().from(demo.routing()).cacheTtl(Duration.ofHours(1))
            .cacheSize(1_000_000).build())
        .build();
    CountingGateway gateway = new CountingGateway(BenchFixtures.catalogFor(settings));
    IntegrationEngine engine = IntegrationEngine.builder().settings(settings).amo(gateway)
        .build();
    ActivationResult r = engine.activate();
    if (!r.isActive()) {
      throw new IllegalStateException("the engine did not activate: " + r);
    }
    return new Started(engine, gateway);
  }

  @Benchmark
  public RoutingDecision routeCacheHit(Engine e) {
    int i = e.nextHit.getAndIncrement();
    RoutingDecision d = e.engine.route(e.cachedPhones[i % CACHED_PHONES]);
    if (!d.fromCache()) {
      throw new IllegalStateException("expected a cache hit: " + d);
    }
    return d;
  }

  @Benchmark
  public RoutingDecision routeMiss(Engine e) {
    RoutingDecision d = e.engine.route(BenchFixtures.rawPhone(e.nextMiss.getAndIncrement()));
    if (d.fromCache() || !d.routes()) {
      throw new IllegalStateException("expected a routed miss: " + d);
    }
    return d;
  }

  /**
   * Checks without JMH that a miss costs exactly one gateway lookup and a repeated call none,
   * and prints the result; throws when it does not hold.
   */
  static void checkMissCost() {
    Started s = startEngine();
    try (IntegrationEngine engine = s.engine()) {
      CountingGateway g = s.gateway();
      long before = g.lookups.get();
      RoutingDecision miss = engine.route("+380 67 765-43-21");
      long afterMiss = g.lookups.get();
      RoutingDecision hit = engine.route("0677654321");
      long afterHit = g.lookups.get();
      System.out.printf("[routing check] miss: %d lookup(s), routed=%s fromCache=%s;"
          + " repeat (another format of the same number): %d lookup(s), fromCache=%s%n",
          afterMiss - before, miss.routes(), miss.fromCache(), afterHit - afterMiss,
          hit.fromCache());
      if (afterMiss - before != 1 || afterHit != afterMiss || !hit.fromCache()) {
        throw new IllegalStateException("a miss must cost exactly one lookup and a hit none");
      }
    }
  }

  public static void main(String[] args) throws RunnerException {
    checkMissCost();
    new Runner(new OptionsBuilder().include(RoutingBenchmark.class.getSimpleName()).build())
        .run();
  }
}
