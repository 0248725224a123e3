package io.ringostat.amo.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.engine.journal.EntryState;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.engine.testing.FakeAmoCrm;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.routing.FallThroughReason;
import io.ringostat.amo.core.routing.RoutingDecision;
import io.ringostat.amo.core.settings.AmoAccount;
import io.ringostat.amo.core.settings.AmoZone;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.RoutingSettings;
import io.ringostat.amo.core.spi.CrmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The engine over a fake amoCRM port: ordering, exactly-once, BROKEN and resend, routing budget. */
class IntegrationEngineTest {
  static final long OLENA = 504141;
  static final long SENIOR = 504140;
  static final PhoneNumber CLIENT = new PhoneNumber("380441234567");
  static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  final MutableClock clock = new MutableClock(T0);
  final List<Alert> alerts = new CopyOnWriteArrayList<>();
  final List<HandleResult> outcomes = new CopyOnWriteArrayList<>();
  FakeAmoCrm crm = new FakeAmoCrm(FakeAmoCrm.catalog(ZoneId.of("Europe/Kyiv"), OLENA, SENIOR));
  InMemoryJournal journal = new InMemoryJournal();
  IntegrationEngine engine;

  static IntegrationSettings settings(ZoneId zone) {
    return IntegrationSettings.builder()
        .account(AmoAccount.builder().subdomain("demo").zone(AmoZone.AMOCRM_RU).timeZone(zone)
            .build())
        .addEmployee(Employee.builder().code("101").name("Olena").addSipLogin("olena")
            .amoUserId(OLENA).build())
        .addEmployee(Employee.builder().code("100").name("Iryna").addSipLogin("iryna")
            .amoUserId(SENIOR).build())
        .seniorManagerUserId(SENIOR)
        .routing(RoutingSettings.builder().budget(Duration.ofMillis(200)).build())
        .build();
  }

  IntegrationEngine engine(IntegrationSettings s) {
    engine = IntegrationEngine.builder().settings(s).amo(crm).journal(journal).clock(clock)
        .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
        .listener(new EngineListener() {
          @Override
          public void outcome(HandleResult r) {
            outcomes.add(r);
          }

          @Override
          public void alert(Alert a) {
            alerts.add(a);
          }
        })
        .build();
    return engine;
  }

