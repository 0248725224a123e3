package io.ringostat.amo.it.transport;

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
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.spi.CrmException.Kind;
import io.ringostat.amo.core.spi.EffectResult;
import io.ringostat.amo.core.spi.ExecutionObserver;
import io.ringostat.amo.core.spi.ExecutionReport;
import io.ringostat.amo.okhttp.testing.Effects;
import io.ringostat.amo.okhttp.testing.FakeAmo;
import io.ringostat.amo.okhttp.testing.FakeAmo.Fault;
import io.ringostat.amo.okhttp.testing.FakeTime;
import io.ringostat.amo.okhttp.testing.TestGateways;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults injected with MockWebServer's {@code SocketEffect}s and delays: closed before the
 * request, closed after the server acted (response lost), stalls (timeouts), cut bodies, 5xx,
 * garbage. Whatever happens, no fault produces a second contact, deal, unsorted request, task or
 * call record (R-ONCE).
 */
class FaultTest {
  @StartStop
  final MockWebServer server = new MockWebServer();

  private final FakeTime time = new FakeTime();
  private final FakeAmo amo = new FakeAmo();
  private AmoOkHttpGateway gateway;

  @BeforeEach
  void setUp() {
    server.setDispatcher(amo);
    gateway = TestGateways.gateway(server, time);
  }

  private ExecutionReport run(Effect... effects) {
    return gateway.execute(plan(effects), Set.of(), ExecutionObserver.NONE);
  }

  private static EffectResult.Done done(ExecutionReport report, int i) {
    assertThat(report.results().get(i)).isInstanceOf(EffectResult.Done.class);
    return (EffectResult.Done) report.results().get(i);
  }

  /** Faults after which amoCRM holds the entity: the check finds it, nothing is resent. */
  @ParameterizedTest
  @EnumSource(value = Fault.class,
      names = {"ACT_THEN_DROP", "ACT_THEN_CUT_BODY", "ACT_THEN_STALL", "ACT_THEN_503"})
  void lostAnswerToComplexIsFoundNotResent(Fault fault) {
    amo.fail("POST", "/api/v4/leads/complex", fault);

    ExecutionReport report = run(contact(), newDeal());

    assertThat(amo.contactCount()).isEqualTo(1);
    assertThat(amo.leadCount()).isEqualTo(1);
    assertThat(amo.requests()).containsExactly("POST /api/v4/leads/complex",
        "GET /api/v4/contacts", "GET /api/v4/leads");
    assertThat(done(report, 0).reconciled()).isTrue();
    assertThat(done(report, 1).reconciled()).isTrue();
    long contactId = done(report, 0).created().get(EntityType.CONTACT);
    assertThat(amo.leadsOf(contactId)).containsExactly(done(report, 1).created().get(EntityType.DEAL));
    assertThat(gateway.metrics().reconciled()).isEqualTo(2);
  }

