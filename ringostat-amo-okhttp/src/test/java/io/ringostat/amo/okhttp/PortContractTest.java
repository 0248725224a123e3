package io.ringostat.amo.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EffectKind;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.spi.AmoCrm;
import io.ringostat.amo.core.spi.CrmException;
import io.ringostat.amo.core.spi.CrmException.Kind;
import io.ringostat.amo.okhttp.testing.Effects;
import io.ringostat.amo.okhttp.testing.FakeAmo;
import io.ringostat.amo.okhttp.testing.FakeTime;
import io.ringostat.amo.okhttp.testing.Fixtures;
import io.ringostat.amo.okhttp.testing.TestGateways;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link AmoCrm} contract, one request at a time: what each kind of failure of a create or a
 * read becomes, how the reads that find lost creates are sent and read, and the deadline.
 */
class PortContractTest {
  @StartStop
  final MockWebServer server = new MockWebServer();

  private final FakeTime time = new FakeTime();
  private AmoOkHttpGateway gateway;

  @BeforeEach
  void setUp() {
    gateway = TestGateways.gateway(server, time);
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(r).as("a request").isNotNull();
    return r;
  }

  private static void assertKind(Throwable t, Kind kind) {
    assertThat(t).isInstanceOfSatisfying(CrmException.class,
        e -> assertThat(e.kind()).isEqualTo(kind));
  }

  // --- creates ----------------------------------------------------------------------------

