package io.ringostat.amo.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.settings.AmoAccount;
import io.ringostat.amo.core.settings.AmoZone;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.spi.AmoCrm;
import io.ringostat.amo.core.spi.GatewayMetrics;
import io.ringostat.amo.engine.EngineListener;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.host.AccountSpec;
import io.ringostat.amo.engine.host.IntegrationHost;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.engine.testing.FakeAmoCrm;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The binder over a host and over one engine, read from a {@link SimpleMeterRegistry}. */
class RingostatMetricsTest {
  static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
  static final long OLENA = 504141;
  static final long SENIOR = 504140;

  final MeterRegistry registry = new SimpleMeterRegistry();
  final IntegrationHost host = IntegrationHost.builder().workers(2)
      .engineOptions(b -> b.retryBackoff(Duration.ofMillis(5), Duration.ofMillis(20)))
      .build();
  final Set<String> leased = ConcurrentHashMap.newKeySet();
  final Instant now = Instant.now();
  final AtomicLong phones = new AtomicLong();

  @AfterEach
  void close() {
    host.close();
  }

  @Test
  @DisplayName("R-OBS: outcomes, requests, state, leases and latency per account and in total")
  void hostAccounts() {
    FakeAmoCrm a = crm();
    FakeAmoCrm b = crm();
    host.add(spec("a", a));
    RingostatMetrics metrics = RingostatMetrics.builder().leases(leased::contains)
        .snapshotTtl(Duration.ZERO).bind(host, registry);
    host.add(spec("b", b)); // added after binding
    leased.add("a");

    CallEvent first = missed("c1");
    assertThat(host.handle("a", first).status()).isEqualTo(HandleResult.Status.DELIVERED);
    assertThat(host.handle("a", first).status()).isEqualTo(HandleResult.Status.DUPLICATE);
    assertThat(host.handle("b", missed("c2")).status()).isEqualTo(HandleResult.Status.DELIVERED);
    await(() -> registry.find(RingostatMetrics.DELIVERY_LATENCY).tag("account", "b").timer()
        .count() == 1);

    assertThat(counter(RingostatMetrics.EVENTS, "account", "a", "outcome", "delivered"))
        .isEqualTo(1);
    assertThat(counter(RingostatMetrics.EVENTS, "account", "a", "outcome", "duplicate"))
        .isEqualTo(1);
    assertThat(counter("ringostat.amo.fleet.events", "outcome", "delivered")).isEqualTo(2);
    assertThat(gauge(RingostatMetrics.STATE, "account", "a", "state", "active")).isEqualTo(1);
    assertThat(gauge(RingostatMetrics.STATE, "account", "a", "state", "broken")).isEqualTo(0);
    assertThat(gauge("ringostat.amo.fleet.accounts", "state", "active")).isEqualTo(2);
    assertThat(gauge(RingostatMetrics.LEASE_OWNED, "account", "a")).isEqualTo(1);
    assertThat(gauge(RingostatMetrics.LEASE_OWNED, "account", "b")).isEqualTo(0);
    assertThat(registry.get(RingostatMetrics.DELIVERY_LATENCY).tag("account", "a").timer()
        .count()).isEqualTo(1);
    assertThat(registry.get("ringostat.amo.fleet.delivery.latency").timer().count())
        .isEqualTo(2);
    // The counting port names each request by its method: lookup, createComplex, ...
    assertThat(counter(RingostatMetrics.REQUESTS, "account", "a", "endpoint", "lookup",
        "status", "200")).isGreaterThanOrEqualTo(1);
    assertThat(counter("ringostat.amo.fleet.requests", "endpoint", "lookup", "status", "200"))
        .isGreaterThanOrEqualTo(2);

    host.pause("b");
    host.handle("b", missed("c3"));
    assertThat(gauge(RingostatMetrics.STATE, "account", "b", "state", "paused")).isEqualTo(1);
    assertThat(gauge(RingostatMetrics.EVENTS_PENDING, "account", "b")).isEqualTo(1);
    assertThat(counter(RingostatMetrics.EVENTS, "account", "b", "outcome", "deferred"))
        .isEqualTo(1);
    assertThat(registry.get(RingostatMetrics.EVENTS_OLDEST_AGE).tag("account", "b").timeGauge()
        .value(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(0);

    a.revokeToken();
    host.handle("a", missed("c4"));
    assertThat(gauge(RingostatMetrics.STATE, "account", "a", "state", "broken")).isEqualTo(1);
    assertThat(gauge("ringostat.amo.fleet.accounts", "state", "broken")).isEqualTo(1);

    host.remove("a");
    assertThat(registry.find(RingostatMetrics.EVENTS).tag("account", "a").meters()).isEmpty();
    assertThat(counter("ringostat.amo.fleet.events", "outcome", "delivered"))
        .as("totals keep a removed account's counts").isEqualTo(2);

    for (Meter m : registry.getMeters()) {
      for (Tag t : m.getId().getTags()) {
        assertThat(t.getValue()).as("no phone digits in tags").doesNotContain("38044");
      }
    }
    metrics.close();
    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  @DisplayName("R-OBS: totals only, no account tag, for large fleets")
  void totalsOnly() {
    host.add(spec("a", crm()));
    RingostatMetrics.builder().perAccount(false).bind(host, registry);
    host.handle("a", missed("c1"));
    assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getTag("account"))
        .isNull());
    assertThat(counter("ringostat.amo.fleet.events", "outcome", "delivered")).isEqualTo(1);
  }

  @Test
  @DisplayName("R-OBS: one engine, with latency through its listener")
  void oneEngine() {
    IntegrationEngine engine = IntegrationEngine.builder().settings(settings("solo")).amo(crm())
        .listener(RingostatMetrics.latencyListener("solo", registry, EngineListener.NONE))
        .build();
    try (engine) {
      engine.activate();
      RingostatMetrics.builder().snapshotTtl(Duration.ZERO).bind("solo", engine, registry);
      assertThat(engine.handle(missed("c1")).status()).isEqualTo(HandleResult.Status.DELIVERED);
      await(() -> registry.get(RingostatMetrics.DELIVERY_LATENCY).tag("account", "solo").timer()
          .count() == 1);
      assertThat(counter(RingostatMetrics.EVENTS, "account", "solo", "outcome", "delivered"))
          .isEqualTo(1);
      assertThat(gauge(RingostatMetrics.STATE, "account", "solo", "state", "active"))
          .isEqualTo(1);
    }
  }

  // --- fixtures -------------------------------------------------------------------------------

  double counter(String name, String... tags) {
    return registry.get(name).tags(tags).functionCounter().count();
  }

  double gauge(String name, String... tags) {
    return registry.get(name).tags(tags).gauge().value();
  }

  static FakeAmoCrm crm() {
    return new FakeAmoCrm(FakeAmoCrm.catalog(KYIV, OLENA, SENIOR));
  }

  /** {@code crm} counting its requests by method name as the endpoint, all answered 200. */
  static AmoCrm counting(FakeAmoCrm crm) {
    Map<GatewayMetrics.RequestKey, Long> counts = new ConcurrentHashMap<>();
    return (AmoCrm) Proxy.newProxyInstance(AmoCrm.class.getClassLoader(),
        new Class<?>[] {AmoCrm.class}, (proxy, method, args) -> {
          if (method.getName().equals("metrics")) {
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            return new GatewayMetrics(total, 0, 0, 0, counts);
          }
          if (method.getDeclaringClass() == Object.class) {
            return method.invoke(crm, args);
          }
          if (!method.getName().equals("useCredentials")) {
            counts.merge(new GatewayMetrics.RequestKey(method.getName(), "200"), 1L, Long::sum);
          }
          try {
            return method.invoke(crm, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  static AccountSpec spec(String id, FakeAmoCrm crm) {
    return new AccountSpec(id, settings("acc" + id), counting(crm), new InMemoryJournal());
  }

  static IntegrationSettings settings(String subdomain) {
    return IntegrationSettings.builder()
        .account(AmoAccount.builder().subdomain(subdomain).zone(AmoZone.AMOCRM_RU).timeZone(KYIV)
            .build())
        .addEmployee(Employee.builder().code("101").name("Olena").addSipLogin("olena")
            .amoUserId(OLENA).build())
        .addEmployee(Employee.builder().code("100").name("Iryna").addSipLogin("iryna")
            .amoUserId(SENIOR).build())
        .seniorManagerUserId(SENIOR)
        .build();
  }

  CallEvent missed(String callId) {
    return CallEvent.builder().callId(callId).phase(CallPhase.ENDED)
        .direction(CallDirection.INBOUND).disposition(Disposition.NO_ANSWER)
        .clientPhone("+38044" + (1_000_000 + phones.incrementAndGet())).startedAt(now)
        .endedAt(now.plusSeconds(20)).build();
  }

  static void await(BooleanSupplier done) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
