package io.ringostat.amo.journal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.engine.testing.JournalContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** {@link LeaseKeeper}: renewals, losses, and accounts divided among processes. */
class LeaseKeeperTest {
  private static final Duration TTL = Duration.ofSeconds(2);
  private static final Duration EVERY = Duration.ofMillis(400);

  private final String schema = TestDatabase.freshSchema();
  private final PostgresJournal.Options options =
      PostgresJournal.Options.builder().schema(schema).build();
  private final Leases leases = Leases.open(TestDatabase.shared(), options);

  @Test
  void aKeptLeaseOutlivesItsTtl() throws Exception {
    String account = TestDatabase.freshAccount();
    try (LeaseKeeper keeper = keeper("a", false, new Recorder())) {
      keeper.start();
      Lease first = keeper.acquire(account).orElseThrow();
      assertThat(keeper.acquire(account)).contains(first);
      Thread.sleep(TTL.multipliedBy(2).toMillis());
      Lease now = keeper.held().get(account);
      assertThat(now.fence()).isEqualTo(first.fence());
      assertThat(now.expiresAt()).isAfter(first.expiresAt());
      assertThat(keeper.guard(now).held()).isTrue();
      assertThat(leases.acquire(account, "b", TTL)).isEmpty();
    }
    assertThat(leases.claimable(10)).as("closing released it").containsExactly(account);
  }

  @Test
  void aLostLeaseIsReportedAndItsGuardTurnsFalse() throws Exception {
    String account = TestDatabase.freshAccount();
    Recorder recorder = new Recorder();
    try (LeaseKeeper keeper = keeper("a", false, recorder)) {
      Lease lease = keeper.acquire(account).orElseThrow();
      BooleanSupplier guard = keeper.guard(lease);
      keeper.start();
      // Another process takes the account behind the keeper's back (as after a long pause).
      execute("UPDATE " + schema + ".accounts SET fence = fence + 1, lease_owner = 'intruder'"
          + " WHERE account = '" + account + "'");
      Recorder.Event lost = recorder.events.poll(10, TimeUnit.SECONDS);
      assertThat(lost).isEqualTo(new Recorder.Event("lost", account, LeaseKeeper.Loss.REFUSED));
      assertThat(guard.getAsBoolean()).isFalse();
      assertThat(keeper.held()).isEmpty();
    }
  }

  @Test
  void twoKeepersDivideTheAccountsEachHeldByOne() throws Exception {
    int accounts = 40;
    for (int i = 0; i < accounts; i++) {
      leases.register("acc-" + i);
    }
    try (LeaseKeeper a = keeper("a", true, new Recorder());
        LeaseKeeper b = keeper("b", true, new Recorder())) {
      a.start();
      b.start();
      awaitTrue(() -> a.held().size() + b.held().size() == accounts, Duration.ofSeconds(20));
      Thread.sleep(EVERY.multipliedBy(3).toMillis()); // a few more rounds change nothing
      Set<String> both = new HashSet<>(a.held().keySet());
      both.retainAll(b.held().keySet());
      assertThat(both).as("no account held by both").isEmpty();
      assertThat(a.held()).hasSize(accounts / 2);
      assertThat(b.held()).hasSize(accounts / 2);
      Map<String, String> owners = owners();
      a.held().keySet().forEach(acc -> assertThat(owners.get(acc)).isEqualTo("a"));
      b.held().keySet().forEach(acc -> assertThat(owners.get(acc)).isEqualTo("b"));
    }
  }

  @Test
  void aDeadProcessesAccountsAreTakenOverWithTheNextFence() throws Exception {
    int accounts = 10;
    List<Lease> dead = new java.util.ArrayList<>();
    for (int i = 0; i < accounts; i++) {
      dead.add(leases.acquire("acc-" + i, "dead", TTL).orElseThrow());
    }
    Recorder recorder = new Recorder();
    try (LeaseKeeper b = keeper("b", true, recorder)) {
      b.start();
      awaitTrue(() -> b.held().size() == accounts, Duration.ofSeconds(20));
      for (Lease l : dead) {
        assertThat(b.held().get(l.accountId()).fence()).isEqualTo(l.fence() + 1);
      }
      assertThat(recorder.events).hasSize(accounts)
          .allSatisfy(e -> assertThat(e.kind()).isEqualTo("acquired"));
    }
  }

