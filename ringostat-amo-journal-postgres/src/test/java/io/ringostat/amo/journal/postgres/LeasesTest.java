package io.ringostat.amo.journal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@link Leases} against a real PostgreSQL, each test in a schema of its own. */
class LeasesTest {
  static final Duration SHORT = Duration.ofSeconds(1);

  private final PostgresJournal.Options options =
      PostgresJournal.Options.builder().schema(TestDatabase.freshSchema()).build();
  private final Leases leases = Leases.open(TestDatabase.shared(), options);

  @Test
  void acquireRenewRelease() {
    String account = TestDatabase.freshAccount();
    Lease a = leases.acquire(account, "a", Leases.DEFAULT_TTL).orElseThrow();
    assertThat(a.fence()).isEqualTo(1);
    assertThat(a.ownerId()).isEqualTo("a");
    assertThat(a.expiresAt()).isAfter(leases.databaseNow().plusSeconds(10));

    Lease renewed = leases.renew(a).orElseThrow();
    assertThat(renewed.fence()).isEqualTo(1);
    assertThat(renewed.expiresAt()).isAfterOrEqualTo(a.expiresAt());

    assertThat(leases.release(renewed)).isTrue();
    assertThat(leases.release(renewed)).as("released twice").isFalse();
    assertThat(leases.renew(renewed)).as("a released lease is not renewed").isEmpty();
    assertThat(leases.acquire(account, "b", SHORT)).get().extracting(Lease::fence).isEqualTo(2L);
  }

  @Test
  void aLiveLeaseIsNotTaken() {
    String account = TestDatabase.freshAccount();
    leases.acquire(account, "a", Leases.DEFAULT_TTL).orElseThrow();
    assertThat(leases.acquire(account, "b", Leases.DEFAULT_TTL)).isEmpty();
    assertThat(leases.acquire(account, "a", Leases.DEFAULT_TTL)).as("not even by its owner")
        .isEmpty();
    assertThat(leases.claim("b", Leases.DEFAULT_TTL, 10)).isEmpty();
    assertThat(leases.claimable(10)).isEmpty();
  }

  @Test
  void afterExpiryTheNextOwnerTakesItWithTheNextFence() throws Exception {
    String account = TestDatabase.freshAccount();
    Lease a = leases.acquire(account, "a", SHORT).orElseThrow();
    awaitExpiry(leases, a);

    assertThat(leases.claimable(10)).containsExactly(account);
    assertThat(leases.renew(a)).as("an expired lease is not revived").isEmpty();
    Lease b = leases.acquire(account, "b", SHORT).orElseThrow();
    assertThat(b.fence()).isEqualTo(a.fence() + 1);
    assertThat(leases.release(a)).as("the stale owner cannot free the new lease").isFalse();
    assertThat(leases.renew(b)).isPresent();
  }

  @Test
  void claimersTakeDifferentAccountsAndEachOnce() throws Exception {
    int accounts = 30;
    for (int i = 0; i < accounts; i++) {
      leases.register("acc-" + i);
    }
    assertThat(leases.census()).isEqualTo(new Leases.Census(accounts, 0));
    int claimers = 3;
    ExecutorService threads = Executors.newFixedThreadPool(claimers);
    CyclicBarrier together = new CyclicBarrier(claimers);
    List<Future<List<Lease>>> got = new ArrayList<>();
    for (int t = 0; t < claimers; t++) {
      String owner = "owner-" + t;
      got.add(threads.submit(() -> {
        together.await();
        List<Lease> mine = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
          mine.addAll(leases.claim(owner, Leases.DEFAULT_TTL, 2));
        }
        return mine;
      }));
    }
    Set<String> taken = new HashSet<>();
    int total = 0;
    for (Future<List<Lease>> f : got) {
      for (Lease l : f.get()) {
        taken.add(l.accountId());
        assertThat(l.fence()).isEqualTo(1);
        total++;
      }
    }
    threads.shutdown();
    assertThat(total).as("no account claimed twice").isEqualTo(accounts);
    assertThat(taken).hasSize(accounts);
    assertThat(leases.census()).isEqualTo(new Leases.Census(accounts, claimers));
    assertThat(leases.census().fairShare(claimers)).isEqualTo(10);
  }

  @Test
  void argumentsAreChecked() {
    assertThatThrownBy(() -> leases.acquire("a", "", SHORT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("ownerId:");
    assertThatThrownBy(() -> leases.acquire("a", "o", Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("ttl:");
    assertThatThrownBy(() -> leases.claim("o", SHORT, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("max:");
  }

  /** Waits until the database's clock has passed the lease's expiry. */
  static void awaitExpiry(Leases leases, Lease lease) throws InterruptedException {
    while (!leases.databaseNow().isAfter(lease.expiresAt())) {
      Thread.sleep(50);
    }
  }
}