  /** Faults after which amoCRM holds nothing: the check finds nothing, one resend. */
  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"REFUSE_503", "STALL"})
  void unknownOutcomeWithoutEffectIsCheckedThenResentOnce(Fault fault) {
    amo.fail("POST", "/api/v4/leads/complex", fault);

    ExecutionReport report = run(contact(), newDeal());

    assertThat(amo.contactCount()).isEqualTo(1);
    assertThat(amo.leadCount()).isEqualTo(1);
    assertThat(amo.requests()).containsExactly("POST /api/v4/leads/complex",
        "GET /api/v4/contacts", "POST /api/v4/leads/complex");
    assertThat(done(report, 0).reconciled()).isFalse();
    assertThat(report.isComplete()).isTrue();
  }

  @Test
  void connectionClosedBeforeTheRequestIsCheckedThenResent() {
    amo.closeNextConnectionAtStart();

    ExecutionReport report = run(contact(), newDeal());

    assertThat(amo.contactCount()).isEqualTo(1);
    assertThat(amo.requests()).containsExactly("GET /api/v4/contacts",
        "POST /api/v4/leads/complex");
    assertThat(report.isComplete()).isTrue();
  }

  @Test
  void garbageAfterSuccessIsLookedUpNeverResent() {
    amo.fail("POST", "/api/v4/leads/complex", Fault.ACT_THEN_GARBAGE);

    ExecutionReport report = run(contact(), newDeal());

    assertThat(amo.contactCount()).isEqualTo(1);
    assertThat(amo.requests()).containsExactly("POST /api/v4/leads/complex",
        "GET /api/v4/contacts", "GET /api/v4/leads");
    assertThat(done(report, 0).reconciled()).isTrue();
    assertThat(done(report, 1).reconciled()).isTrue();
  }

  @Test
  void lostTwiceFailsWithOutcomeUnknownAndTheNextRunChecksFirst() {
    amo.fail("POST", "/api/v4/leads/complex", Fault.STALL);
    amo.fail("POST", "/api/v4/leads/complex", Fault.STALL);

    ExecutionReport first = run(contact(), newDeal());

    assertThat(first.failures()).hasSize(2)
        .allSatisfy(f -> assertThat(f.error().kind()).isEqualTo(Kind.OUTCOME_UNKNOWN));
    assertThat(amo.contactCount()).isZero();

    Set<EffectKey> uncertain = Set.of(contact().key(), newDeal().key());
    ExecutionReport second = gateway.execute(plan(contact(), newDeal()), uncertain,
        ExecutionObserver.NONE);

    assertThat(second.isComplete()).isTrue();
    assertThat(amo.contactCount()).isEqualTo(1);
    assertThat(amo.leadCount()).isEqualTo(1);
  }

  @Test
  void uncertainComplexWhoseContactExistsGetsOnlyTheDeal() {
    long existing = amo.seedContact("+380441234567", "+380441234567", Effects.ANNA);
    int mark = amo.mark();

    ExecutionReport report = gateway.execute(plan(contact(), newDeal()),
        Set.of(contact().key(), newDeal().key()), ExecutionObserver.NONE);

    assertThat(amo.requestsSince(mark)).containsExactly("GET /api/v4/contacts",
        "POST /api/v4/leads");
    assertThat(done(report, 0).reconciled()).isTrue();
    assertThat(done(report, 0).created()).containsEntry(EntityType.CONTACT, existing);
    assertThat(done(report, 1).reconciled()).isFalse();
    assertThat(amo.contactCount()).isEqualTo(1);
    assertThat(amo.leadsOf(existing)).hasSize(1);
  }

  @Test
  void uncertainEffectsAlreadyDoneAreNotSent() {
    long c = amo.seedContact("+380441234567", "+380441234567", Effects.ANNA);
    long l = amo.seedLead(c, "Inbound call +380441234567", Effects.PIPELINE, 33929752, Effects.ANNA);
    int mark = amo.mark();

    ExecutionReport report = gateway.execute(plan(contact(), newDeal()),
        Set.of(newDeal().key()), ExecutionObserver.NONE);

    assertThat(amo.requestsSince(mark)).containsExactly("GET /api/v4/contacts",
        "GET /api/v4/leads");
    assertThat(done(report, 1).created()).containsEntry(EntityType.DEAL, l);
    assertThat(amo.leadCount()).isEqualTo(1);
  }

  @Test
  void lostContactIsFound() {
    amo.fail("POST", "/api/v4/contacts", Fault.ACT_THEN_DROP);

    ExecutionReport report = run(contact());

    assertThat(amo.contactCount()).isEqualTo(1);
    assertThat(amo.requests()).containsExactly("POST /api/v4/contacts", "GET /api/v4/contacts");
    assertThat(done(report, 0).reconciled()).isTrue();
  }

  @Test
  void lostDealIsFoundThroughItsContact() {
    long c = amo.seedContact("Ivan", "+380441234567", Effects.ANNA);
    amo.fail("POST", "/api/v4/leads", Fault.ACT_THEN_CUT_BODY);

    ExecutionReport report = run(dealFor(contactRef(c), Optional.empty()));

    assertThat(amo.leadsOf(c)).hasSize(1);
    assertThat(amo.requests()).containsExactly("POST /api/v4/leads",
        "GET /api/v4/contacts/" + c, "GET /api/v4/leads");
    assertThat(amo.recorded().get(1).getUrl().queryParameter("with")).isEqualTo("leads");
    assertThat(done(report, 0).reconciled()).isTrue();
  }

  @Test
  void lostUnsortedIsFoundByUniq() {
    amo.fail("POST", "/api/v4/leads/unsorted/sip", Fault.ACT_THEN_DROP);

    ExecutionReport report = run(Effects.unsorted());

    assertThat(amo.unsortedCount()).isEqualTo(1);
    assertThat(amo.requests()).containsExactly("POST /api/v4/leads/unsorted/sip",
        "GET /api/v4/leads/unsorted");
    assertThat(amo.recorded().get(1).getUrl().queryParameter("filter[category][]"))
        .isEqualTo("sip");
    assertThat(done(report, 0).reconciled()).isTrue();
    assertThat(done(report, 0).created()).containsKeys(EntityType.DEAL, EntityType.CONTACT);
  }

  @Test
  void lostCallRecordIsFoundByUniq() {
    long c = amo.seedContact("Ivan", "+380441234567", Effects.ANNA);
    long l = amo.seedLead(c, "Deal", Effects.PIPELINE, 33929752, Effects.ANNA);
    amo.fail("POST", "/api/v4/leads/notes", Fault.ACT_THEN_STALL);

    ExecutionReport report = run(Effects.record(deal(l)));

    assertThat(amo.notes()).hasSize(1);
    assertThat(amo.requests()).containsExactly("POST /api/v4/leads/notes",
        "GET /api/v4/leads/" + l + "/notes");
    assertThat(amo.recorded().get(1).getUrl().queryParameter("filter[note_type]"))
        .isEqualTo("call_in");
    assertThat(done(report, 0).reconciled()).isTrue();
  }

  @Test
  void lostTaskIsFound() {
    long c = amo.seedContact("Ivan", "+380441234567", Effects.ANNA);
    long l = amo.seedLead(c, "Deal", Effects.PIPELINE, 33929752, Effects.ANNA);
    amo.fail("POST", "/api/v4/tasks", Fault.ACT_THEN_DROP);

    ExecutionReport report = run(Effects.task(Optional.of(deal(l))));

    assertThat(amo.tasks()).hasSize(1);
    assertThat(amo.requests()).containsExactly("POST /api/v4/tasks", "GET /api/v4/tasks");
    okhttp3.HttpUrl check = amo.recorded().get(1).getUrl();
    assertThat(check.queryParameterValues("filter[entity_id][]")).containsExactly("" + l);
    assertThat(check.queryParameter("filter[entity_type]")).isEqualTo("leads");
    assertThat(check.queryParameter("filter[responsible_user_id]")).isEqualTo("" + Effects.ANNA);
    assertThat(done(report, 0).reconciled()).isTrue();
  }

  @Test
  void lostTaskWithoutEntityIsFoundByResponsibleTextAndDeadline() {
    amo.fail("POST", "/api/v4/tasks", Fault.ACT_THEN_CUT_BODY);

    ExecutionReport report = run(Effects.task(Optional.empty()));

    assertThat(amo.tasks()).hasSize(1);
    assertThat(done(report, 0).reconciled()).isTrue();
    assertThat(amo.recorded().get(1).getUrl().queryParameter("filter[responsible_user_id]"))
        .isEqualTo(String.valueOf(Effects.ANNA));
  }

  @Test
  void fieldUpdatesAreIdempotentAndSimplyRetried() {
    long c = amo.seedContact("Ivan", "+380441234567", Effects.ANNA);
    long l = amo.seedLead(c, "Deal", Effects.PIPELINE, 33929752, Effects.ANNA);
    amo.fail("PATCH", "/api/v4/leads/\\d+", Fault.ACT_THEN_DROP);

    ExecutionReport report = run(Effects.update(deal(l)));

    assertThat(report.isComplete()).isTrue();
    assertThat(amo.requests()).containsExactly("PATCH /api/v4/leads/" + l,
        "PATCH /api/v4/leads/" + l);
    assertThat(gateway.metrics().retries()).isEqualTo(1);
  }

  @Test
  void readsAreRetriedAfterCutBodiesAndStalls() {
    amo.seedContact("Ivan", "+380441234567", Effects.ANNA);
    amo.fail("GET", "/api/v4/contacts", Fault.ACT_THEN_CUT_BODY);
    amo.fail("GET", "/api/v4/contacts", Fault.STALL);

    var view = gateway.lookup(Effects.PHONE, Set.of());

    assertThat(view.contacts()).hasSize(1);
    assertThat(amo.requests()).hasSize(3);
  }

  @Test
  void refusedConnectionsAreRetriedAndNeverAnUnknownOutcome() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    AmoOkHttpGateway dead = TestGateways.builder(server, time)
        .insecureLocalBaseUrl("http://127.0.0.1:" + port).build();

    ExecutionReport report = dead.execute(plan(contact(), newDeal()), Set.of(),
        ExecutionObserver.NONE);

    assertThat(report.failures()).hasSize(2).allSatisfy(f -> {
      assertThat(f.error().kind()).isEqualTo(Kind.TRANSIENT);
      assertThat(f.error()).isInstanceOf(AmoClientException.class);
    });
    assertThat(dead.metrics().requests()).isEqualTo(RetryPolicy.DEFAULT.maxAttempts());
    assertThatThrownBy(() -> dead.lookup(new PhoneNumber("380441234567"), Set.of()))
        .isInstanceOf(AmoClientException.class)
        .extracting(e -> ((AmoException) e).kind()).isEqualTo(Kind.TRANSIENT);
  }

  @Test
  void everyFaultOnEveryCreateLeavesExactlyOneEntity() {
    for (Fault fault : Fault.values()) {
      FakeAmo fresh = new FakeAmo();
      server.setDispatcher(fresh);
      long c = fresh.seedContact("Ivan", "+380501112233", Effects.ANNA);
      long l = fresh.seedLead(c, "Deal", Effects.PIPELINE, 33929752, Effects.ANNA);
      for (String path : List.of("/api/v4/leads/complex", "/api/v4/leads/unsorted/sip",
          "/api/v4/leads/notes", "/api/v4/contacts/notes", "/api/v4/tasks")) {
        fresh.fail("POST", path, fault);
      }
      Plan p = Plan.of(Effects.CALL, io.ringostat.amo.core.matrix.Scenario.INBOUND_ANSWERED_NEW,
          List.of(contact(), newDeal(), Effects.unsorted(),
              Effects.record(io.ringostat.amo.core.plan.EntityRef.createdBy(EntityType.DEAL,
                  newDeal().key())),
              Effects.record(contactRef(c)), Effects.task(Optional.of(deal(l)))),
          List.of());

      ExecutionReport report = gateway.execute(p, Set.of(), ExecutionObserver.NONE);

      assertThat(report.isComplete()).as("%s: %s", fault, report).isTrue();
      assertThat(fresh.contactCount()).as(fault.name()).isEqualTo(3); // seeded + new + unsorted's
      assertThat(fresh.leadCount()).as(fault.name()).isEqualTo(3);
      assertThat(fresh.unsortedCount()).as(fault.name()).isEqualTo(1);
      assertThat(fresh.notes()).as(fault.name()).hasSize(2);
      assertThat(fresh.tasks()).as(fault.name()).hasSize(1);
    }
  }
}
