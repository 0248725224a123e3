package io.ringostat.amo.it.transport;

import static io.ringostat.amo.it.transport.PlanEngine.done;
import static io.ringostat.amo.okhttp.testing.Effects.contact;
import static io.ringostat.amo.okhttp.testing.Effects.contactRef;
import static io.ringostat.amo.okhttp.testing.Effects.deal;
import static io.ringostat.amo.okhttp.testing.Effects.dealFor;
import static io.ringostat.amo.okhttp.testing.Effects.newDeal;
import static io.ringostat.amo.okhttp.testing.Effects.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EntityRef;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.spi.CrmException.Kind;
import io.ringostat.amo.engine.DoneEffect;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.it.transport.PortRecorder.Call;
import io.ringostat.amo.okhttp.AmoClientException;
import io.ringostat.amo.okhttp.AmoException;
import io.ringostat.amo.okhttp.AmoOkHttpGateway;
import io.ringostat.amo.okhttp.RetryPolicy;
import io.ringostat.amo.okhttp.testing.Effects;
import io.ringostat.amo.okhttp.testing.FakeAmo;
import io.ringostat.amo.okhttp.testing.FakeAmo.Fault;
import io.ringostat.amo.okhttp.testing.FakeTime;
import io.ringostat.amo.okhttp.testing.TestGateways;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults injected with MockWebServer's {@code SocketEffect}s and delays while the engine carries a
 * plan out over the OkHttp gateway: closed before the request, closed after the server acted
 * (response lost), stalls (timeouts), cut bodies, 5xx, garbage. Whatever happens, no fault
 * produces a second contact, deal, unsorted request, task or call record (R-ONCE).
 */
class FaultTest {
  @StartStop
  final MockWebServer server = new MockWebServer();

  private final FakeTime time = new FakeTime();
  private final FakeAmo amo = new FakeAmo();
  private AmoOkHttpGateway gateway;
  private PlanEngine engine;
  private PlanEngine restarted;

  @BeforeEach
  void setUp() {
    server.setDispatcher(amo);
    gateway = TestGateways.gateway(server, time);
    engine = new PlanEngine(amo, gateway).activate();
  }

  @AfterEach
  void tearDown() {
    engine.close();
    if (restarted != null) {
      restarted.close();
    }
  }

  private HandleResult run(Effect... effects) {
    return engine.handle(plan(effects));
  }

  /**
   * An engine started on a journal in which {@code uncertain} of {@code plan} were being sent when
   * the process stopped; returns the final outcome of the redelivery.
   */
  private HandleResult afterCrash(Plan plan, Effect... uncertain) {
    restarted = new PlanEngine(amo, gateway);
    return restarted.afterCrash(plan,
        java.util.Arrays.stream(uncertain).map(Effect::key).toList());
  }

  private static long reconciled(HandleResult r) {
    return r.effects().stream().filter(DoneEffect::reconciled).count();
  }

  /** Faults after which amoCRM holds the entity: the check finds it, nothing is resent. */
  @ParameterizedTest
  @EnumSource(value = Fault.class,
      names = {"ACT_THEN_DROP", "ACT_THEN_CUT_BODY", "ACT_THEN_STALL", "ACT_THEN_503"})
  void lostAnswerToComplexIsFoundNotResent(Fault fault) {
    amo.fail("POST", "/api/v4/leads/complex", fault);

    HandleResult r = run(contact(), newDeal());

    assertThat(amo.contactCount()).isEqualTo(1);
    assertThat(amo.leadCount()).isEqualTo(1);
    assertThat(engine.requests()).containsExactly("POST /api/v4/leads/complex",
        "GET /api/v4/contacts", "GET /api/v4/leads");
    assertThat(done(r, contact()).reconciled()).isTrue();
    assertThat(done(r, newDeal()).reconciled()).isTrue();
    long contactId = done(r, contact()).created().get(EntityType.CONTACT);
    assertThat(amo.leadsOf(contactId))
        .containsExactly(done(r, newDeal()).created().get(EntityType.DEAL));
    // was gateway.metrics().reconciled(); reconciliation is the engine's now
    assertThat(reconciled(r)).isEqualTo(2);
  }