  IntegrationEngine started() {
    engine(settings(ZoneId.of("Europe/Kyiv")));
    assertThat(engine.activate().isActive()).isTrue();
    return engine;
  }

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
  }

  static CallEvent answered(String callId, String phone, Instant at) {
    return CallEvent.builder().callId(callId).phase(CallPhase.ANSWERED)
        .direction(CallDirection.INBOUND).clientPhone(phone).employeeEndpoint("olena")
        .startedAt(at).answeredAt(at.plusSeconds(5)).build();
  }

  static CallEvent ended(String callId, String phone, Instant at) {
    return CallEvent.builder().callId(callId).phase(CallPhase.ENDED)
        .direction(CallDirection.INBOUND).disposition(Disposition.ANSWERED).clientPhone(phone)
        .employeeEndpoint("olena").startedAt(at).answeredAt(at.plusSeconds(5))
        .endedAt(at.plusSeconds(65)).build();
  }

  static CallEvent missed(String callId, String phone, Instant at) {
    return CallEvent.builder().callId(callId).phase(CallPhase.ENDED)
        .direction(CallDirection.INBOUND).disposition(Disposition.NO_ANSWER).clientPhone(phone)
        .startedAt(at).endedAt(at.plusSeconds(20)).build();
  }

  @Test
  @DisplayName("R-V1/R-ONCE: ANSWERED creates contact and deal, ENDED records on them via the journal")
  void answeredThenEnded() {
    started();
    crm.searchLags = true; // ENDED must find the entities through the journal, not a search
    HandleResult a = engine.handle(answered("c1", "+380 44 123 45 67", T0));
    HandleResult e = engine.handle(ended("c1", "0441234567", T0));

    assertThat(a.status()).isEqualTo(HandleResult.Status.DELIVERED);
    assertThat(a.effects()).extracting(d -> d.key().kind().wire())
        .containsExactly("create-contact", "create-deal");
    assertThat(a.effects().get(0).links()).singleElement().asString()
        .startsWith("https://demo.amocrm.ru/contacts/detail/");
    assertThat(e.status()).isEqualTo(HandleResult.Status.DELIVERED);
    assertThat(crm.contactCount(CLIENT)).isEqualTo(1);
    assertThat(crm.dealCount()).isEqualTo(1);
    assertThat(crm.recordsFor("c1")).isEqualTo(1); // R-V1: one call record per call
    assertThat(crm.records()).hasSize(1);
  }

  @Test
  @DisplayName("R-LIMITS: an existing client's ENDED reuses the lookup its own ANSWERED made")
  void endedReusesItsCallsLookup() {
    started();
    crm.addContact(CLIENT, OLENA);
    long before = crm.lookups.get();

    engine.handle(answered("c1", "+380441234567", T0));
    clock.advance(Duration.ofMinutes(3));
    HandleResult e = engine.handle(ended("c1", "+380441234567", T0));

    assertThat(e.status()).isEqualTo(HandleResult.Status.DELIVERED);
    assertThat(crm.lookups.get() - before).isEqualTo(1);
    assertThat(crm.recordsFor("c1")).isEqualTo(1);
    assertThat(crm.contactCount(CLIENT)).isEqualTo(1);
  }

  @Test
  @DisplayName("R-LIMITS: after the reuse window, or with reuse off, an ENDED looks up again")
  void endedLooksUpAgainWhenTheCallsLookupIsStale() {
    started();
    crm.addContact(CLIENT, OLENA);
    long before = crm.lookups.get();

    engine.handle(answered("c1", "+380441234567", T0));
    clock.advance(IntegrationEngine.Builder.DEFAULT_LOOKUP_REUSE.plusSeconds(1));
    engine.handle(ended("c1", "+380441234567", T0));

    assertThat(crm.lookups.get() - before).isEqualTo(2);
  }

  @Test
  @DisplayName("R-ONCE: the same call id and phase twice is recognised and not applied twice")
  void duplicates() {
    started();
    engine.handle(ended("c1", "+380441234567", T0));
    HandleResult again = engine.handle(ended("c1", "+380441234567", T0));

    assertThat(again.status()).isEqualTo(HandleResult.Status.DUPLICATE);
    assertThat(crm.contactCount(CLIENT)).isEqualTo(1);
    assertThat(crm.recordsFor("c1")).isEqualTo(1); // R-V1: one record per call
  }

  @Test
  @DisplayName("R-ONCE: ENDED before ANSWERED still creates each entity once")
  void outOfOrder() {
    started();
    HandleResult e = engine.handle(ended("c1", "+380441234567", T0));
    HandleResult a = engine.handle(answered("c1", "+380441234567", T0));

    assertThat(e.status()).isEqualTo(HandleResult.Status.DELIVERED);
    assertThat(a.status()).isEqualTo(HandleResult.Status.NOTHING_TO_DO);
    assertThat(a.plan().orElseThrow().noAction()).hasValue(
        io.ringostat.amo.core.plan.NoAction.ALREADY_DONE);
    assertThat(crm.contactCount(CLIENT)).isEqualTo(1);
    assertThat(crm.dealCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("R-ONCE: twenty simultaneous calls from one new number produce one contact and one deal")
  void burstFromOneNewNumber() {
    started();
    crm.searchLags = true; // amoCRM's search does not see the fresh contact yet
    List<CompletableFuture<HandleResult>> all = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      all.add(engine.handleAsync(ended("burst-" + i, "+380441234567", T0.plusSeconds(i))));
    }
    all.forEach(CompletableFuture::join);

    assertThat(all).allMatch(f -> f.join().isDelivered());
    assertThat(crm.contactCount(CLIENT)).isEqualTo(1);
    assertThat(crm.dealCount()).isEqualTo(1);
    for (int i = 0; i < 20; i++) {
      assertThat(crm.recordsFor("burst-" + i)).as("records of burst-" + i).isBetween(1L, 2L);
    }
  }

  @Test
  @DisplayName("R-ONCE: a response lost after amoCRM acted is reconciled, not repeated")
  void lostResponse() throws Exception {
    started();
    crm.loseEveryAnswer = true;
    HandleResult first = engine.handle(ended("c1", "+380441234567", T0));
    crm.loseEveryAnswer = false;

    assertThat(first.status()).isEqualTo(HandleResult.Status.DELIVERED);
    assertThat(first.effects()).allMatch(DoneEffect::reconciled);
    assertThat(crm.contactCount(CLIENT)).isEqualTo(1);
    assertThat(crm.dealCount()).isEqualTo(1);
    assertThat(crm.recordsFor("c1")).isEqualTo(1); // R-V1: one record per call
  }

  @Test
  @DisplayName("R-LIMITS: a transient failure is retried with backoff and delivered")
  void transientFailure() throws Exception {
    started();
    crm.failNext(new CrmException(CrmException.Kind.TRANSIENT, "503"));
    HandleResult r = engine.handle(missed("c1", "+380441234567", T0));

    assertThat(r.status()).isEqualTo(HandleResult.Status.DEFERRED);
    assertThat(r.message()).contains("TRANSIENT");
    awaitDelivered("c1");
    assertThat(crm.tasks()).singleElement().satisfies(t -> assertThat(t.assigneeUserId())
        .isEqualTo(SENIOR));
  }

  @Test
  @DisplayName("R-KEEP: a revoked token turns BROKEN with an alert; events wait; reactivate resends")
  void brokenAndReactivated() throws Exception {
    started();
    crm.revokeToken();
    HandleResult r1 = engine.handle(missed("c1", "+380441234567", T0));
    long executionsWhenBroken = crm.writes.get();
    HandleResult r2 = engine.handle(missed("c2", "+380441234568", T0.plusSeconds(60)));

    assertThat(engine.state()).isEqualTo(EngineState.BROKEN);
    assertThat(alerts).extracting(Alert::kind).containsOnlyOnce(Alert.Kind.AUTHORIZATION_PROBLEM);
    assertThat(r1.status()).isEqualTo(HandleResult.Status.DEFERRED);
    assertThat(r2.status()).isEqualTo(HandleResult.Status.DEFERRED);
    assertThat(crm.writes.get()).isEqualTo(executionsWhenBroken);
    assertThat(journal.counts().pending()).isEqualTo(2);

    ReactivationResult re = engine.reactivate(new FakeAmoCrm.Token("new"), true);
    assertThat(re.activation().isActive()).isTrue();
    assertThat(re.resent()).isEqualTo(2);
    awaitDelivered("c1");
    awaitDelivered("c2");
    assertThat(crm.tasks()).hasSize(2);
  }

  @Test
  @DisplayName("R-KEEP: 72 h broken on a virtual clock; resend keeps today and the 2 days before, in the account zone")
  void resendWindowFarFromUtc() {
    ZoneId zone = ZoneId.of("Pacific/Kiritimati"); // UTC+14
    engine(settings(zone));
    engine.activate();
    crm.revokeToken();
    // The clock stands at 2026-11-25 09:00 local; the window starts 2026-11-23 00:00 local.
    Instant now = java.time.LocalDateTime.parse("2026-11-25T09:00").atZone(zone).toInstant();
    Instant windowStart = java.time.LocalDate.parse("2026-11-23").atStartOfDay(zone).toInstant();
    clock.set(now);
    int calls = 0;
    int inside = 0;
    for (Instant t = now.minus(Duration.ofHours(72)); t.isBefore(now); t = t.plusSeconds(600)) {
      engine.handle(missed("w" + calls, "+38044" + String.format("%07d", calls), t));
      if (!t.isBefore(windowStart)) {
        inside++;
      }
      calls++;
    }
    engine.handle(missed("edge-in", "+380500000001", windowStart));
    engine.handle(missed("edge-out", "+380500000002", windowStart.minusSeconds(1)));
    assertThat(engine.state()).isEqualTo(EngineState.BROKEN);

    ReactivationResult re = engine.reactivate(new FakeAmoCrm.Token("new"), true);

    assertThat(re.windowStart()).isEqualTo(windowStart);
    assertThat(re.resent()).isEqualTo(inside + 1);
    assertThat(re.expired()).hasSize(calls - inside + 1);
    assertThat(re.expired()).extracting(e -> e.callId()).contains("edge-out")
        .doesNotContain("edge-in");
    assertThat(engine.expired(10_000)).hasSize(calls - inside + 1);
    assertThat(alerts).extracting(Alert::kind).contains(Alert.Kind.EVENTS_EXPIRED);
  }

  @Test
  @DisplayName("R-KEEP: reactivation without resend marks undelivered events skipped")
  void reactivateWithoutResend() {
    started();
    crm.revokeToken();
    engine.handle(missed("c1", "+380441234567", T0));
    ReactivationResult re = engine.reactivate(new FakeAmoCrm.Token("new"), false);

    assertThat(re.skipped()).isEqualTo(1);
    assertThat(journal.entries(EntryState.SKIPPED, 10)).singleElement()
        .satisfies(e -> assertThat(e.callId()).isEqualTo("c1"));
    assertThat(crm.tasks()).isEmpty();
  }

  @Test
  @DisplayName("R-IN-3: activation checks the settings against the account and lists every problem")
  void activationProblems() {
    crm = new FakeAmoCrm(FakeAmoCrm.catalog(ZoneId.of("UTC"), SENIOR)); // Olena's user is missing
    engine(settings(ZoneId.of("UTC")));
    ActivationResult r = engine.activate();

    assertThat(r.state()).isEqualTo(EngineState.INACTIVE);
    assertThat(r.errors()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("employees[0].amoUserId");
      assertThat(p.reason()).contains("504141");
    });
    HandleResult h = engine.handle(missed("c1", "+380441234567", T0));
    assertThat(h.status()).isEqualTo(HandleResult.Status.DEFERRED);
    assertThat(crm.tasks()).isEmpty();
  }

  @Test
  @DisplayName("Back-pressure: a full queue defers to the journal and nothing is dropped")
  void backPressure() throws Exception {
    engine = IntegrationEngine.builder().settings(settings(ZoneId.of("UTC"))).amo(crm)
        .journal(journal).clock(clock).queueCapacity(2).workers(1)
        .listener(new EngineListener() {
          @Override
          public void outcome(HandleResult r) {
            outcomes.add(r);
          }
        }).build();
    engine.activate();
    crm.lookupGate = new CountDownLatch(1);
    List<CompletableFuture<HandleResult>> all = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      all.add(engine.handleAsync(missed("q" + i, "+38044123456" + i, T0)));
    }
    assertThat(all.subList(2, 6)).allMatch(f -> f.join().status() == HandleResult.Status.DEFERRED);
    crm.lookupGate.countDown();

    for (int i = 0; i < 6; i++) {
      awaitDelivered("q" + i);
    }
    assertThat(crm.tasks()).hasSize(6);
  }

  @Test
  @DisplayName("Bad input: a malformed event is REJECTED and kept in the journal")
  void rejected() {
    started();
    HandleResult r = engine.reject("{\"call_id\": 42", "line 1: not JSON");

    assertThat(r.status()).isEqualTo(HandleResult.Status.REJECTED);
    assertThat(journal.entries(EntryState.REJECTED, 5)).singleElement()
        .satisfies(e -> assertThat(e.raw()).hasValue("{\"call_id\": 42"));
    assertThat(engine.handle(missed("c1", "+380441234567", T0)).isDelivered()).isTrue();
  }

  @Test
  @DisplayName("R-ROUTE: the responsible employee, from the cache on repeat, within the budget")
  void routing() {
    started();
    crm.addContact(CLIENT, OLENA);
    RoutingDecision first = engine.route("0441234567");
    RoutingDecision second = engine.route("+380441234567");

    assertThat(first.routes()).isTrue();
    assertThat(first.employee().orElseThrow().name()).isEqualTo("Olena");
    assertThat(first.destinations()).containsExactly("olena");
    assertThat(first.fromCache()).isFalse();
    assertThat(second.fromCache()).isTrue();
    assertThat(crm.lookups.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("R-ROUTE: a stalled CRM gives a fall-through within the budget")
  void routingBudget() {
    started();
    crm.lookupGate = new CountDownLatch(1);
    long start = System.nanoTime();
    RoutingDecision d = engine.route("+380441234567");
    long ms = (System.nanoTime() - start) / 1_000_000;
    crm.lookupGate.countDown();

    assertThat(d.fallThrough()).hasValue(FallThroughReason.CRM_SLOW);
    assertThat(ms).isLessThan(2_000);
  }

  @Test
  @DisplayName("R-ROUTE: the engine's own writes keep the cache correct")
  void routingCacheInvalidatedByWrites() {
    started();
    assertThat(engine.route("+380441234567").fallThrough()).hasValue(FallThroughReason.NOT_FOUND);
    engine.handle(answered("c1", "+380441234567", T0)); // Olena answers a new client

    RoutingDecision d = engine.route("+380441234567");
    assertThat(d.routes()).isTrue();
    assertThat(d.employee().orElseThrow().amoUserId()).isEqualTo(OLENA);
  }

  @Test
  @DisplayName("R-ROUTE: a broken integration falls through at once")
  void routingWhenBroken() {
    started();
    crm.revokeToken();
    engine.handle(missed("c1", "+380441234567", T0));
    assertThat(engine.route("+380441234599").fallThrough())
        .hasValue(FallThroughReason.INTEGRATION_BROKEN);
  }

  @Test
  @DisplayName("R-CARD: the caller card names the contact, the responsible and links")
  void callerCard() {
    started();
    long id = crm.addContact(CLIENT, OLENA);
    var card = engine.callerCard("+380441234567");

    assertThat(card.contact().orElseThrow().link())
        .isEqualTo("https://demo.amocrm.ru/contacts/detail/" + id);
    assertThat(card.responsible().orElseThrow().employee().orElseThrow().name()).isEqualTo("Olena");
    assertThat(engine.callerCard("+380999999999").emptyReason()).isPresent();
  }

  private void awaitDelivered(String callId) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      boolean done = outcomes.stream().anyMatch(o -> o.callId().equals(callId) && o.isDelivered());
      if (done) {
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("not delivered: " + callId + "; outcomes " + outcomes);
  }

}
