package io.ringostat.amo.micrometer;

import static io.ringostat.amo.micrometer.RingostatMetrics.fleet;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.ringostat.amo.core.spi.GatewayMetrics.RequestKey;
import io.ringostat.amo.engine.EngineMetrics;
import io.ringostat.amo.engine.host.AccountState;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Totals over every account (prefix {@code ringostat.amo.fleet}, no {@code account} tag). Counters
 * of removed accounts are kept, so that totals never go backwards. Thread-safe.
 */
final class FleetMeters {
  private final MeterRegistry registry;
  private final Map<String, AccountMeters> accounts;
  private final RingostatMetrics.Config config;
  private final List<Meter> meters = new CopyOnWriteArrayList<>();
  private final Set<RequestKey> requestKeys = ConcurrentHashMap.newKeySet();
  /** Counters of removed accounts, by meter. */
  private final Map<Object, LongAdder> retired = new ConcurrentHashMap<>();
  private final Timer latency;

  FleetMeters(MeterRegistry registry, Map<String, AccountMeters> accounts,
      RingostatMetrics.Config config) {
    this.registry = registry;
    this.accounts = accounts;
    this.config = config;
    for (Outcome o : Outcome.values()) {
      meters.add(FunctionCounter.builder(fleet(RingostatMetrics.EVENTS), this,
              f -> f.sum(o, m -> o.count.applyAsLong(m)))
          .tag("outcome", o.tag()).baseUnit("events")
          .description("Call events of all accounts by outcome").register(registry));
    }
    counter(RingostatMetrics.DELIVERY_RETRIES, EngineMetrics::retries);
    counter(RingostatMetrics.REQUESTS_THROTTLED, m -> m.gateway().throttled());
    counter(RingostatMetrics.REQUESTS_RETRIES, m -> m.gateway().retries());
    counter(RingostatMetrics.RECONCILED, m -> m.reconciled() + m.gateway().reconciled());
    gauge(RingostatMetrics.EVENTS_PENDING,
        f -> f.live().stream().mapToLong(a -> a.snapshot.metrics().journal().pending()).sum());
    gauge(RingostatMetrics.EVENTS_QUEUED,
        f -> f.live().stream().mapToLong(a -> a.snapshot.metrics().queued()).sum());
    meters.add(TimeGauge.builder(fleet(RingostatMetrics.EVENTS_OLDEST_AGE), this,
            TimeUnit.SECONDS,
            f -> f.live().stream().mapToDouble(a -> a.snapshot.oldestPendingSeconds()).max()
                .orElse(0))
        .strongReference(true).description("Age of the oldest pending event of any account")
        .register(registry));
    for (AccountState st : AccountState.values()) {
      meters.add(Gauge.builder(fleet(RingostatMetrics.ACCOUNTS), this,
              f -> f.live().stream().filter(a -> a.snapshot.get().state().filter(st::equals)
                  .isPresent()).count())
          .tag("state", st.name().toLowerCase(Locale.ROOT)).strongReference(true)
          .description("Accounts by state").register(registry));
    }
    config.leases().ifPresent(owns -> gauge(RingostatMetrics.LEASE_OWNED,
        f -> f.live().stream().filter(a -> owns.test(a.account)).count()));
    latency = Timer.builder(fleet(RingostatMetrics.DELIVERY_LATENCY))
        .publishPercentileHistogram(config.percentileHistogram())
        .description("From journaling an event to its final outcome, all accounts")
        .register(registry);
    meters.add(latency);
  }

  void recordLatency(Duration d) {
    latency.record(d);
  }

  /** Registers the total of a new endpoint and status pair. */
  void request(RequestKey key) {
    if (requestKeys.add(key)) {
      meters.add(FunctionCounter.builder(fleet(RingostatMetrics.REQUESTS), this,
              f -> f.sum(key, m -> m.gateway().requestsByEndpoint().getOrDefault(key, 0L)))
          .tag("endpoint", key.endpoint()).tag("status", key.status()).baseUnit("requests")
          .description("Requests to amoCRM of all accounts by endpoint and status")
          .register(registry));
    }
  }

  /** Stops reading a removed account, keeping its counters in the totals. */
  synchronized void retire(String accountId) {
    AccountMeters a = accounts.remove(accountId);
    if (a == null) {
      return;
    }
    a.remove();
    EngineMetrics m = a.snapshot.metrics();
    for (Outcome o : Outcome.values()) {
      add(o, o.count.applyAsLong(m));
    }
    add(RingostatMetrics.DELIVERY_RETRIES, m.retries());
    add(RingostatMetrics.REQUESTS_THROTTLED, m.gateway().throttled());
    add(RingostatMetrics.REQUESTS_RETRIES, m.gateway().retries());
    add(RingostatMetrics.RECONCILED, m.reconciled() + m.gateway().reconciled());
    m.gateway().requestsByEndpoint().forEach(this::add);
  }

  void remove() {
    meters.forEach(registry::remove);
    meters.clear();
  }

  private Collection<AccountMeters> live() {
    return accounts.values();
  }

  private synchronized long sum(Object key, ToLongFunction<EngineMetrics> f) {
    long total = retired.getOrDefault(key, new LongAdder()).sum();
    for (AccountMeters a : accounts.values()) {
      total += f.applyAsLong(a.snapshot.metrics());
    }
    return total;
  }

  private void add(Object key, long n) {
    retired.computeIfAbsent(key, k -> new LongAdder()).add(n);
  }

  private void counter(String name, ToLongFunction<EngineMetrics> f) {
    meters.add(FunctionCounter.builder(fleet(name), this, x -> x.sum(name, f))
        .description("Total over all accounts, see " + name).register(registry));
  }

  private void gauge(String name, ToDoubleFunction<FleetMeters> f) {
    meters.add(Gauge.builder(fleet(name), this, f).strongReference(true)
        .description("Total over all accounts, see " + name).register(registry));
  }
}
