package io.ringostat.amo.micrometer;

import static io.ringostat.amo.micrometer.RingostatMetrics.DELIVERY_LATENCY;
import static io.ringostat.amo.micrometer.RingostatMetrics.DELIVERY_RETRIES;
import static io.ringostat.amo.micrometer.RingostatMetrics.EVENTS;
import static io.ringostat.amo.micrometer.RingostatMetrics.EVENTS_OLDEST_AGE;
import static io.ringostat.amo.micrometer.RingostatMetrics.EVENTS_PENDING;
import static io.ringostat.amo.micrometer.RingostatMetrics.EVENTS_QUEUED;
import static io.ringostat.amo.micrometer.RingostatMetrics.LEASE_OWNED;
import static io.ringostat.amo.micrometer.RingostatMetrics.RECONCILED;
import static io.ringostat.amo.micrometer.RingostatMetrics.REQUESTS;
import static io.ringostat.amo.micrometer.RingostatMetrics.REQUESTS_RETRIES;
import static io.ringostat.amo.micrometer.RingostatMetrics.REQUESTS_THROTTLED;
import static io.ringostat.amo.micrometer.RingostatMetrics.STATE;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.ringostat.amo.core.spi.GatewayMetrics.RequestKey;
import io.ringostat.amo.engine.EngineMetrics;
import io.ringostat.amo.engine.host.AccountState;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * One account's figures and, when published, its meters (tag {@code account}). New endpoint and
 * status pairs are registered when a read first sees them. Thread-safe.
 */
final class AccountMeters {
  final String account;
  final Snapshot snapshot;
  private final MeterRegistry registry;
  private final boolean publish;
  private final Tags tags;
  private final Set<RequestKey> requestKeys = ConcurrentHashMap.newKeySet();
  private final List<Meter> meters = new CopyOnWriteArrayList<>();
  private final Optional<Timer> latency;

  AccountMeters(String account, Source source, MeterRegistry registry, RingostatMetrics.Config c,
      Consumer<RequestKey> fleetRequests) {
    this.account = account;
    this.registry = registry;
    this.publish = c.perAccount();
    this.tags = Tags.of("account", account);
    this.snapshot = new Snapshot(account, source, c.clock(), c.snapshotTtl(),
        m -> registerRequests(m, fleetRequests));
    if (!publish) {
      latency = Optional.empty();
      return;
    }
    for (Outcome o : Outcome.values()) {
      meters.add(FunctionCounter.builder(EVENTS, snapshot, s -> o.count.applyAsLong(s.metrics()))
          .tags(tags).tag("outcome", o.tag()).baseUnit("events")
          .description("Call events by outcome").register(registry));
    }
    counter(DELIVERY_RETRIES, EngineMetrics::retries, "Deliveries deferred for a retry");
    gauge(EVENTS_PENDING, s -> s.metrics().journal().pending(),
        "Events pending in the journal (queued in memory included)");
    gauge(EVENTS_QUEUED, s -> s.metrics().queued(), "Events queued in memory");
    meters.add(TimeGauge.builder(EVENTS_OLDEST_AGE, snapshot, TimeUnit.SECONDS,
        Snapshot::oldestPendingSeconds).tags(tags).strongReference(true)
        .description("Age of the oldest pending event; 0 when none").register(registry));
    counter(REQUESTS_THROTTLED, m -> m.gateway().throttled(), "429 answers from amoCRM");
    counter(REQUESTS_RETRIES, m -> m.gateway().retries(), "Requests sent again by the transport");
    counter(RECONCILED, m -> m.reconciled() + m.gateway().reconciled(),
        "Effects found already done in amoCRM after an unknown outcome");
    for (AccountState st : AccountState.values()) {
      meters.add(Gauge.builder(STATE, snapshot,
              s -> s.get().state().filter(st::equals).isPresent() ? 1 : 0)
          .tags(tags).tag("state", st.name().toLowerCase(Locale.ROOT)).strongReference(true)
          .description("1 for the account's current state, else 0").register(registry));
    }
    c.leases().ifPresent(owns -> gauge(LEASE_OWNED, s -> owns.test(account) ? 1 : 0,
        "1 while this process holds the account's lease, else 0"));
    Timer t = Timer.builder(DELIVERY_LATENCY).tags(tags)
        .description("From journaling an event to its final outcome").register(registry);
    meters.add(t);
    latency = Optional.of(t);
  }

  void recordLatency(Duration d) {
    latency.ifPresent(t -> t.record(d));
  }

  /** Removes this account's meters. */
  void remove() {
    meters.forEach(registry::remove);
    meters.clear();
  }

  private void registerRequests(EngineMetrics m, Consumer<RequestKey> fleetRequests) {
    for (RequestKey key : m.gateway().requestsByEndpoint().keySet()) {
      if (requestKeys.add(key)) {
        fleetRequests.accept(key);
        if (publish) {
          meters.add(FunctionCounter.builder(REQUESTS, snapshot, s -> s.requests(key)).tags(tags)
              .tag("endpoint", key.endpoint()).tag("status", key.status()).baseUnit("requests")
              .description("Requests to amoCRM by endpoint and status").register(registry));
        }
      }
    }
  }

  private void counter(String name, java.util.function.ToLongFunction<EngineMetrics> f,
      String description) {
    meters.add(FunctionCounter.builder(name, snapshot, s -> f.applyAsLong(s.metrics()))
        .tags(tags).description(description).register(registry));
  }

  private void gauge(String name, ToDoubleFunction<Snapshot> f, String description) {
    meters.add(Gauge.builder(name, snapshot, f).tags(tags).strongReference(true)
        .description(description).register(registry));
  }
}
