package io.ringostat.amo.micrometer;

import io.ringostat.amo.core.spi.GatewayMetrics;
import io.ringostat.amo.engine.EngineMetrics;
import io.ringostat.amo.engine.host.AccountState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One account's figures, read at most once per {@code ttl} however many meters ask (a scrape asks
 * about twenty times). Thread-safe: a racing reader may read twice, never a torn value.
 */
final class Snapshot {
  /** The figures of an account that is gone: zeros. */
  record Figures(EngineMetrics metrics, Optional<AccountState> state) {}

  private final String accountId;
  private final Source source;
  private final Clock clock;
  private final long ttlNanos;
  private final java.util.function.Consumer<EngineMetrics> onRead;
  private volatile Figures last;
  private volatile long readAt;

  Snapshot(String accountId, Source source, Clock clock, Duration ttl,
      java.util.function.Consumer<EngineMetrics> onRead) {
    this.onRead = onRead;
    this.accountId = accountId;
    this.source = source;
    this.clock = clock;
    this.ttlNanos = ttl.toNanos();
  }

  Figures get() {
    Figures f = last;
    long now = System.nanoTime();
    if (f == null || now - readAt >= ttlNanos) {
      Optional<EngineMetrics> m = source.metrics(accountId);
      // A removed account keeps its last counters, so that counters never go backwards.
      f = m.isPresent() ? new Figures(m.get(), source.state(accountId))
          : new Figures(f == null ? EMPTY : f.metrics(), Optional.empty());
      last = f;
      readAt = now;
      if (m.isPresent()) {
        onRead.accept(m.get());
      }
    }
    return f;
  }

  EngineMetrics metrics() {
    return get().metrics();
  }

  /** Seconds since the oldest pending event was received; 0 when none. */
  double oldestPendingSeconds() {
    Optional<Instant> oldest = metrics().oldestPending();
    return oldest.map(o -> Math.max(0, Duration.between(o, clock.instant()).toMillis() / 1000.0))
        .orElse(0.0);
  }

  long requests(GatewayMetrics.RequestKey key) {
    Map<GatewayMetrics.RequestKey, Long> by = metrics().gateway().requestsByEndpoint();
    return by.getOrDefault(key, 0L);
  }

  static final EngineMetrics EMPTY = new EngineMetrics(
      io.ringostat.amo.engine.EngineState.CLOSED, 0, 0, 0, 0, 0, 0, 0, 0,
      new io.ringostat.amo.engine.journal.JournalCounts(0, 0, 0, 0, 0, 0), GatewayMetrics.ZERO);
}
