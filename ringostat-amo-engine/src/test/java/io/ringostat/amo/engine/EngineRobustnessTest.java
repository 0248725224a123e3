package io.ringostat.amo.engine;

import static io.ringostat.amo.engine.IntegrationEngineTest.CLIENT;
import static io.ringostat.amo.engine.IntegrationEngineTest.OLENA;
import static io.ringostat.amo.engine.IntegrationEngineTest.SENIOR;
import static io.ringostat.amo.engine.IntegrationEngineTest.T0;
import static io.ringostat.amo.engine.IntegrationEngineTest.ended;
import static io.ringostat.amo.engine.IntegrationEngineTest.missed;
import static io.ringostat.amo.engine.IntegrationEngineTest.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.routing.FallThroughReason;
import io.ringostat.amo.core.spi.CrmException;
import io.ringostat.amo.engine.journal.EntryState;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.engine.journal.Journal;
import io.ringostat.amo.engine.testing.FakeAmoCrm;
import io.ringostat.amo.engine.testing.FakeAmoCrm.Fault;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exactly-once through the port with faults and crashes; every future completes; no wedging. */
class EngineRobustnessTest {
  final MutableClock clock = new MutableClock(T0);
  final List<HandleResult> outcomes = new CopyOnWriteArrayList<>();
  final FakeAmoCrm crm = new FakeAmoCrm(FakeAmoCrm.catalog(ZoneId.of("Europe/Kyiv"), OLENA,
      SENIOR));
  final InMemoryJournal journal = new InMemoryJournal();
  final List<IntegrationEngine> engines = new ArrayList<>();

