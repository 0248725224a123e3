package io.ringostat.amo.it.transport;

import static io.ringostat.amo.it.transport.PlanEngine.done;
import static io.ringostat.amo.it.transport.PlanEngine.keys;
import static io.ringostat.amo.okhttp.testing.Effects.contact;
import static io.ringostat.amo.okhttp.testing.Effects.deal;
import static io.ringostat.amo.okhttp.testing.Effects.newDeal;
import static io.ringostat.amo.okhttp.testing.Effects.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EffectKind;
import io.ringostat.amo.core.plan.EntityRef;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.spi.CrmException;
import io.ringostat.amo.core.spi.CrmException.Kind;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.journal.EntryState;
import io.ringostat.amo.okhttp.AmoOkHttpGateway;
import io.ringostat.amo.okhttp.AmoValidationException;
import io.ringostat.amo.okhttp.testing.Effects;
import io.ringostat.amo.okhttp.testing.FakeAmo;
import io.ringostat.amo.okhttp.testing.FakeTime;
import io.ringostat.amo.okhttp.testing.TestGateways;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's execution of a plan over the OkHttp gateway: order, journaling before every request
 * and after every effect, dependencies, stops, batches.
 */
class ExecutionTest {
  @StartStop
  final MockWebServer server = new MockWebServer();

  private final FakeTime time = new FakeTime();
  private final FakeAmo amo = new FakeAmo();
  private final List<String> history = Collections.synchronizedList(new ArrayList<>());
  private AmoOkHttpGateway gateway;
  private PlanEngine engine;

