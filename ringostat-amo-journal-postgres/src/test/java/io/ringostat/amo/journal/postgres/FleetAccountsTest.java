package io.ringostat.amo.journal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.settings.AmoAccount;
import io.ringostat.amo.core.settings.AmoZone;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.host.AccountSpec;
import io.ringostat.amo.engine.host.AccountState;
import io.ringostat.amo.engine.host.IntegrationHost;
import io.ringostat.amo.engine.journal.OwnershipLostException;
import io.ringostat.amo.engine.testing.FakeAmoCrm;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two processes (two hosts, two pools, two keepers) share three accounts. The first one is
 * "frozen" (its database access blocks, as in a long GC pause or a lost network) long enough to
 * lose its leases; the second takes the accounts over. When the first one wakes up it cannot
 * write anymore, disowns the accounts, and nothing is applied twice.
 */
class FleetAccountsTest {
  static final long OLENA = 504141;
  static final long SENIOR = 504140;
  static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
  static final List<String> ACCOUNTS = List.of("f1", "f2", "f3");

  final String schema = TestDatabase.freshSchema();
  final PostgresJournal.Options options =
      PostgresJournal.Options.builder().schema(schema).build();
  final Map<String, FakeAmoCrm> crms = new ConcurrentHashMap<>();
  final Instant now = Instant.now();

  @Test
  @DisplayName("R-FLEET: a process that was merely slow and lost its leases cannot write"
      + " anymore; the new owner serves the accounts, each call applied once")
  void aSlowProcessLosesItsAccountsAndWritesNothing() throws Exception {
    for (String id : ACCOUNTS) {
      PostgresJournal.open(TestDatabase.shared(), id, options).close();
      crms.put(id, new FakeAmoCrm(FakeAmoCrm.catalog(KYIV, OLENA, SENIOR)));
    }
    CountDownLatch[] frozen = {new CountDownLatch(0)};
    DataSource slow = freezable(TestDatabase.shared(), () -> frozen[0]);
    try (IntegrationHost hostA = host();
        IntegrationHost hostB = host();
        FleetAccounts a = FleetAccounts.start(hostA, slow, keeper("A", slow), options,
            this::spec)) {
      await(() -> activeIn(hostA) == ACCOUNTS.size());
      assertThat(hostA.handle("f1", missed("c1", 1)).status())
          .isEqualTo(HandleResult.Status.DELIVERED);

      frozen[0] = new CountDownLatch(1); // A stops reaching the database
      CompletableFuture<HandleResult> stuck =
          CompletableFuture.supplyAsync(() -> hostA.handle("f2", missed("c2", 2)));
      try (FleetAccounts b = FleetAccounts.start(hostB, TestDatabase.shared(),
          keeper("B", TestDatabase.shared()), options, this::spec)) {
        await(() -> activeIn(hostB) == ACCOUNTS.size()); // after A's leases expired
        assertThat(hostB.handle("f1", missed("c3", 3)).status())
            .isEqualTo(HandleResult.Status.DELIVERED);

        frozen[0].countDown(); // A wakes up
        assertThat(stuck).failsWithin(Duration.ofSeconds(20)).withThrowableThat()
            .havingRootCause().isInstanceOf(LeaseLostException.class);
        await(() -> ACCOUNTS.stream()
            .allMatch(id -> hostA.state(id) == AccountState.NOT_OWNED));
        assertThatThrownBy(() -> hostA.handle("f3", missed("c4", 4)))
            .isInstanceOf(OwnershipLostException.class);
        assertThat(a.owns("f1")).isFalse();
        assertThat(b.owns("f1")).isTrue();

        // The caller hands the refused call to the new owner.
        assertThat(hostB.handle("f2", missed("c2", 2)).status())
            .isEqualTo(HandleResult.Status.DELIVERED);
        assertThat(crms.get("f1").dealCount()).as("c1 by A, c3 by B").isEqualTo(2);
        assertThat(crms.get("f2").dealCount()).as("c2 once, by B").isEqualTo(1);
        assertThat(crms.get("f3").dealCount()).isZero();
      }
    } finally {
      frozen[0].countDown();
    }
  }

  private AccountSpec spec(String id, io.ringostat.amo.engine.journal.Journal journal) {
    return new AccountSpec(id, settings(id), crms.get(id), journal);
  }

  private static IntegrationHost host() {
    return IntegrationHost.builder().workers(4)
        .engineOptions(b -> b.handleTimeout(Duration.ofSeconds(10))
            .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(100)))
        .build();
  }

  private LeaseKeeper.Builder keeper(String owner, DataSource dataSource) {
    return LeaseKeeper.builder(Leases.open(dataSource, options))
        .ownerId(owner + "-" + schema).ttl(Duration.ofSeconds(2))
        .renewEvery(Duration.ofMillis(500));
  }

  private static long activeIn(IntegrationHost host) {
    return host.accounts().stream().filter(id -> host.state(id) == AccountState.ACTIVE).count();
  }

  /** {@code target}, whose connections wait while the current latch is closed. */
  private static DataSource freezable(DataSource target,
      java.util.function.Supplier<CountDownLatch> gate) {
    return (DataSource) Proxy.newProxyInstance(FleetAccountsTest.class.getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, m, args) -> {
          if (m.getName().equals("getConnection")) {
            gate.get().await(30, TimeUnit.SECONDS);
          }
          try {
            return m.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private static IntegrationSettings settings(String subdomain) {
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

  private CallEvent missed(String callId, long phone) {
    return CallEvent.builder().callId(callId).phase(CallPhase.ENDED)
        .direction(CallDirection.INBOUND).disposition(Disposition.NO_ANSWER)
        .clientPhone("+380" + (440_000_000L + phone)).startedAt(now)
        .endedAt(now.plusSeconds(20)).build();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met in 30 s");
      }
      Thread.sleep(20);
    }
  }
}
