package io.ringostat.amo.engine.host;

import static io.ringostat.amo.engine.host.HostFixtures.crm;
import static io.ringostat.amo.engine.host.HostFixtures.missed;
import static io.ringostat.amo.engine.host.HostFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.routing.RoutingDecision;
import io.ringostat.amo.engine.Alert;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.testing.FakeAmoCrm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Accounts added, paused, resumed, updated and removed at run time, each on its own. */
class IntegrationHostTest {
  final List<String> alerts = new CopyOnWriteArrayList<>();
  final List<String> finished = new CopyOnWriteArrayList<>();
  final IntegrationHost host = IntegrationHost.builder().workers(4)
      .engineOptions(b -> b.retryBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
          .handleTimeout(Duration.ofSeconds(10)))
      .listener(new HostListener() {
        @Override
        public void alert(String accountId, Alert alert) {
          alerts.add(accountId + ":" + alert.kind());
        }

        @Override
        public void finished(String accountId, HandleResult r, Duration sinceJournaled) {
          finished.add(accountId + ":" + r.status());
        }
      })
      .build();
  final Instant now = Instant.now();

  @AfterEach
  void close() {
    host.close();
  }

  @Test
  @DisplayName("R-FLEET: two accounts deliver to their own amoCRM; the listener names the account")
  void twoAccounts() {
    FakeAmoCrm a = crm();
    FakeAmoCrm b = crm();
    assertThat(host.add(spec("a", a)).isActive()).isTrue();
    assertThat(host.add(spec("b", b)).isActive()).isTrue();

    assertThat(host.handle("a", missed("c1", 1, now)).status())
        .isEqualTo(HandleResult.Status.DELIVERED);
    assertThat(host.handle("b", missed("c2", 2, now)).status())
        .isEqualTo(HandleResult.Status.DELIVERED);

    assertThat(a.dealCount()).isEqualTo(1);
    assertThat(b.dealCount()).isEqualTo(1);
    await(() -> finished.size() == 2); // the listener runs just after the future completes
    assertThat(finished).containsExactlyInAnyOrder("a:DELIVERED", "b:DELIVERED");
    assertThat(host.accounts()).containsExactlyInAnyOrder("a", "b");
    assertThat(host.metrics("a").delivered()).isEqualTo(1);
  }

  @Test
  @DisplayName("R-FLEET: an unknown account is a typed error at once, nothing hangs")
  void unknownAccount() {
    assertThatThrownBy(() -> host.handle("nope", missed("c1", 1, now)))
        .isInstanceOf(UnknownAccountException.class).hasMessageContaining("nope");
    assertThatThrownBy(() -> host.handleAsync("nope", missed("c1", 1, now)))
        .isInstanceOf(UnknownAccountException.class);
    assertThatThrownBy(() -> host.route("nope", "+380441234567"))
        .isInstanceOf(UnknownAccountException.class);
    assertThatThrownBy(() -> host.state("nope")).isInstanceOf(UnknownAccountException.class);
    assertThatThrownBy(() -> host.pause("nope")).isInstanceOf(UnknownAccountException.class);
    assertThat(host.remove("nope")).isFalse();
  }

  @Test
  @DisplayName("R-FLEET: adding an id twice is refused")
  void duplicateId() {
    host.add(spec("a", crm()));
    assertThatThrownBy(() -> host.add(spec("a", crm())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already");
  }

  @Test
  @DisplayName("R-PAUSE: a paused account journals and sends nothing; resume delivers in order")
  void pauseResume() {
    FakeAmoCrm a = crm();
    FakeAmoCrm b = crm();
    host.add(spec("a", a));
    host.add(spec("b", b));
    host.pause("a");

    HandleResult r = host.handle("a", missed("c1", 1, now));
    assertThat(r.status()).isEqualTo(HandleResult.Status.DEFERRED);
    assertThat(host.state("a")).isEqualTo(AccountState.PAUSED);
    assertThat(host.route("a", "+380441234567").routes()).isFalse();
    assertThat(a.writes.get()).isZero();
    assertThat(host.handle("b", missed("c2", 2, now)).status())
        .isEqualTo(HandleResult.Status.DELIVERED);

    assertThat(host.resume("a").isActive()).isTrue();
    await(() -> a.dealCount() == 1);
    assertThat(host.state("a")).isEqualTo(AccountState.ACTIVE);
    assertThat(host.metrics("a").deferred()).isEqualTo(1);
    assertThat(host.metrics("a").delivered()).isEqualTo(1);
  }

  @Test
  @DisplayName("R-KEEP: a BROKEN account alerts with its id and resumes on new credentials")
  void brokenAccount() {
    FakeAmoCrm a = crm();
    host.add(spec("a", a));
    a.revokeToken();
    host.handle("a", missed("c1", 1, now));
    assertThat(host.state("a")).isEqualTo(AccountState.BROKEN);
    assertThat(alerts).contains("a:AUTHORIZATION_PROBLEM");

    host.reactivate("a", new FakeAmoCrm.Token("new"), true);
    await(() -> a.dealCount() == 1);
    assertThat(host.state("a")).isEqualTo(AccountState.ACTIVE);
  }

  @Test
  @DisplayName("R-FLEET: new settings rebuild one account's engine; counters keep counting")
  void updateSettings() {
    FakeAmoCrm a = crm();
    host.add(spec("a", a));
    host.handle("a", missed("c1", 1, now));
    assertThat(host.update("a", HostFixtures.settings("renamed")).isActive()).isTrue();
    host.handle("a", missed("c2", 2, now));
    assertThat(host.metrics("a").delivered()).isEqualTo(2);
    assertThat(a.dealCount()).isEqualTo(2);
  }

  @Test
  @DisplayName("R-FLEET: remove closes one account; its outstanding futures complete")
  void remove() throws Exception {
    FakeAmoCrm a = crm();
    host.add(spec("a", a));
    host.add(spec("b", crm()));
    a.lookupGate = new java.util.concurrent.CountDownLatch(1);
    CompletableFuture<HandleResult> f = host.handleAsync("a", missed("c1", 1, now));
    CompletableFuture<HandleResult> g = host.handleAsync("a", missed("c2", 2, now));
    Thread opener = new Thread(() -> {
      sleep(200);
      a.lookupGate.countDown(); // the hung delivery ends within the close grace
    });
    opener.start();
    assertThat(host.remove("a")).isTrue();
    assertThat(f.get(1, TimeUnit.SECONDS)).isNotNull();
    assertThat(g.get(1, TimeUnit.SECONDS)).isNotNull();
    assertThatThrownBy(() -> host.handle("a", missed("c3", 3, now)))
        .isInstanceOf(UnknownAccountException.class);
    assertThat(host.handle("b", missed("c4", 4, now)).status())
        .isEqualTo(HandleResult.Status.DELIVERED);
  }

  @Test
  @DisplayName("R-FLEET: after close every method says the host is closed")
  void closed() {
    host.add(spec("a", crm()));
    host.close();
    assertThatThrownBy(() -> host.handle("a", missed("c1", 1, now)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  static void await(java.util.function.BooleanSupplier done) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
      sleep(5);
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