  @BeforeEach
  void setUp() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
        history.add(r.getMethod() + " " + r.getUrl().encodedPath());
        return amo.dispatch(r);
      }
    });
    gateway = TestGateways.gateway(server, time);
    engine = new PlanEngine(amo, gateway, history::add).activate();
    history.clear(); // the activation's requests
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  private static EntityRef pendingDeal() {
    return EntityRef.createdBy(EntityType.DEAL, newDeal().key());
  }

  private static EntityRef pendingContact() {
    return EntityRef.createdBy(EntityType.CONTACT, contact().key());
  }

  @Test
  void theJournalHearsOfEveryRequestBeforeAndOfEveryEffectAfter() {
    HandleResult r = engine.handle(plan(contact(), newDeal(),
        Effects.record(pendingDeal()), Effects.record(pendingContact()),
        Effects.task(Optional.of(pendingDeal()))));

    assertThat(r.status()).as("%s", r).isEqualTo(HandleResult.Status.DELIVERED);
    assertThat(engine.requests()).hasSize(4);
    assertThat(engine.gatewayRequests()).isEqualTo(4);
    assertThat(history).containsExactly(
        "sending [c0ffee-1/create-contact, c0ffee-1/create-deal]",
        "POST /api/v4/leads/complex",
        "done c0ffee-1/create-contact",
        "done c0ffee-1/create-deal",
        "sending [c0ffee-1/record-call/deal]",
        "POST /api/v4/leads/notes",
        "done c0ffee-1/record-call/deal",
        "sending [c0ffee-1/record-call/contact]",
        "POST /api/v4/contacts/notes",
        "done c0ffee-1/record-call/contact",
        "sending [c0ffee-1/create-task/missed-call]",
        "POST /api/v4/tasks",
        "done c0ffee-1/create-task/missed-call");
    long dealId = done(r, newDeal()).created().get(EntityType.DEAL);
    assertThat(amo.notes().get(0).get("entity_id").asLong()).isEqualTo(dealId);
    assertThat(amo.tasks().get(0).get("entity_id").asLong()).isEqualTo(dealId);
    assertThat(amo.tasks().get(0).get("entity_type").asText()).isEqualTo("leads");
  }

  @Test
  void effectsThatDependOnAFailedOneAreSkippedOthersStillRun() {
    amo.seedContact("Ivan", "+380501112233", Effects.ANNA);
    Effect.CreateDeal badDeal = new Effect.CreateDeal(newDeal().key(), "test", "x",
        Optional.of(pendingContact()), Optional.of(1L), Optional.empty(), 1, List.of(),
        List.of());
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
        history.add(r.getMethod() + " " + r.getUrl().encodedPath());
        if (r.getUrl().encodedPath().equals("/api/v4/leads/complex")) {
          return FakeAmo.problem(400, "Bad Request", "Request validation failed");
        }
        return amo.dispatch(r);
      }
    });
    long existingLead = amo.seedLead(20_001, "Deal", 1, 2, Effects.ANNA);
    Effect.CreateTask task = Effects.task(Optional.of(deal(existingLead)));

    HandleResult r = engine.handle(plan(contact(), badDeal, Effects.record(pendingDeal()), task));

    // contact and deal failed (REJECTED), the record on the deal was skipped (never journaled as
    // sending, never sent), the task on an existing deal was still carried out
    assertThat(r.status()).as("%s", r).isEqualTo(HandleResult.Status.FAILED);
    assertThat(keys(r)).containsExactly(task.key());
    assertThat(history).containsExactly(
        "sending [c0ffee-1/create-contact, c0ffee-1/create-deal]",
        "POST /api/v4/leads/complex",
        "sending [c0ffee-1/create-task/missed-call]",
        "POST /api/v4/tasks",
        "done c0ffee-1/create-task/missed-call");
    assertThat(engine.port.calls("createNotes")).isEmpty();
    // the first error is the gateway's validation error of the complex request
    List<CrmException> errors = engine.port.errors();
    assertThat(errors).singleElement().satisfies(e -> {
      assertThat(e).isInstanceOf(AmoValidationException.class);
      assertThat(e.kind()).isEqualTo(Kind.REJECTED);
    });
    assertThat(r.errorKind()).contains(Kind.REJECTED);
    assertThat(r.message()).isEqualTo(Kind.REJECTED + ": " + errors.get(0).getMessage());
  }

  @Test
  void aJournalFailureStopsThePlanAndKeepsTheEventForARetry() {
    IllegalStateException boom = new IllegalStateException("journal full");
    engine.journal.failDone(boom, Integer.MAX_VALUE);

    HandleResult r = engine.handle(plan(contact(), newDeal(), Effects.record(pendingDeal())));

    // not a CRM failure: nothing after the request whose effect could not be journaled is sent,
    // and the event stays pending for a retry (which checks amoCRM first: the keys are uncertain)
    assertThat(r.status()).as("%s", r).isEqualTo(HandleResult.Status.DEFERRED);
    assertThat(r.message()).contains("IllegalStateException: journal full");
    assertThat(engine.requests()).containsExactly("POST /api/v4/leads/complex");
    assertThat(engine.engine.journalEntries(EntryState.PENDING, 10)).singleElement()
        .satisfies(e -> assertThat(e.callId()).isEqualTo(Effects.CALL));
    assertThat(engine.journal.uncertain(Effects.CALL))
        .containsExactlyInAnyOrder(contact().key(), newDeal().key());
  }

  @Test
  void resultsFollowPlanOrderWhileCreatesGoFirst() {
    long c = amo.seedContact("Ivan", "+380501112233", Effects.ANNA);
    long l = amo.seedLead(c, "Deal", 1, 2, Effects.ANNA);
    Effect.RecordCall record = Effects.record(deal(l));
    Effect.CreateUnsorted unsorted = Effects.unsorted();

    HandleResult r = engine.handle(plan(record, unsorted));

    assertThat(keys(r)).containsExactly(record.key(), unsorted.key());
    assertThat(engine.requests()).containsExactly("POST /api/v4/leads/unsorted/sip",
        "POST /api/v4/leads/notes");
  }

  @Test
  void aCallRecordOnAnUnsortedRequestGoesToItsLead() {
    Effect.CreateUnsorted unsorted = Effects.unsorted();
    EntityRef lead = EntityRef.createdBy(EntityType.DEAL, unsorted.key());

    HandleResult r = engine.handle(plan(unsorted, Effects.record(lead)));

    long leadId = done(r, unsorted).created().get(EntityType.DEAL);
    assertThat(amo.notes()).singleElement()
        .satisfies(n -> assertThat(n.get("entity_id").asLong()).isEqualTo(leadId));
  }

  @Test
  void anUncertainCallRecordAlreadyThereIsNotSentAgain() {
    long c = amo.seedContact("Ivan", "+380501112233", Effects.ANNA);
    long l = amo.seedLead(c, "Deal", 1, 2, Effects.ANNA);
    // the record is sent, then its done mark is lost (as in a crash): it stays uncertain
    engine.journal.failDone(new IllegalStateException("crash before markDone"), 1);

    HandleResult first = engine.handle(plan(Effects.record(deal(l))));

    assertThat(first.status()).as("%s", first).isEqualTo(HandleResult.Status.DEFERRED);
    assertThat(engine.journal.uncertain(Effects.CALL))
        .containsExactly(Effects.record(deal(l)).key());
    int mark = amo.mark();

    engine.allowRetry();
    HandleResult r = engine.awaitFinal(first.seq());

    assertThat(amo.requestsSince(mark)).containsExactly("GET /api/v4/leads/" + l + "/notes");
    assertThat(r.effects()).singleElement()
        .satisfies(d -> assertThat(d.reconciled()).isTrue());
    assertThat(amo.notes()).hasSize(1);
  }

  @Test
  void aBatchRefusedForOneItemLeavesTheOthersUncertain() {
    Effect.CreateTask a = Effects.task(Optional.empty());
    Effect.CreateTask b = new Effect.CreateTask(
        EffectKey.of("c0ffee-1", EffectKind.CREATE_TASK, "other"), "test", Optional.empty(), 1, 1,
        "Other", Instant.ofEpochSecond(1_732_554_000L));
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        return new MockResponse.Builder().code(400).body("{\"validation-errors\":[{\"request_id\":"
            + "\"c0ffee-1/create-task/other\",\"errors\":[{\"code\":\"NotSupportedChoice\","
            + "\"path\":\"responsible_user_id\",\"detail\":\"bad\"}]}],\"title\":\"Bad Request\","
            + "\"status\":400,\"detail\":\"Request validation failed\"}").build();
      }
    });

    HandleResult r = engine.handle(plan(a, b));

    // the gateway names b as refused; the engine fails b as REJECTED and a (plan order: the first
    // error) with an unknown outcome, so the event is retried and a checked before a resend
    assertThat(engine.port.errors()).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(Kind.REJECTED);
      assertThat(e.rejectedKeys()).containsExactly(b.key().value());
    });
    assertThat(r.status()).as("%s", r).isEqualTo(HandleResult.Status.DEFERRED);
    assertThat(r.errorKind()).contains(Kind.OUTCOME_UNKNOWN);
    assertThat(r.message()).contains("another item of the same batch was refused");
    assertThat(r.effects()).isEmpty();
    assertThat(engine.gatewayRequests()).isEqualTo(1);
    assertThat(engine.journal.uncertain(Effects.CALL)).contains(a.key());
  }
}
