package io.ringostat.amo.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.Tags;
import io.ringostat.amo.engine.Alert;
import io.ringostat.amo.engine.EngineListener;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.host.HostListener;
import io.ringostat.amo.engine.host.IntegrationHost;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports an {@link IntegrationHost}'s accounts, or one {@link IntegrationEngine}, to a Micrometer
 * {@link MeterRegistry} (R-OBS): events by outcome, pending events and the age of the oldest,
 * requests by endpoint and status, 429s, retries, reconciliations, state, lease ownership and the
 * latency from journaling an event to its outcome. Each figure exists per account (tag {@code
 * account}) and in total ({@code ringostat.amo.fleet.*}, no account tag); the module's README
 * lists every meter. Tags never carry phone numbers or secrets: only the account id, an outcome,
 * a state, an endpoint template ({@code PATCH /api/v4/leads/{id}}) and an HTTP status.
 *
 * <pre>{@code
 * RingostatMetrics metrics = RingostatMetrics.bind(host, registry);
 * // ... on shutdown
 * metrics.close();
 * }</pre>
 *
 * <p><b>Cost.</b> Meters read the engines' counters, at most once per account per {@code
 * snapshotTtl} (default 1 s); reading costs one journal count and one journal read per account.
 * Per account there are 19 meters (20 with leases) plus one per endpoint and status seen: for
 * thousands of accounts, consider {@link Builder#perAccount(boolean) perAccount(false)} (totals
 * only).
 *
 * <p><b>Lifecycle.</b> Accounts added to the host later get their meters when added; removed ones
 * lose theirs (totals keep their counts). {@link #close()} removes every meter and stops
 * listening. Thread-safe.
 */
public final class RingostatMetrics implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RingostatMetrics.class);
  static final String PREFIX = "ringostat.amo.";

  /** Counter: call events by {@code outcome}. */
  public static final String EVENTS = "ringostat.amo.events";
  /** Gauge: events pending in the journal (those queued in memory included). */
  public static final String EVENTS_PENDING = "ringostat.amo.events.pending";
  /** Gauge: events queued in memory. */
  public static final String EVENTS_QUEUED = "ringostat.amo.events.queued";
  /** Time gauge (seconds): age of the oldest pending event; 0 when none. */
  public static final String EVENTS_OLDEST_AGE = "ringostat.amo.events.pending.oldest.age";
  /** Counter: deliveries deferred for a retry after a transient failure. */
  public static final String DELIVERY_RETRIES = "ringostat.amo.delivery.retries";
  /** Timer: from journaling an event to its final outcome. */
  public static final String DELIVERY_LATENCY = "ringostat.amo.delivery.latency";
  /** Counter: requests to amoCRM by {@code endpoint} and {@code status}. */
  public static final String REQUESTS = "ringostat.amo.requests";
  /** Counter: 429 answers. */
  public static final String REQUESTS_THROTTLED = "ringostat.amo.requests.throttled";
  /** Counter: requests sent again by the transport. */
  public static final String REQUESTS_RETRIES = "ringostat.amo.requests.retries";
  /** Counter: effects found already done in amoCRM after an unknown outcome. */
  public static final String RECONCILED = "ringostat.amo.effects.reconciled";
  /** Gauge: 1 for the account's current {@code state}, 0 for the others. */
  public static final String STATE = "ringostat.amo.state";
  /** Gauge: 1 while this process holds the account's lease (only with {@code leases}). */
  public static final String LEASE_OWNED = "ringostat.amo.lease.owned";
  /** Gauge (totals only): accounts by {@code state}. */
  public static final String ACCOUNTS = "ringostat.amo.accounts";

  private final Source source;
  private final MeterRegistry registry;
  private final Config config;
  private final Map<String, AccountMeters> accounts = new ConcurrentHashMap<>();
  private final FleetMeters fleet;
  private final AutoCloseable subscription;
  private volatile boolean closed;

  /** What the builder chose. */
  record Config(boolean perAccount, Optional<Predicate<String>> leases, Duration snapshotTtl,
      Clock clock, boolean percentileHistogram) {}

  private RingostatMetrics(Source source, MeterRegistry registry, Config config) {
    this.source = source;
    this.registry = registry;
    this.config = config;
    this.fleet = new FleetMeters(registry, accounts, config);
    this.subscription = source.subscribe(new Updates());
    source.accounts().forEach(this::added);
  }

  /** Binds every account of {@code host} with the default options. */
  public static RingostatMetrics bind(IntegrationHost host, MeterRegistry registry) {
    return builder().bind(host, registry);
  }

  /**
   * Binds one engine as account {@code accountId}. Its latency comes only through {@link
   * #latencyListener}, given to the engine's builder.
   */
  public static RingostatMetrics bind(String accountId, IntegrationEngine engine,
      MeterRegistry registry) {
    return builder().bind(accountId, engine, registry);
  }

  /**
   * An engine listener that records {@value #DELIVERY_LATENCY} (and its fleet total) for
   * account {@code accountId} in {@code registry}, then calls {@code delegate}: for an engine
   * bound with {@link #bind(String, IntegrationEngine, MeterRegistry)}.
   */
  public static EngineListener latencyListener(String accountId, MeterRegistry registry,
      EngineListener delegate) {
    Timer account = Timer.builder(DELIVERY_LATENCY).tags(Tags.of("account", accountId))
        .register(registry);
    Timer all = Timer.builder(fleet(DELIVERY_LATENCY)).register(registry);
    return new EngineListener() {
      @Override
      public void outcome(HandleResult result) {
        delegate.outcome(result);
      }

      @Override
      public void alert(Alert alert) {
        delegate.alert(alert);
      }

      @Override
      public void finished(HandleResult result, Duration sinceJournaled) {
        account.record(sinceJournaled);
        all.record(sinceJournaled);
        delegate.finished(result, sinceJournaled);
      }
    };
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Removes every meter this binding registered and stops listening. Idempotent. */
  @Override
  public void close() {
    closed = true;
    try {
      subscription.close();
    } catch (Exception e) {
      LOG.debug("unsubscribing failed", e);
    }
    accounts.values().forEach(AccountMeters::remove);
    accounts.clear();
    fleet.remove();
  }

  /** The name of the total of meter {@code name}: {@code ringostat.amo.fleet.*}. */
  static String fleet(String name) {
    return PREFIX + "fleet." + name.substring(PREFIX.length());
  }

  private void added(String accountId) {
    if (!closed) {
      accounts.computeIfAbsent(accountId,
          id -> new AccountMeters(id, source, registry, config, fleet::request));
    }
  }

  /** Follows the host: accounts added and removed, latencies. */
  private final class Updates implements HostListener {
    @Override
    public void added(String accountId) {
      RingostatMetrics.this.added(accountId);
    }

    @Override
    public void removed(String accountId) {
      fleet.retire(accountId);
    }

    @Override
    public void finished(String accountId, HandleResult result, Duration sinceJournaled) {
      AccountMeters a = accounts.get(accountId);
      if (a != null) {
        a.recordLatency(sinceJournaled);
      }
      fleet.recordLatency(sinceJournaled);
    }
  }

  /** Options of a binding. Not thread-safe. */
  public static final class Builder {
    private boolean perAccount = true;
    private Optional<Predicate<String>> leases = Optional.empty();
    private Duration snapshotTtl = Duration.ofSeconds(1);
    private Clock clock = Clock.systemUTC();
    private boolean percentileHistogram;

    private Builder() {}

    /** Meters per account (tag {@code account}) as well as totals; default true. */
    public Builder perAccount(boolean value) {
      this.perAccount = value;
      return this;
    }

    /**
     * Whether this process holds an account's lease (R-FLEET, set by whoever runs the leases);
     * adds {@value RingostatMetrics#LEASE_OWNED}. Called on every scrape: must be fast.
     */
    public Builder leases(Predicate<String> ownsLease) {
      this.leases = Optional.of(ownsLease);
      return this;
    }

    /** How long an account's figures are reused between reads; default 1 s. */
    public Builder snapshotTtl(Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException("snapshotTtl: not negative");
      }
      this.snapshotTtl = value;
      return this;
    }

    /** The clock the age of the oldest pending event is measured with; default UTC system. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Publishes a percentile histogram of the total latency; default false. */
    public Builder percentileHistogram(boolean value) {
      this.percentileHistogram = value;
      return this;
    }

    public RingostatMetrics bind(IntegrationHost host, MeterRegistry registry) {
      return new RingostatMetrics(new HostSource(Objects.requireNonNull(host, "host")),
          Objects.requireNonNull(registry, "registry"), config());
    }

    public RingostatMetrics bind(String accountId, IntegrationEngine engine,
        MeterRegistry registry) {
      return new RingostatMetrics(new EngineSource(Objects.requireNonNull(accountId, "accountId"),
          Objects.requireNonNull(engine, "engine")), Objects.requireNonNull(registry, "registry"),
          config());
    }

    private Config config() {
      return new Config(perAccount, leases, snapshotTtl, clock, percentileHistogram);
    }
  }
}