  IntegrationEngine engine(Journal j, EngineListener listener, int workers) {
    IntegrationEngine e = IntegrationEngine.builder().settings(settings(ZoneId.of("Europe/Kyiv")))
        .amo(crm).journal(j).clock(clock).workers(workers).handleTimeout(Duration.ofSeconds(5))
        .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(20)).listener(listener).build();
    engines.add(e);
    return e;
  }

  IntegrationEngine started() {
    IntegrationEngine e = engine(journal, recording(), 4);
    assertThat(e.activate().isActive()).isTrue();
    return e;
  }

  EngineListener recording() {
    return new EngineListener() {
      @Override
      public void outcome(HandleResult r) {
        outcomes.add(r);
      }
    };
  }

  @AfterEach
  void closeAll() {
    engines.forEach(IntegrationEngine::close);
  }

  static String phone(int i) {
    return "+38067" + String.format("%07d", i);
  }

  // --- exactly once through the port ---------------------------------------------------------

  @Test
  @DisplayName("R-ONCE: lost answers of every write are checked, never repeated")
  void lostAnswers() throws Exception {
    IntegrationEngine engine = started();
    for (int i = 0; i < 6; i++) {
      crm.next(Fault.loseAnswer());
    }
    engine.handle(ended("c1", "+380441234567", T0));
    awaitDelivered("c1");

    assertThat(crm.contactCount(CLIENT)).isEqualTo(1);
    assertThat(crm.dealCount()).isEqualTo(1);
    assertThat(crm.recordsFor("c1")).isEqualTo(1); // R-V1: one record per call
  }

  @Test
  @DisplayName("R-ONCE: an unreadable answer to a create is found, never resent")
  void unreadableAnswers() throws Exception {
    IntegrationEngine engine = started();
    crm.next(Fault.unreadable());
    crm.next(Fault.unreadable());
    HandleResult r = engine.handle(ended("c1", "+380441234567", T0));

    assertThat(r.status()).isEqualTo(HandleResult.Status.DELIVERED);
    assertThat(r.effects()).filteredOn(d -> d.key().kind().wire().startsWith("create-"))
        .hasSize(2).allMatch(DoneEffect::reconciled);
    assertThat(crm.contactCount(CLIENT)).isEqualTo(1);
    assertThat(crm.dealCount()).isEqualTo(1);
    assertThat(crm.recordsFor("c1")).isEqualTo(1); // R-V1: one record per call
  }

  @Test
  @DisplayName("R-ONCE: a lost task answer leaves one task; a transient failure is retried")
  void tasksOnceAndTransientRetry() throws Exception {
    IntegrationEngine engine = started();
    crm.next(Fault.loseAnswer());
    crm.next(Fault.loseAnswer());
    crm.next(Fault.loseAnswer());
    engine.handle(missed("m1", "+380441234567", T0));
    awaitDelivered("m1");
    assertThat(crm.tasks()).hasSize(1);

    crm.next(Fault.failBefore(CrmException.Kind.TRANSIENT));
    HandleResult r = engine.handle(missed("m2", "+380441234599", T0));
    assertThat(r.status()).isEqualTo(HandleResult.Status.DEFERRED);
    awaitDelivered("m2");
  }

  @Test
  @DisplayName("R-ONCE: a crash between markSending and markDone; a new engine on the journal adopts")
  void crashThenNewEngine() throws Exception {
    AtomicBoolean armed = new AtomicBoolean(true);
    AtomicBoolean crashed = new AtomicBoolean();
    Journal crashing = (Journal) Proxy.newProxyInstance(Journal.class.getClassLoader(),
        new Class<?>[] {Journal.class}, (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            return null; // the process died; the durable journal stays as it was
          }
          if (crashed.get()) {
            throw new IllegalStateException("the process crashed");
          }
          if (method.getName().equals("markDone") && armed.getAndSet(false)) {
            crashed.set(true);
            throw new IllegalStateException("the process crashed");
          }
          try {
            return method.invoke(journal, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    IntegrationEngine first = engine(crashing, EngineListener.NONE, 2);
    first.activate();
    HandleResult r = first.handle(ended("c1", "+380441234567", T0));
    assertThat(r.status()).isEqualTo(HandleResult.Status.DEFERRED);
    assertThat(crm.contactCount(CLIENT)).isEqualTo(1); // amoCRM acted before the crash
    first.close();
    assertThat(journal.uncertain("c1")).isNotEmpty();

    IntegrationEngine second = engine(journal, recording(), 2);
    second.activate();
    awaitDelivered("c1");

    assertThat(crm.contactCount(CLIENT)).isEqualTo(1);
    assertThat(crm.dealCount()).isEqualTo(1);
    assertThat(crm.recordsFor("c1")).isEqualTo(1); // R-V1: one record per call
  }

  // --- every future completes ----------------------------------------------------------------

  @Test
  @DisplayName("Lifecycle: 1,000 events while the token is revoked all answer DEFERRED at once")
  void revokedTokenDefersEveryone() throws Exception {
    IntegrationEngine engine = started();
    crm.revokeToken();
    List<CompletableFuture<HandleResult>> all = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      all.add(engine.handleAsync(missed("r" + i, phone(i), T0)));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(1, TimeUnit.SECONDS);
    assertThat(all).allMatch(f -> f.join().status() == HandleResult.Status.DEFERRED);
    assertThat(engine.state()).isEqualTo(EngineState.BROKEN);

    CompletableFuture<HandleResult> late = engine.handleAsync(missed("late", phone(5000), T0));
    ReactivationResult re = engine.reactivate(new FakeAmoCrm.Token("new"), false);
    assertThat(late.isDone()).isTrue();
    assertThat(re.skipped()).isEqualTo(1001);
    assertThat(journal.counts().pending()).isZero();
  }

  @Test
  @DisplayName("Lifecycle: close() with 1,000 queued events completes every future; all stay PENDING")
  void closeCompletesEverything() throws Exception {
    IntegrationEngine engine = engine(journal, recording(), 1);
    engine.activate();
    CountDownLatch gate = new CountDownLatch(1);
    crm.lookupGate = gate;
    List<CompletableFuture<HandleResult>> all = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      all.add(engine.handleAsync(missed("q" + i, phone(i), T0)));
    }
    Thread closer = new Thread(engine::close);
    closer.start();
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(1, TimeUnit.SECONDS);
    assertThat(all).allMatch(f -> f.join().status() == HandleResult.Status.DEFERRED);
    assertThat(all).allMatch(f -> f.join().message().contains("the engine is closed"));
    assertThat(journal.counts().pending()).isEqualTo(1000);

    crm.lookupGate = null;
    gate.countDown();
    closer.join(TimeUnit.SECONDS.toMillis(15));
    assertThat(closer.isAlive()).isFalse();
    assertThat(crm.tasks()).isEmpty();
  }

  @Test
  @DisplayName("Lifecycle: handle from 16 threads racing close() never hangs nor throws undocumented")
  void handleRacingClose() throws Exception {
    IntegrationEngine engine = started();
    List<Throwable> unexpected = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    for (int t = 0; t < 16; t++) {
      int id = t;
      Thread th = new Thread(() -> {
        try {
          go.await();
          for (int i = 0; ; i++) {
            engine.handle(missed("t" + id + "-" + i, phone(id * 10_000 + i), T0));
          }
        } catch (IllegalStateException e) {
          if (!"the engine is closed".equals(e.getMessage())) {
            unexpected.add(e);
          }
        } catch (Throwable e) {
          unexpected.add(e);
        }
      });
      th.start();
      threads.add(th);
    }
    go.countDown();
    Thread.sleep(100);
    engine.close();
    for (Thread th : threads) {
      th.join(5_000);
      assertThat(th.isAlive()).as("a handle thread hangs").isFalse();
    }
    assertThat(unexpected).isEmpty();
  }

  @Test
  @DisplayName("Listener: an Error thrown by the listener kills no worker and wedges no queue")
  void listenerThrowingErrors() throws InterruptedException {
    IntegrationEngine engine = engine(journal, new EngineListener() {
      @Override
      public void outcome(HandleResult r) {
        throw new AssertionError("listener bug");
      }

      @Override
      public void alert(Alert a) {
        throw new StackOverflowError();
      }
    }, 1);
    engine.activate();
    for (int i = 0; i < 5; i++) {
      assertThat(engine.handle(missed("l" + i, "+380441234567", T0.plusSeconds(i)))
          .isDelivered()).isTrue();
    }
    crm.revokeToken(); // raises an alert, which throws
    assertThat(engine.handle(missed("l9", "+380441234567", T0)).status())
        .isEqualTo(HandleResult.Status.DEFERRED);
    assertThat(engine.state()).isEqualTo(EngineState.BROKEN);
    engine.reactivate(new FakeAmoCrm.Token("new"), true);
    // the resent call gets its record too: none lost (this listener records no outcomes to
    // await); the six missed calls share one open call-back task (R-LIFE)
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (crm.records().size() < 6 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(crm.records()).hasSize(6);
    assertThat(crm.tasks()).hasSize(1);
  }

  // --- routing -------------------------------------------------------------------------------

  @Test
  @DisplayName("R-ROUTE: hung lookups do not starve new ones once amoCRM recovers")
  void hungLookupsDoNotStarveRouting() {
    IntegrationEngine engine = started();
    long id = crm.addContact(new PhoneNumber("380671234567"), OLENA);
    CountDownLatch gate = new CountDownLatch(1);
    crm.lookupGate = gate;
    try {
      for (int i = 0; i < 12; i++) {
        assertThat(engine.route(phone(i)).fallThrough()).hasValue(FallThroughReason.CRM_SLOW);
      }
      crm.lookupGate = null; // amoCRM recovers; the twelve calls above still hang
      var d = engine.route("+380671234567");
      assertThat(d.routes()).as("routing after recovery: %s", d).isTrue();
      assertThat(id).isPositive();
    } finally {
      gate.countDown();
    }
  }

  private void awaitDelivered(String callId) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (outcomes.stream().anyMatch(o -> o.callId().equals(callId) && o.isDelivered())) {
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("not delivered: " + callId + "; outcomes " + outcomes);
  }

}
