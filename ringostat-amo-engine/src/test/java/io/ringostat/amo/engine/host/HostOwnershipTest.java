package io.ringostat.amo.engine.host;

import static io.ringostat.amo.engine.host.HostFixtures.crm;
import static io.ringostat.amo.engine.host.HostFixtures.missed;
import static io.ringostat.amo.engine.host.HostFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.engine.Alert;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.engine.journal.Journal;
import io.ringostat.amo.engine.journal.OwnershipLostException;
import io.ringostat.amo.engine.testing.FakeAmoCrm;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R-FLEET: what a host does when another process takes an account over. A fenced journal (here a
 * stand-in that refuses writes once "fenced", as the PostgreSQL journal does after a takeover)
 * refuses a write; the host stops serving the account at once and resumes it when given a new
 * lease.
 */
class HostOwnershipTest {
  final List<String> events = new CopyOnWriteArrayList<>();
  final IntegrationHost host = IntegrationHost.builder().workers(4)
      .engineOptions(b -> b.retryBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
          .handleTimeout(Duration.ofSeconds(10)))
      .listener(new HostListener() {
        @Override
        public void alert(String accountId, Alert alert) {
          events.add(accountId + ":" + alert.kind());
        }

        @Override
        public void ownership(String accountId, boolean owned) {
          events.add(accountId + ":owned=" + owned);
        }
      })
      .build();
  final Instant now = Instant.now();

  @AfterEach
  void close() {
    host.close();
  }

  @Test
  @DisplayName("R-FLEET: a refused journal write stops the account: NOT_OWNED, an alert, nothing"
      + " more sent; a new lease resumes its pending events in order")
  void lostLeaseStopsTheAccountAndATakeOverResumesIt() throws Exception {
    InMemoryJournal rows = new InMemoryJournal();
    AtomicBoolean fenced = new AtomicBoolean();
    FakeAmoCrm crm = crm();
    FakeAmoCrm other = crm();
    host.add(new AccountSpec("a", settings("a"), crm, fenceable(rows, fenced)));
    host.add(HostFixtures.spec("b", other));
    assertThat(host.handle("a", missed("c0", 1, now)).status())
        .isEqualTo(HandleResult.Status.DELIVERED);

    // Three calls are journaled while amoCRM hangs; then another process takes the account over.
    crm.lookupGate = new CountDownLatch(1);
    for (int i = 1; i <= 3; i++) {
      host.handleAsync("a", missed("c" + i, 10 + i, now.plusSeconds(i)));
    }
    fenced.set(true);
    crm.lookupGate.countDown();

    await(() -> events.contains("a:owned=false"));
    assertThat(host.state("a")).isEqualTo(AccountState.NOT_OWNED);
    assertThat(events).containsSubsequence("a:OWNERSHIP_LOST", "a:owned=false");
    assertThat(crm.dealCount()).as("nothing sent after the lease was lost").isEqualTo(1);
    assertThat(rows.counts().pending()).as("the calls stay pending for the new owner")
        .isEqualTo(3);
    assertThatThrownBy(() -> host.handle("a", missed("c9", 19, now)))
        .isInstanceOf(OwnershipLostException.class).hasMessageContaining("'a'");
    assertThat(host.handle("b", missed("x1", 50, now)).status())
        .as("the other account is untouched").isEqualTo(HandleResult.Status.DELIVERED);
    assertThat(host.state("b")).isEqualTo(AccountState.ACTIVE);

    // This process gets the lease again: a new fenced journal over the same rows.
    assertThat(host.takeOver(new AccountSpec("a", settings("a"), crm,
        fenceable(rows, new AtomicBoolean()))).isActive()).isTrue();
    await(() -> rows.counts().pending() == 0);
    assertThat(host.state("a")).isEqualTo(AccountState.ACTIVE);
    assertThat(crm.dealCount()).as("each pending call applied once").isEqualTo(4);
    assertThat(events).endsWith("a:owned=true");
    assertThat(host.handle("a", missed("c4", 14, now)).status())
        .isEqualTo(HandleResult.Status.DELIVERED);
  }

  @Test
  @DisplayName("R-FLEET: disown on the keeper's word; pause and settings wait for the next lease")
  void disownedByTheLeaseKeeper() {
    FakeAmoCrm crm = crm();
    host.add(HostFixtures.spec("a", crm));
    host.disown("a", "lease lost: REFUSED");
    host.disown("a", "again"); // nothing more
    assertThat(host.state("a")).isEqualTo(AccountState.NOT_OWNED);
    assertThat(events).containsExactly("a:OWNERSHIP_LOST", "a:owned=false");
    assertThat(host.update("a", settings("a")).isActive()).isFalse();
    host.pause("a");
    assertThat(host.resume("a").isActive()).isFalse();
    assertThat(host.state("a")).isEqualTo(AccountState.NOT_OWNED);
    assertThatThrownBy(() -> host.handleAsync("a", missed("c1", 1, now)))
        .isInstanceOf(OwnershipLostException.class);

    host.pause("a");
    assertThat(host.takeOver(HostFixtures.spec("a", crm)).isActive()).as("still paused")
        .isFalse();
    assertThat(host.state("a")).isEqualTo(AccountState.PAUSED);
    assertThat(host.resume("a").isActive()).isTrue();
  }

  /** {@code rows}, whose writes throw {@link OwnershipLostException} while {@code fenced}. */
  static Journal fenceable(Journal rows, AtomicBoolean fenced) {
    Set<String> reads = Set.of("pending", "entry", "entries", "progress", "uncertain",
        "knownEntities", "lastTalk", "openTasks", "counts", "close", "equals", "hashCode",
        "toString");
    return (Journal) Proxy.newProxyInstance(Journal.class.getClassLoader(),
        new Class<?>[] {Journal.class}, (proxy, method, args) -> {
          if (fenced.get() && !reads.contains(method.getName())) {
            throw new OwnershipLostException("a", "account a: lease lost (test)");
          }
          try {
            return method.invoke(rows, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met in 20 s");
      }
      Thread.sleep(5);
    }
  }
}