  /**
   * With the default ttl and rounds: a process takes an account and dies (never renews); a keeper
   * with the defaults takes it over and writes. The keeper starts just before the lease is taken,
   * so its rounds fall just after the expiry: close to the worst case. Prints the takeover time,
   * lease expiry to the new owner's first committed write, by the database's clock.
   */
  @Test
  void takeoverTimeWithTheDefaults() throws Exception {
    String account = TestDatabase.freshAccount();
    BlockingQueue<Instant> firstWrite = new LinkedBlockingQueue<>();
    BlockingQueue<Lease> claimed = new LinkedBlockingQueue<>();
    LeaseKeeper.Listener host = new LeaseKeeper.Listener() {
      @Override
      public void acquired(Lease lease) {
        claimed.add(lease);
        try (PostgresJournal j = PostgresJournal.openFenced(TestDatabase.shared(), lease, options)) {
          j.append(JournalContract.event("c-1", CallPhase.RINGING), "k", JournalContract.T0);
        }
        firstWrite.add(leases.databaseNow());
      }
    };
    try (LeaseKeeper b = LeaseKeeper.builder(leases).ownerId("b").listener(host).build()) {
      b.start(); // its first round finds nothing to claim
      Thread.sleep(300);
      Lease deadLease = leases.acquire(account, "dead", Leases.DEFAULT_TTL).orElseThrow();
      Instant acquiredAt = leases.databaseNow();
      Instant wrote = firstWrite.poll(40, TimeUnit.SECONDS);
      assertThat(wrote).as("taken over").isNotNull();
      Duration afterExpiry = Duration.between(deadLease.expiresAt(), wrote);
      Duration afterDeath = Duration.between(acquiredAt, wrote);
      Lease taken = claimed.poll();
      Instant claimedAt = taken.expiresAt().minus(taken.ttl());
      System.out.printf("[takeover] defaults (ttl %s, rounds every %s): lease expiry -> claim %d ms"
              + ", claim -> first write (open the journal, append) %d ms, expiry -> first write"
              + " %d ms; last renewal of the dead owner -> first write %d ms%n",
          Leases.DEFAULT_TTL, LeaseKeeper.DEFAULT_RENEW_EVERY,
          Duration.between(deadLease.expiresAt(), claimedAt).toMillis(),
          Duration.between(claimedAt, wrote).toMillis(), afterExpiry.toMillis(),
          afterDeath.toMillis());
      assertThat(afterExpiry).isPositive()
          .isLessThan(LeaseKeeper.DEFAULT_RENEW_EVERY.plusSeconds(5));
      assertThat(afterDeath).isLessThan(Duration.ofSeconds(30));
    }
  }

  @Test
  void theBuilderChecksItsValues() {
    assertThatThrownBy(() -> LeaseKeeper.builder(leases).renewEvery(Duration.ofSeconds(10)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("renewEvery:");
    assertThatThrownBy(() -> LeaseKeeper.builder(leases).maxClaimsPerRound(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxClaimsPerRound:");
  }

  private LeaseKeeper keeper(String owner, boolean claim, LeaseKeeper.Listener listener) {
    return LeaseKeeper.builder(leases).ownerId(owner).ttl(TTL).renewEvery(EVERY).claim(claim)
        .maxClaimsPerRound(3).listener(listener).build();
  }

  private Map<String, String> owners() throws SQLException {
    Map<String, String> out = new HashMap<>();
    try (Connection c = TestDatabase.shared().getConnection();
        PreparedStatement p = c.prepareStatement(
            "SELECT account, lease_owner FROM " + schema + ".accounts");
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.put(r.getString(1), r.getString(2));
      }
    }
    return out;
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = TestDatabase.shared().getConnection();
        PreparedStatement p = c.prepareStatement(sql)) {
      p.executeUpdate();
    }
  }

  static void awaitTrue(BooleanSupplier condition, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + within);
      }
      Thread.sleep(20);
    }
  }

  /** Records the listener's calls. */
  static final class Recorder implements LeaseKeeper.Listener {
    record Event(String kind, String account, LeaseKeeper.Loss loss) {}

    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    @Override
    public void acquired(Lease lease) {
      events.add(new Event("acquired", lease.accountId(), null));
    }

    @Override
    public void lost(Lease lease, LeaseKeeper.Loss loss) {
      events.add(new Event("lost", lease.accountId(), loss));
    }
  }
}
