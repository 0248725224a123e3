package io.ringostat.amo.it.transport;

import static io.ringostat.amo.okhttp.testing.Effects.contact;
import static io.ringostat.amo.okhttp.testing.Effects.deal;
import static io.ringostat.amo.okhttp.testing.Effects.newDeal;
import static io.ringostat.amo.okhttp.testing.Effects.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EffectKind;
import io.ringostat.amo.core.plan.EntityRef;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.spi.CrmException.Kind;
import io.ringostat.amo.core.spi.EffectResult;
import io.ringostat.amo.core.spi.ExecutionObserver;
import io.ringostat.amo.core.spi.ExecutionReport;
import io.ringostat.amo.okhttp.testing.Effects;
import io.ringostat.amo.okhttp.testing.FakeAmo;
import io.ringostat.amo.okhttp.testing.FakeTime;
import io.ringostat.amo.okhttp.testing.TestGateways;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The executor's contract: order, observer calls, dependencies, stops, batches. */
class ExecutionTest {
  @StartStop
  final MockWebServer server = new MockWebServer();

  private final FakeTime time = new FakeTime();
  private final FakeAmo amo = new FakeAmo();
  private final List<String> history = Collections.synchronizedList(new ArrayList<>());
  private AmoOkHttpGateway gateway;

  private final ExecutionObserver observer = new ExecutionObserver() {
    @Override
    public void sending(List<EffectKey> keys) {
      history.add("sending " + keys);
    }

    @Override
    public void done(EffectResult.Done result) {
      history.add("done " + result.key());
    }
  };

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
  }

  private static EntityRef pendingDeal() {
    return EntityRef.createdBy(EntityType.DEAL, newDeal().key());
  }

  private static EntityRef pendingContact() {
    return EntityRef.createdBy(EntityType.CONTACT, contact().key());
  }

  @Test
  void theObserverHearsOfEveryRequestBeforeAndOfEveryEffectAfter() {
    ExecutionReport report = gateway.execute(plan(contact(), newDeal(),
        Effects.record(pendingDeal()), Effects.record(pendingContact()),
        Effects.task(Optional.of(pendingDeal()))), Set.of(), observer);

    assertThat(report.isComplete()).isTrue();
    assertThat(report.requests()).isEqualTo(4);
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
    long dealId = report.created(newDeal().key()).get(EntityType.DEAL);
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
        if (r.getUrl().encodedPath().equals("/api/v4/leads/complex")) {
          return FakeAmo.problem(400, "Bad Request", "Request validation failed");
        }
        return amo.dispatch(r);
      }
    });
    long existingLead = amo.seedLead(20_001, "Deal", 1, 2, Effects.ANNA);

    ExecutionReport report = gateway.execute(plan(contact(), badDeal,
        Effects.record(pendingDeal()), Effects.task(Optional.of(deal(existingLead)))), Set.of(),
        observer);

    assertThat(report.results().get(0)).isInstanceOf(EffectResult.Failed.class);
    assertThat(report.results().get(1)).isInstanceOf(EffectResult.Failed.class);
    assertThat(report.results().get(2)).isInstanceOfSatisfying(EffectResult.Skipped.class,
        s -> assertThat(s.reason()).contains("c0ffee-1/create-deal, which failed"));
    assertThat(report.results().get(3)).isInstanceOf(EffectResult.Done.class);
    assertThat(report.firstError()).get().satisfies(e -> {
      assertThat(e).isInstanceOf(AmoValidationException.class);
      assertThat(e.kind()).isEqualTo(Kind.REJECTED);
    });
  }

  @Test
  void anObserverExceptionEscapesAsItIs() {
    IllegalStateException boom = new IllegalStateException("journal full");
    ExecutionObserver failing = new ExecutionObserver() {
      @Override
      public void done(EffectResult.Done result) {
        throw boom;
      }
    };

    assertThatThrownBy(() -> gateway.execute(plan(contact(), newDeal(),
        Effects.record(pendingDeal())), Set.of(), failing)).isSameAs(boom);
    assertThat(amo.requests()).containsExactly("POST /api/v4/leads/complex");
  }

  @Test
  void resultsFollowPlanOrderWhileCreatesGoFirst() {
    long c = amo.seedContact("Ivan", "+380501112233", Effects.ANNA);
    long l = amo.seedLead(c, "Deal", 1, 2, Effects.ANNA);
    Effect.RecordCall record = Effects.record(deal(l));
    Effect.CreateUnsorted unsorted = Effects.unsorted();

    ExecutionReport report = gateway.execute(plan(record, unsorted), Set.of(), observer);

    assertThat(report.results()).extracting(EffectResult::key)
        .containsExactly(record.key(), unsorted.key());
    assertThat(amo.requests()).containsExactly("POST /api/v4/leads/unsorted/sip",
        "POST /api/v4/leads/notes");
  }

  @Test
  void aCallRecordOnAnUnsortedRequestGoesToItsLead() {
    Effect.CreateUnsorted unsorted = Effects.unsorted();
    EntityRef lead = EntityRef.createdBy(EntityType.DEAL, unsorted.key());

    ExecutionReport report = gateway.execute(plan(unsorted, Effects.record(lead)), Set.of(),
        observer);

    long leadId = report.created(unsorted.key()).get(EntityType.DEAL);
    assertThat(amo.notes()).singleElement()
        .satisfies(n -> assertThat(n.get("entity_id").asLong()).isEqualTo(leadId));
  }

  @Test
  void anUncertainCallRecordAlreadyThereIsNotSentAgain() {
    long c = amo.seedContact("Ivan", "+380501112233", Effects.ANNA);
    long l = amo.seedLead(c, "Deal", 1, 2, Effects.ANNA);
    gateway.execute(plan(Effects.record(deal(l))), Set.of(), ExecutionObserver.NONE);
    int mark = amo.mark();

    ExecutionReport report = gateway.execute(plan(Effects.record(deal(l))),
        Set.of(Effects.record(deal(l)).key()), observer);

    assertThat(amo.requestsSince(mark)).containsExactly("GET /api/v4/leads/" + l + "/notes");
    assertThat(report.done()).singleElement()
        .satisfies(d -> assertThat(d.reconciled()).isTrue());
    assertThat(amo.notes()).hasSize(1);
  }

  @Test
  void aBatchRefusedForOneItemLeavesTheOthersUncertain() {
    Effect.CreateTask a = Effects.task(Optional.empty());
    Effect.CreateTask b = new Effect.CreateTask(EffectKey.of("c0ffee-1", EffectKind.CREATE_TASK, "other"),
        "test", Optional.empty(), 1, 1, "Other", Instant.ofEpochSecond(1_732_554_000L));
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        return new MockResponse.Builder().code(400).body("{\"validation-errors\":[{\"request_id\":"
            + "\"c0ffee-1/create-task/other\",\"errors\":[{\"code\":\"NotSupportedChoice\","
            + "\"path\":\"responsible_user_id\",\"detail\":\"bad\"}]}],\"title\":\"Bad Request\","
            + "\"status\":400,\"detail\":\"Request validation failed\"}").build();
      }
    });

    ExecutionReport report = gateway.execute(plan(a, b), Set.of(), observer);

    assertThat(report.failures()).hasSize(2);
    assertThat(report.failures().get(0).error().kind()).isEqualTo(Kind.OUTCOME_UNKNOWN);
    assertThat(report.failures().get(1).error().kind()).isEqualTo(Kind.REJECTED);
    assertThat(report.requests()).isEqualTo(1);
  }
}