  @Test
  void aLostAnswerToACreateIsAnUnknownOutcomeAndIsNotSentAgain() {
    server.enqueue(FakeAmo.json(200, Fixtures.text("leads-complex-response.json")).newBuilder()
        .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());

    Throwable t = catchThrown(() -> gateway.createComplex(Effects.contact(), Effects.newDeal()));

    assertKind(t, Kind.OUTCOME_UNKNOWN);
    assertThat(((CrmException) t).retryable()).isTrue();
    assertThat(t.getMessage()).contains("POST /api/v4/leads/complex");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aServerErrorOnACreateIsAnUnknownOutcomeAndIsNotSentAgain() {
    server.enqueue(FakeAmo.problem(502, "Bad Gateway", "upstream"));

    assertKind(catchThrown(() -> gateway.createContacts(List.of(Effects.contact()))),
        Kind.OUTCOME_UNKNOWN);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anUnreadableSuccessOfACreateIsAnInvalidResponse() {
    server.enqueue(FakeAmo.json(200, "{\"_embedded\": <html>"));

    Throwable t = catchThrown(() -> gateway.createComplex(Effects.contact(), Effects.newDeal()));

    assertKind(t, Kind.INVALID_RESPONSE);
    assertThat(server.getRequestCount()).as("it acted: never sent again").isEqualTo(1);
  }

  @Test
  void zeroOrNegativeIdsInACreateAnswerAreInvalid() {
    server.enqueue(FakeAmo.json(200, "[{\"id\":15198335,\"contact_id\":0,"
        + "\"request_id\":[\"c0ffee-1/create-deal\"]}]"));
    server.enqueue(FakeAmo.json(200, "{\"_embedded\":{\"contacts\":[{\"id\":-3,"
        + "\"request_id\":\"c0ffee-1/create-contact\"}]}}"));
    server.enqueue(FakeAmo.json(200, "{\"_embedded\":{\"leads\":[{\"id\":0}]}}"));

    assertKind(catchThrown(() -> gateway.createComplex(Effects.contact(), Effects.newDeal())),
        Kind.INVALID_RESPONSE);
    assertKind(catchThrown(() -> gateway.createContacts(List.of(Effects.contact()))),
        Kind.INVALID_RESPONSE);
    assertKind(catchThrown(() -> gateway.createDeal(Effects.newDeal(), Optional.of(3501L))),
        Kind.INVALID_RESPONSE);
  }

  @Test
  void aRefusedBatchNamesTheRefusedItemsByEffectKey() {
    Effect.CreateContact first = Effects.contact();
    Effect.CreateContact second = new Effect.CreateContact(
        EffectKey.of("c0ffee-2", EffectKind.CREATE_CONTACT), "test", "+380441234568",
        new PhoneNumber("380441234568"), Effects.ANNA, List.of(), List.of());
    server.enqueue(new MockResponse.Builder().code(400)
        .addHeader("Content-Type", "application/problem+json")
        .body("{\"validation-errors\":[{\"request_id\":\"c0ffee-2/create-contact\",\"errors\":"
            + "[{\"code\":\"NotSupportedChoice\",\"path\":\"responsible_user_id\","
            + "\"detail\":\"The value you selected is not a valid choice.\"}]}],"
            + "\"title\":\"Bad Request\",\"status\":400,\"detail\":\"Request validation failed\"}")
        .build());

    Throwable t = catchThrown(() -> gateway.createContacts(List.of(first, second)));

    assertThat(t).isInstanceOfSatisfying(AmoValidationException.class, e -> {
      assertThat(e.kind()).isEqualTo(Kind.REJECTED);
      assertThat(e.rejectedKeys()).containsExactly(second.key().value());
      assertThat(e.getMessage()).contains("HTTP 400").contains("POST /api/v4/contacts")
          .contains("NotSupportedChoice");
    });
  }

  @Test
  void nothingIsSentForNoNotesOrTasks() {
    gateway.createNotes(EntityType.DEAL, List.of());
    gateway.createTasks(List.of());

    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aConnectionRefusedBeforeSendingIsRetriedAndNeverAnUnknownOutcome() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    AmoOkHttpGateway dead = TestGateways.builder(server, time)
        .insecureLocalBaseUrl("http://127.0.0.1:" + port).build();

    Throwable t = catchThrown(() -> dead.createComplex(Effects.contact(), Effects.newDeal()));

    assertThat(t).isInstanceOf(AmoClientException.class);
    assertKind(t, Kind.TRANSIENT);
    assertThat(dead.metrics().requests()).isEqualTo(RetryPolicy.DEFAULT.maxAttempts());
  }

  @Test
  void fieldUpdatesAreIdempotentAndRetriedAfterALostAnswer() throws Exception {
    server.enqueue(FakeAmo.json(200, "{\"id\":9001}").newBuilder()
        .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(FakeAmo.json(200, "{\"id\":9001}"));

    gateway.updateFields(Effects.update(Effects.deal(9001)), 9001);

    assertThat(take().getMethod()).isEqualTo("PATCH");
    assertThat(take().getUrl().encodedPath()).isEqualTo("/api/v4/leads");
    assertThat(gateway.metrics().retries()).isEqualTo(1);
  }

  @Test
  void readsAreRetriedAfterACutBody() {
    server.enqueue(FakeAmo.json(200, Fixtures.text("contacts-search-fuzzy.json")).newBuilder()
        .onResponseBody(new SocketEffect.CloseSocket()).build());
    server.enqueue(FakeAmo.json(200, Fixtures.text("contacts-search-fuzzy.json")));

    assertThat(gateway.lookup(new PhoneNumber("79161234567"), Set.of()).contacts()).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  // --- reads ------------------------------------------------------------------------------

  @Test
  void aLookupAnswerWithoutEmbeddedIsInvalidNeverAnUnknownCaller() {
    server.enqueue(FakeAmo.json(200, "{\"_page\":1,\"_links\":{\"self\":{\"href\":\"x\"}}}"));

    Throwable t = catchThrown(() -> gateway.lookup(Effects.PHONE, Set.of()));

    assertKind(t, Kind.INVALID_RESPONSE);
    assertThat(t.getMessage()).contains("_embedded").doesNotContain("0441234567");
  }

  @Test
  void findContactPrefersTheOneWithTheOpenDealOfThatName() throws Exception {
    server.enqueue(FakeAmo.json(200, Fixtures.text("contacts-search.json")));
    server.enqueue(FakeAmo.json(200, Fixtures.text("leads-by-id.json")));

    Optional<AmoCrm.FoundContact> found = gateway.findContact(new PhoneNumber("79161234567"),
        "Ivan Petrov", Optional.of("Inbound call +79161234567"));

    assertThat(found).contains(new AmoCrm.FoundContact(3501, Optional.of(9001L)));
    assertThat(take().getUrl().queryParameter("query")).isEqualTo("9161234567");
  }

  @Test
  void findContactFindsNothingOnNoContent() {
    server.enqueue(new MockResponse.Builder().code(204).build());

    assertThat(gateway.findContact(Effects.PHONE, "test", Optional.empty())).isEmpty();
  }

  @Test
  void findDealReadsTheContactsLeads() throws Exception {
    server.enqueue(FakeAmo.json(200, "{\"id\":3501,\"name\":\"Ivan Petrov\",\"_embedded\":"
        + "{\"leads\":[{\"id\":9001},{\"id\":9002}]}}"));
    server.enqueue(FakeAmo.json(200, Fixtures.text("leads-by-id.json")));
    server.enqueue(FakeAmo.json(200, "{\"id\":3501,\"name\":\"Ivan Petrov\",\"_embedded\":"
        + "{\"leads\":[{\"id\":9001},{\"id\":9002}]}}"));
    server.enqueue(FakeAmo.json(200, Fixtures.text("leads-by-id.json")));

    assertThat(gateway.findDeal(3501, "Inbound call +79161234567")).contains(9001L);
    assertThat(gateway.findDeal(3501, "Old order")).as("closed deals are not ours").isEmpty();
    RecordedRequest contact = take();
    assertThat(contact.getUrl().encodedPath()).isEqualTo("/api/v4/contacts/3501");
    assertThat(contact.getUrl().queryParameter("with")).isEqualTo("leads");
  }

  @Test
  void findUnsortedMatchesTheUniq() {
    server.enqueue(FakeAmo.json(200, Fixtures.text("unsorted-list.json")));
    server.enqueue(FakeAmo.json(200, Fixtures.text("unsorted-list.json")));

    assertThat(gateway.findUnsorted("c0ffee-1"))
        .contains(new AmoCrm.UnsortedIds(15198400L, Optional.of(19663200L)));
    assertThat(gateway.findUnsorted("never-sent")).isEmpty();
  }

  @Test
  void noteUniqsReadsTheCallNotesOfTheEntity() throws Exception {
    server.enqueue(FakeAmo.json(200, "{\"_embedded\":{\"notes\":[{\"id\":1,\"note_type\":"
        + "\"call_in\",\"params\":{\"uniq\":\"c0ffee-1\"}},{\"id\":2,\"note_type\":\"common\","
        + "\"params\":{}}]}}"));

    Set<String> uniqs = gateway.noteUniqs(EntityType.DEAL, 9001, CallDirection.INBOUND);

    assertThat(uniqs).containsExactly("c0ffee-1");
    RecordedRequest r = take();
    assertThat(r.getUrl().encodedPath()).isEqualTo("/api/v4/leads/9001/notes");
    assertThat(r.getUrl().queryParameter("filter[note_type]")).isEqualTo("call_in");
  }

  @Test
  void findTasksFiltersByEntityAndResponsible() throws Exception {
    server.enqueue(FakeAmo.json(200, "{\"_embedded\":{\"tasks\":[{\"id\":77,\"text\":\"Call back\","
        + "\"complete_till\":1732554000,\"entity_id\":9001,\"entity_type\":\"leads\","
        + "\"responsible_user_id\":504141,\"is_completed\":true}]}}"));

    List<AmoCrm.ExistingTask> tasks = gateway.findTasks(Optional.of(EntityType.DEAL),
        Set.of(9001L), 504141);

    assertThat(tasks).containsExactly(new AmoCrm.ExistingTask(77, Optional.of(EntityType.DEAL),
        Optional.of(9001L), 504141, "Call back", 1732554000L, true));
    RecordedRequest r = take();
    assertThat(r.getUrl().queryParameterValues("filter[entity_id][]")).containsExactly("9001");
    assertThat(r.getUrl().queryParameter("filter[entity_type]")).isEqualTo("leads");
    assertThat(r.getUrl().queryParameter("filter[responsible_user_id]")).isEqualTo("504141");
  }

  // --- the deadline -------------------------------------------------------------------------

  @Test
  void aServerThatDripsItsAnswerCannotHoldACallPastTheDeadline() {
    AmoOkHttpGateway g = TestGateways.builder(server, time)
        .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5))
        .callTimeout(Duration.ofSeconds(1))
        .build();
    MockResponse drip = FakeAmo.json(200, Fixtures.text("leads-complex-response.json"))
        .newBuilder().throttleBody(1, 2, TimeUnit.SECONDS).build();
    server.enqueue(drip);
    server.enqueue(drip);
    server.enqueue(drip);

    long start = System.nanoTime();
    Throwable create = catchThrown(() -> g.createComplex(Effects.contact(), Effects.newDeal()));
    Duration createTook = Duration.ofNanos(System.nanoTime() - start);

    assertKind(create, Kind.OUTCOME_UNKNOWN);
    assertThat(create.getMessage()).contains("call timeout");
    assertThat(createTook).isLessThan(Duration.ofSeconds(4));

    AmoOkHttpGateway reads = TestGateways.builder(server, time)
        .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5))
        .callTimeout(Duration.ofSeconds(1))
        .retryPolicy(RetryPolicy.DEFAULT.withMaxAttempts(2))
        .build();
    start = System.nanoTime();
    Throwable read = catchThrown(() -> reads.probe());
    Duration readTook = Duration.ofNanos(System.nanoTime() - start);

    assertThat(read).isInstanceOfSatisfying(CrmException.class, e -> {
      assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
      assertThat(e.retryable()).isTrue();
    });
    assertThat(readTook).as("two attempts of at most a second each").isLessThan(
        Duration.ofSeconds(6));
  }

  @Test
  void theCallTimeoutMustBePositive() {
    assertThatThrownBy(() -> TestGateways.builder(server, time).callTimeout(Duration.ZERO)
        .build()).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("callTimeout");
  }

  private static Throwable catchThrown(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }
}