  /** Faults after which amoCRM holds nothing: the check finds nothing, one resend. */
  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"REFUSE_503", "STALL"})
  void unknownOutcomeWithoutEffectIsCheckedThenResentOnce(Fault fault) {
    amo.fail("POST", "/api/v4/leads/complex", fault);

    HandleResult r = run(contact(), newDeal());

    assertThat(amo.contactCount()).isEqualTo(1);
    assertThat(amo.leadCount()).isEqualTo(1);
    assertThat(engine.requests()).containsExactly("POST /api/v4/leads/complex",
        "GET /api/v4/contacts", "POST /api/v4/leads/complex");
    assertThat(done(r, contact()).reconciled()).isFalse();
    assertThat(r.status()).as("%s", r).isEqualTo(HandleResult.Status.DELIVERED);
  }

  @Test
  void connectionClosedBeforeTheRequestIsCheckedThenResent() {
    amo.closeNextConnectionAtStart();

    HandleResult r = run(contact(), newDeal());

    assertThat(amo.contactCount()).isEqualTo(1);
    assertThat(engine.requests()).containsExactly("GET /api/v4/contacts",
        "POST /api/v4/leads/complex");
    assertThat(r.status()).as("%s", r).isEqualTo(HandleResult.Status.DELIVERED);
  }

  @Test
  void garbageAfterSuccessIsLookedUpNeverResent() {
    amo.fail("POST", "/api/v4/leads/complex", Fault.ACT_THEN_GARBAGE);

    HandleResult r = run(contact(), newDeal());

    assertThat(amo.contactCount()).isEqualTo(1);
    assertThat(engine.requests()).containsExactly("POST /api/v4/leads/complex",
        "GET /api/v4/contacts", "GET /api/v4/leads");
    assertThat(done(r, contact()).reconciled()).isTrue();
    assertThat(done(r, newDeal()).reconciled()).isTrue();
  }

  @Test
  void lostTwiceFailsWithOutcomeUnknownAndTheNextRunChecksFirst() {
    amo.fail("POST", "/api/v4/leads/complex", Fault.STALL);
    amo.fail("POST", "/api/v4/leads/complex", Fault.STALL);

    HandleResult first = run(contact(), newDeal());

    assertThat(first.status()).as("%s", first).isEqualTo(HandleResult.Status.DEFERRED);
    assertThat(first.errorKind()).contains(Kind.OUTCOME_UNKNOWN);
    assertThat(first.effects()).isEmpty();
    assertThat(engine.journal.uncertain(Effects.CALL))
        .containsExactlyInAnyOrder(contact().key(), newDeal().key());
    assertThat(amo.contactCount()).isZero();
    int mark = amo.mark();

    engine.allowRetry(); // the engine's redelivery: both effects are uncertain
    HandleResult second = engine.awaitFinal(first.seq());

    assertThat(second.status()).as("%s", second).isEqualTo(HandleResult.Status.DELIVERED);
    assertThat(amo.requestsSince(mark)).as("checked first").startsWith("GET /api/v4/contacts");
    assertThat(amo.contactCount()).isEqualTo(1);
    assertThat(amo.leadCount()).isEqualTo(1);
  }

  @Test
  void uncertainComplexWhoseContactExistsGetsOnlyTheDeal() {
    long existing = amo.seedContact("+380441234567", "+380441234567", Effects.ANNA);

    HandleResult r = afterCrash(plan(contact(), newDeal()), contact(), newDeal());

    assertThat(restarted.requests()).containsExactly("GET /api/v4/contacts",
        "POST /api/v4/leads");
    assertThat(done(r, contact()).reconciled()).isTrue();
    assertThat(done(r, contact()).created()).containsEntry(EntityType.CONTACT, existing);
    assertThat(done(r, newDeal()).reconciled()).isFalse();
    assertThat(amo.contactCount()).isEqualTo(1);
    assertThat(amo.leadsOf(existing)).hasSize(1);
  }

  @Test
  void uncertainEffectsAlreadyDoneAreNotSent() {
    long c = amo.seedContact("+380441234567", "+380441234567", Effects.ANNA);
    long l = amo.seedLead(c, "Inbound call +380441234567", Effects.PIPELINE, 33929752,
        Effects.ANNA);

    HandleResult r = afterCrash(plan(contact(), newDeal()), newDeal());

    assertThat(restarted.requests()).containsExactly("GET /api/v4/contacts",
        "GET /api/v4/leads");
    assertThat(done(r, newDeal()).created()).containsEntry(EntityType.DEAL, l);
    assertThat(amo.leadCount()).isEqualTo(1);
  }

  @Test
  void lostContactIsFound() {
    amo.fail("POST", "/api/v4/contacts", Fault.ACT_THEN_DROP);

    HandleResult r = run(contact());

    assertThat(amo.contactCount()).isEqualTo(1);
    assertThat(engine.requests()).containsExactly("POST /api/v4/contacts",
        "GET /api/v4/contacts");
    assertThat(done(r, contact()).reconciled()).isTrue();
  }

  @Test
  void lostDealIsFoundThroughItsContact() {
    long c = amo.seedContact("Ivan", "+380441234567", Effects.ANNA);
    amo.fail("POST", "/api/v4/leads", Fault.ACT_THEN_CUT_BODY);
    Effect.CreateDeal d = dealFor(contactRef(c), Optional.empty());

    HandleResult r = run(d);

    assertThat(amo.leadsOf(c)).hasSize(1);
    assertThat(engine.requests()).containsExactly("POST /api/v4/leads",
        "GET /api/v4/contacts/" + c, "GET /api/v4/leads");
    assertThat(engine.recorded(1).getUrl().queryParameter("with")).isEqualTo("leads");
    assertThat(done(r, d).reconciled()).isTrue();
  }

  @Test
  void lostUnsortedIsFoundByUniq() {
    amo.fail("POST", "/api/v4/leads/unsorted/sip", Fault.ACT_THEN_DROP);

    HandleResult r = run(Effects.unsorted());

    assertThat(amo.unsortedCount()).isEqualTo(1);
    assertThat(engine.requests()).containsExactly("POST /api/v4/leads/unsorted/sip",
        "GET /api/v4/leads/unsorted");
    assertThat(engine.recorded(1).getUrl().queryParameter("filter[category][]"))
        .isEqualTo("sip");
    assertThat(done(r, Effects.unsorted()).reconciled()).isTrue();
    assertThat(done(r, Effects.unsorted()).created())
        .containsKeys(EntityType.DEAL, EntityType.CONTACT);
  }

  @Test
  void lostCallRecordIsFoundByUniq() {
    long c = amo.seedContact("Ivan", "+380441234567", Effects.ANNA);
    long l = amo.seedLead(c, "Deal", Effects.PIPELINE, 33929752, Effects.ANNA);
    amo.fail("POST", "/api/v4/leads/notes", Fault.ACT_THEN_STALL);

    HandleResult r = run(Effects.record(deal(l)));

    assertThat(amo.notes()).hasSize(1);
    assertThat(engine.requests()).containsExactly("POST /api/v4/leads/notes",
        "GET /api/v4/leads/" + l + "/notes");
    assertThat(engine.recorded(1).getUrl().queryParameter("filter[note_type]"))
        .isEqualTo("call_in");
    assertThat(done(r, Effects.record(deal(l))).reconciled()).isTrue();
  }

  @Test
  void lostTaskIsFound() {
    long c = amo.seedContact("Ivan", "+380441234567", Effects.ANNA);
    long l = amo.seedLead(c, "Deal", Effects.PIPELINE, 33929752, Effects.ANNA);
    amo.fail("POST", "/api/v4/tasks", Fault.ACT_THEN_DROP);

    HandleResult r = run(Effects.task(Optional.of(deal(l))));

    assertThat(amo.tasks()).hasSize(1);
    assertThat(engine.requests()).containsExactly("POST /api/v4/tasks", "GET /api/v4/tasks");
    okhttp3.HttpUrl check = engine.recorded(1).getUrl();
    assertThat(check.queryParameterValues("filter[entity_id][]")).containsExactly("" + l);
    assertThat(check.queryParameter("filter[entity_type]")).isEqualTo("leads");
    assertThat(check.queryParameter("filter[responsible_user_id]")).isEqualTo("" + Effects.ANNA);
    assertThat(done(r, Effects.task(Optional.empty())).reconciled()).isTrue();
  }

  @Test
  void lostTaskWithoutEntityIsFoundByResponsibleTextAndDeadline() {
    amo.fail("POST", "/api/v4/tasks", Fault.ACT_THEN_CUT_BODY);

    HandleResult r = run(Effects.task(Optional.empty()));

    assertThat(amo.tasks()).hasSize(1);
    assertThat(done(r, Effects.task(Optional.empty())).reconciled()).isTrue();
    assertThat(engine.recorded(1).getUrl().queryParameter("filter[responsible_user_id]"))
        .isEqualTo(String.valueOf(Effects.ANNA));
  }

  @Test
  void fieldUpdatesAreIdempotentAndSimplyRetried() {
    long c = amo.seedContact("Ivan", "+380441234567", Effects.ANNA);
    long l = amo.seedLead(c, "Deal", Effects.PIPELINE, 33929752, Effects.ANNA);
    amo.fail("PATCH", "/api/v4/leads", Fault.ACT_THEN_DROP);

    HandleResult r = run(Effects.update(deal(l)));

    assertThat(r.status()).as("%s", r).isEqualTo(HandleResult.Status.DELIVERED);
    assertThat(engine.requests()).containsExactly("PATCH /api/v4/leads", "PATCH /api/v4/leads");
    assertThat(amo.patches()).hasSize(2).allSatisfy(p ->
        assertThat(p.path("_path").asText()).isEqualTo("/api/v4/leads/" + l));
    assertThat(engine.gatewayRetries()).isEqualTo(1);
  }

  @Test
  void readsAreRetriedAfterCutBodiesAndStalls() {
    amo.seedContact("Ivan", "+380441234567", Effects.ANNA);
    int mark = amo.mark();
    amo.fail("GET", "/api/v4/contacts", Fault.ACT_THEN_CUT_BODY);
    amo.fail("GET", "/api/v4/contacts", Fault.STALL);

    var view = gateway.lookup(Effects.PHONE, Set.of());

    assertThat(view.contacts()).hasSize(1);
    assertThat(amo.requestsSince(mark)).hasSize(3);
  }

  @Test
  void refusedConnectionsAreRetriedAndNeverAnUnknownOutcome() throws Exception {
    MockWebServer gone = new MockWebServer(); // amoCRM that goes away after the activation
    gone.setDispatcher(amo);
    gone.start();
    AmoOkHttpGateway dead = TestGateways.gateway(gone, time);
    try (PlanEngine e = new PlanEngine(amo, dead).activate()) {
      gone.close(); // from now on, connections are refused

      HandleResult r = e.handle(plan(contact(), newDeal()));

      Call complex = e.port.calls("createComplex").get(0);
      assertThat(complex.error()).get().satisfies(x -> {
        assertThat(x.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(x).isInstanceOf(AmoClientException.class);
      });
      assertThat(r.status()).as("%s", r).isEqualTo(HandleResult.Status.DEFERRED);
      assertThat(r.errorKind()).contains(Kind.TRANSIENT);
      assertThat(r.effects()).isEmpty();
      assertThat(e.gatewayRequests()).isEqualTo(RetryPolicy.DEFAULT.maxAttempts());
      assertThatThrownBy(() -> dead.lookup(new PhoneNumber("380441234567"), Set.of()))
          .isInstanceOf(AmoClientException.class)
          .extracting(x -> ((AmoException) x).kind()).isEqualTo(Kind.TRANSIENT);
    }
  }

  @Test
  void everyFaultOnEveryCreateLeavesExactlyOneEntity() {
    for (Fault fault : Fault.values()) {
      FakeAmo fresh = new FakeAmo();
      server.setDispatcher(fresh);
      try (PlanEngine e = new PlanEngine(fresh, gateway).activate()) {
        long c = fresh.seedContact("Ivan", "+380501112233", Effects.ANNA);
        long l = fresh.seedLead(c, "Deal", Effects.PIPELINE, 33929752, Effects.ANNA);
        for (String path : List.of("/api/v4/leads/complex", "/api/v4/leads/unsorted/sip",
            "/api/v4/leads/notes", "/api/v4/contacts/notes", "/api/v4/tasks")) {
          fresh.fail("POST", path, fault);
        }
        Plan p = Plan.of(Effects.CALL,
            io.ringostat.amo.core.matrix.Scenario.INBOUND_ANSWERED_NEW,
            List.of(contact(), newDeal(), Effects.unsorted(),
                Effects.record(EntityRef.createdBy(EntityType.DEAL, newDeal().key())),
                Effects.record(contactRef(c)), Effects.task(Optional.of(deal(l)))),
            List.of());

        HandleResult r = e.handle(p);

        assertThat(r.status()).as("%s: %s", fault, r).isEqualTo(HandleResult.Status.DELIVERED);
        assertThat(fresh.contactCount()).as(fault.name()).isEqualTo(3); // seeded + new + unsorted's
        assertThat(fresh.leadCount()).as(fault.name()).isEqualTo(3);
        assertThat(fresh.unsortedCount()).as(fault.name()).isEqualTo(1);
        assertThat(fresh.notes()).as(fault.name()).hasSize(2);
        assertThat(fresh.tasks()).as(fault.name()).hasSize(1);
      }
    }
  }
}
