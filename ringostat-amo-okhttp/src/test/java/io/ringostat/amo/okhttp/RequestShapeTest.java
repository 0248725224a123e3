package io.ringostat.amo.okhttp;

import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EffectKind;
import static io.ringostat.amo.okhttp.testing.Effects.contact;
import static io.ringostat.amo.okhttp.testing.Effects.contactRef;
import static io.ringostat.amo.okhttp.testing.Effects.deal;
import static io.ringostat.amo.okhttp.testing.Effects.dealFor;
import static io.ringostat.amo.okhttp.testing.Effects.newDeal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.core.model.CrmDeal;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.FieldValue;
import io.ringostat.amo.core.spi.AmoCrm;
import io.ringostat.amo.core.spi.AmoCrm.Include;
import io.ringostat.amo.okhttp.testing.Effects;
import io.ringostat.amo.okhttp.testing.FakeAmo;
import io.ringostat.amo.okhttp.testing.FakeTime;
import io.ringostat.amo.okhttp.testing.Fixtures;
import io.ringostat.amo.okhttp.testing.TestGateways;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every request shape against the reference: method, path, query, headers and the JSON body
 * compared with the fixture (reference example bodies); and how answers are read.
 */
class RequestShapeTest {
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

  private static void assertBody(RecordedRequest r, String fixture) {
    JsonNode actual = Fixtures.tree(r.getBody().utf8());
    assertThat(actual).isEqualTo(Fixtures.json(fixture));
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
  }

  private void enqueue(String fixture) {
    server.enqueue(FakeAmo.json(200, Fixtures.text(fixture)));
  }

  @Test
  void lookupSearchesByLastTenDigitsThenReadsLeadStatusesInOneRequest() throws Exception {
    enqueue("contacts-search.json");
    enqueue("leads-by-id.json");

    CrmView view = gateway.lookup(new PhoneNumber("79161234567"), Set.of());

    RecordedRequest search = take();
    assertThat(search.getMethod()).isEqualTo("GET");
    assertThat(search.getUrl().encodedPath()).isEqualTo("/api/v4/contacts");
    assertThat(search.getUrl().queryParameter("query")).isEqualTo("9161234567");
    assertThat(search.getUrl().queryParameter("with")).isEqualTo("leads");
    assertThat(search.getUrl().queryParameter("limit")).isEqualTo("250");
    assertThat(search.getHeaders().get("Authorization")).isEqualTo("Bearer test-token");
    assertThat(search.getHeaders().get("Accept")).isEqualTo("application/json");
    RecordedRequest leads = take();
    assertThat(leads.getUrl().encodedPath()).isEqualTo("/api/v4/leads");
    assertThat(leads.getUrl().queryParameterValues("filter[id][]")).containsExactly("9001", "9002");
    assertThat(server.getRequestCount()).isEqualTo(2);

    assertThat(view.contacts()).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo(3501);
      assertThat(c.responsibleUserId()).contains(504141L);
      assertThat(c.dealIds()).containsExactly(9001L, 9002L);
    });
    assertThat(view.deals()).extracting(CrmDeal::id, CrmDeal::isOpen, CrmDeal::pipelineId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(9001L, true, 3383152L),
            org.assertj.core.groups.Tuple.tuple(9002L, false, 3383152L));
    assertThat(view.primaryOpenDeal()).map(CrmDeal::id).contains(9001L);
    assertThat(view.deals().get(0).contactId()).contains(3501L);
  }

  @Test
  void lookupDropsFuzzyHitsWhosePhoneDoesNotMatch() throws Exception {
    enqueue("contacts-search-fuzzy.json");

    CrmView view = gateway.lookup(new PhoneNumber("79161234567"), Set.of());

    assertThat(view.contacts()).extracting(c -> c.id()).containsExactly(3501L);
    assertThat(server.getRequestCount()).as("the kept contact has no deals: one request")
        .isEqualTo(1);
  }

  @Test
  void noContentMeansNothingFound() throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).build());

    CrmView view = gateway.lookup(new PhoneNumber("380441234567"), Set.of());

    assertThat(view.contacts()).isEmpty();
    assertThat(view.isExisting()).isFalse();
    assertThat(take().getUrl().queryParameter("query")).isEqualTo("0441234567");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void lookupFetchesCompaniesAndUnsortedOnlyWhenAsked() throws Exception {
    enqueue("contacts-search-fuzzy.json");
    server.enqueue(FakeAmo.json(200, "{\"_embedded\":{\"companies\":[{\"id\":7001,"
        + "\"name\":\"Acme LLC\",\"responsible_user_id\":504141}]}}"));
    enqueue("unsorted-list.json");

    CrmView view = gateway.lookup(new PhoneNumber("79161234567"),
        EnumSet.of(Include.COMPANIES, Include.UNSORTED));

    take();
    RecordedRequest companies = take();
    assertThat(companies.getUrl().encodedPath()).isEqualTo("/api/v4/companies");
    assertThat(companies.getUrl().queryParameterValues("filter[id][]")).containsExactly("7001");
    RecordedRequest unsorted = take();
    assertThat(unsorted.getUrl().encodedPath()).isEqualTo("/api/v4/leads/unsorted");
    assertThat(unsorted.getUrl().queryParameter("filter[category][]")).isEqualTo("sip");
    assertThat(unsorted.getUrl().queryParameter("order[created_at]")).isEqualTo("desc");
    assertThat(view.companies()).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo(7001);
      assertThat(c.name()).isEqualTo("Acme LLC");
    });
    assertThat(view.unsorted()).as("the phone is not the unsorted request's").isEmpty();
  }

  @Test
  void unsortedRequestsMatchTheirMetadataPhone() throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).build());
    enqueue("unsorted-list.json");

    CrmView view = gateway.lookup(new PhoneNumber("380441234567"), EnumSet.of(Include.UNSORTED));

    assertThat(view.unsorted()).singleElement().satisfies(u -> {
      assertThat(u.uid()).isEqualTo("a1b2c3d4e5");
      assertThat(u.leadId()).contains(15198400L);
      assertThat(u.contactId()).contains(19663200L);
      assertThat(u.responsibleUserId()).contains(504142L);
    });
    assertThat(view.isExisting()).isTrue();
  }

  @Test
  void lookupFollowsNextPagesByPageNumber() throws Exception {
    server.enqueue(FakeAmo.json(200, Fixtures.text("contacts-search.json")
        .replace("\"_links\":{", "\"_links\":{\"next\":{\"href\":\"https://evil.example/x\"},")));
    server.enqueue(new MockResponse.Builder().code(204).build());
    enqueue("leads-by-id.json");

    gateway.lookup(new PhoneNumber("79161234567"), Set.of());

    assertThat(take().getUrl().queryParameter("page")).isNull();
    RecordedRequest second = take();
    assertThat(second.getUrl().encodedPath()).isEqualTo("/api/v4/contacts");
    assertThat(second.getUrl().queryParameter("page")).isEqualTo("2");
    assertThat(take().getUrl().encodedPath()).isEqualTo("/api/v4/leads");
  }

  @Test
  void newClientIsOneLeadsComplexRequest() throws Exception {
    enqueue("leads-complex-response.json");

    AmoCrm.ComplexIds ids = gateway.createComplex(contact(), newDeal());

    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/api/v4/leads/complex");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer test-token");
    assertBody(r, "leads-complex-request.json");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(ids).isEqualTo(new AmoCrm.ComplexIds(19663157L, 15198335L));
  }

  @Test
  void contactAloneIsPostContacts() throws Exception {
    enqueue("contacts-create-response.json");

    List<Long> ids = gateway.createContacts(List.of(contact()));

    RecordedRequest r = take();
    assertThat(r.getMethod() + " " + r.getUrl().encodedPath()).isEqualTo("POST /api/v4/contacts");
    assertBody(r, "contacts-create-request.json");
    assertThat(ids).containsExactly(3501L);
  }

  @Test
  void dealForAnExistingContactIsPostLeads() throws Exception {
    enqueue("leads-create-response.json");
    var d = dealFor(contactRef(3501), Optional.of(33929752L));

    long id = gateway.createDeal(d, Optional.of(3501L));

    RecordedRequest r = take();
    assertThat(r.getMethod() + " " + r.getUrl().encodedPath()).isEqualTo("POST /api/v4/leads");
    assertBody(r, "leads-create-request.json");
    assertThat(id).isEqualTo(9003L);
  }

  @Test
  void unsortedIsPostUnsortedSip() throws Exception {
    enqueue("unsorted-sip-response.json");

    AmoCrm.UnsortedIds ids = gateway.createUnsorted(Effects.unsorted());

    RecordedRequest r = take();
    assertThat(r.getMethod() + " " + r.getUrl().encodedPath())
        .isEqualTo("POST /api/v4/leads/unsorted/sip");
    assertBody(r, "unsorted-sip-request.json");
    assertThat(ids).isEqualTo(new AmoCrm.UnsortedIds(15198400L, Optional.of(19663200L)));
  }

  @Test
  void unsortedContactCarriesItsTrackingFieldsAndTags() throws Exception {
    enqueue("unsorted-sip-response.json");
    Effect.CreateUnsorted u = Effects.unsorted();
    Effect.CreateUnsorted withContactData = new Effect.CreateUnsorted(u.key(), u.reason(),
        u.callId(), u.phone(), u.pipelineId(), u.calledAt(), u.duration(), u.recordingUrl(),
        u.responsibleUserId(), u.contactName(), u.dealName(), u.fields(), u.tags(),
        List.of(FieldValue.byId(771100, "google")), List.of("Context ads"), "pbx-east");

    gateway.createUnsorted(withContactData);

    JsonNode item = Fixtures.tree(take().getBody().utf8()).get(0);
    JsonNode contact = item.path("_embedded").path("contacts").get(0);
    assertThat(contact.toString()).contains("\"field_code\":\"PHONE\"")
        .contains("\"field_id\":771100").contains("google").contains("Context ads");
    assertThat(item.get("source_name").asText()).as("the effect's source").isEqualTo("pbx-east");
    assertThat(item.get("source_uid").asText()).isEqualTo("pbx-east");
  }

  @Test
  void callRecordIsACallInNoteOnTheNamedEntity() throws Exception {
    enqueue("notes-response.json");

    gateway.createNotes(EntityType.DEAL,
        List.of(new AmoCrm.NoteRequest(Effects.record(deal(9001)), 9001)));

    RecordedRequest r = take();
    assertThat(r.getMethod() + " " + r.getUrl().encodedPath()).isEqualTo("POST /api/v4/leads/notes");
    assertBody(r, "notes-request.json");
  }

  @Test
  void callRecordEditIsOneBatchPatchOfNotesWithEveryCallParameter_R_LIFE() throws Exception {
    server.enqueue(FakeAmo.json(200,
        "{\"_embedded\":{\"notes\":[{\"id\":37512063,\"entity_id\":9001}]}}"));
    Effect.RecordCall later = Effects.record(deal(9001)).withTarget(
        EffectKey.of("c0ffee-1", EffectKind.RECORD_CALL, "deal"), "edit", deal(9001));

    gateway.updateNotes(EntityType.DEAL, List.of(new AmoCrm.NoteUpdate(37512063, 9001, later)));

    RecordedRequest r = take();
    assertThat(r.getMethod() + " " + r.getUrl().encodedPath())
        .isEqualTo("PATCH /api/v4/leads/notes");
    JsonNode body = Fixtures.tree(r.getBody().utf8());
    assertThat(body).hasSize(1);
    JsonNode item = body.get(0);
    assertThat(item.get("id").asLong()).isEqualTo(37512063);
    assertThat(item.get("entity_id").asLong()).isEqualTo(9001);
    assertThat(item.get("note_type").asText()).isEqualTo("call_in");
    assertThat(item.has("created_by")).as("never echoed on a PATCH").isFalse();
    assertThat(item.get("params").get("link").asText()).isEqualTo(Effects.RECORDING);
    assertThat(item.get("params").get("duration").asInt()).isEqualTo(45);
    assertThat(item.get("params").get("uniq").asText()).isEqualTo("c0ffee-1");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void noEditSendsNothing() {
    gateway.updateNotes(EntityType.CONTACT, List.of());

    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void taskIsPostTasks() throws Exception {
    enqueue("tasks-response.json");

    List<Long> ids = gateway.createTasks(List.of(new AmoCrm.TaskRequest(
        Effects.task(Optional.of(deal(9001))), Optional.of(9001L))));

    assertThat(ids).containsExactly(7777001L);
    RecordedRequest r = take();
    assertThat(r.getMethod() + " " + r.getUrl().encodedPath()).isEqualTo("POST /api/v4/tasks");
    assertBody(r, "tasks-request.json");
  }

  @Test
  void taskCompletionIsABatchPatchOfTasks() throws Exception {
    server.enqueue(FakeAmo.json(200,
        "{\"_embedded\":{\"tasks\":[{\"id\":7777001,\"updated_at\":1732550500}]}}"));

    gateway.completeTasks(List.of(Effect.CompleteTask.builder()
        .key(EffectKey.of("c-2", EffectKind.COMPLETE_TASK, "7777001")).reason("answered")
        .taskId(7777001).resultText("Done: the client was called back (25.11 10:15)").build()));

    RecordedRequest r = take();
    assertThat(r.getMethod() + " " + r.getUrl().encodedPath()).isEqualTo("PATCH /api/v4/tasks");
    assertThat(r.getBody().utf8()).isEqualTo("[{\"id\":7777001,\"is_completed\":true,"
        + "\"request_id\":\"c-2/complete-task/7777001\",\"result\":{\"text\":\"Done: the client was called back (25.11 10:15)\"}}]");
  }

  @Test
  void noCompletionsSendNothing() {
    gateway.completeTasks(List.of());

    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void fieldUpdateIsABatchPatchNamingTheEntity() throws Exception {
    server.enqueue(FakeAmo.json(200,
        "{\"_embedded\":{\"leads\":[{\"id\":9001,\"updated_at\":1732550500}]}}"));

    gateway.updateFields(Effects.update(deal(9001)), 9001);

    RecordedRequest r = take();
    assertThat(r.getMethod() + " " + r.getUrl().encodedPath()).isEqualTo("PATCH /api/v4/leads");
    assertBody(r, "lead-patch-request.json");
  }

  @Test
  void popupIsPostV2Events() throws Exception {
    enqueue("events-response.json");

    gateway.notifyIncomingCall(Effects.notifyCall());

    RecordedRequest r = take();
    assertThat(r.getMethod() + " " + r.getUrl().encodedPath()).isEqualTo("POST /api/v2/events");
    assertBody(r, "events-request.json");
  }

  @Test
  void catalogIsLoadedOnceAndRefreshedOnRequest() throws Exception {
    for (int i = 0; i < 2; i++) {
      enqueue("account.json");
      enqueue("users.json");
      enqueue("pipelines.json");
      enqueue("custom-fields-leads.json");
      enqueue("custom-fields-contacts.json");
    }

    AccountCatalog c = gateway.catalog(false);
    assertThat(gateway.catalog(false)).isSameAs(c);

    RecordedRequest account = take();
    assertThat(account.getUrl().encodedPath()).isEqualTo("/api/v4/account");
    assertThat(account.getUrl().queryParameter("with")).isEqualTo("datetime_settings");
    assertThat(take().getUrl().encodedPath()).isEqualTo("/api/v4/users");
    assertThat(take().getUrl().encodedPath()).isEqualTo("/api/v4/leads/pipelines");
    RecordedRequest fields = take();
    assertThat(fields.getUrl().encodedPath()).isEqualTo("/api/v4/leads/custom_fields");
    assertThat(fields.getUrl().queryParameter("limit")).isEqualTo("50");
    assertThat(take().getUrl().encodedPath()).isEqualTo("/api/v4/contacts/custom_fields");
    assertThat(server.getRequestCount()).isEqualTo(5);

    assertThat(c.subdomain()).isEqualTo("mycompany");
    assertThat(c.timeZone()).isEqualTo(ZoneId.of("Europe/Kyiv"));
    // R-LANG: what the language of CRM texts is chosen from
    assertThat(c.country()).contains("UA");
    assertThat(c.currentUserId()).contains(504141L);
    assertThat(c.user(504141).orElseThrow().admin()).isTrue();
    assertThat(c.adminUserLang()).contains("ru");
    assertThat(c.users()).extracting(AccountCatalog.User::id, AccountCatalog.User::active)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(504141L, true),
            org.assertj.core.groups.Tuple.tuple(504142L, true),
            org.assertj.core.groups.Tuple.tuple(504143L, false));
    assertThat(c.mainPipeline()).get().satisfies(p -> {
      assertThat(p.id()).isEqualTo(3383152);
      assertThat(p.status(142)).isPresent();
    });
    assertThat(c.customFields()).extracting(AccountCatalog.CustomField::entity,
            f -> f.code().orElse("-"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("leads", "UTM_SOURCE"),
            org.assertj.core.groups.Tuple.tuple("leads", "-"),
            org.assertj.core.groups.Tuple.tuple("contacts", "PHONE"),
            org.assertj.core.groups.Tuple.tuple("contacts", "EMAIL"));

    gateway.catalog(true);
    assertThat(server.getRequestCount()).isEqualTo(10);
  }

  @Test
  void activationReadsTheAccountOnce() throws Exception {
    for (String f : List.of("account.json", "users.json", "pipelines.json",
        "custom-fields-leads.json", "custom-fields-contacts.json", "account.json")) {
      enqueue(f);
    }

    gateway.probe(); // what the engine's activation does: probe, then catalog(true)
    AccountCatalog c = gateway.catalog(true);

    List<String> paths = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      paths.add(take().getUrl().encodedPath());
    }
    assertThat(paths).containsExactly("/api/v4/account", "/api/v4/users",
        "/api/v4/leads/pipelines", "/api/v4/leads/custom_fields",
        "/api/v4/contacts/custom_fields");
    assertThat(server.getRequestCount()).isEqualTo(5);
    assertThat(c.timeZone()).as("from the probe's answer").isEqualTo(ZoneId.of("Europe/Kyiv"));

    time.advance(java.time.Duration.ofMinutes(10)); // a later probe, e.g. while blocked
    gateway.probe();
    time.advance(java.time.Duration.ofMinutes(1));
    enqueueCatalogAfterAccount();
    gateway.catalog(true);
    assertThat(server.getRequestCount()).as("a stale probe answer is not reused").isEqualTo(11);
  }

  private void enqueueCatalogAfterAccount() {
    for (String f : List.of("account.json", "users.json", "pipelines.json",
        "custom-fields-leads.json", "custom-fields-contacts.json")) {
      enqueue(f);
    }
  }

  @Test
  void accountTimeZoneOverrideWins() {
    for (String f : List.of("account.json", "users.json", "pipelines.json",
        "custom-fields-leads.json", "custom-fields-contacts.json")) {
      enqueue(f);
    }
    AmoOkHttpGateway g = TestGateways.builder(server, time)
        .account(io.ringostat.amo.core.settings.AmoAccount.builder().subdomain("mycompany")
            .timeZone(ZoneId.of("Asia/Almaty")).build())
        .build();

    assertThat(g.catalog(false).timeZone()).isEqualTo(ZoneId.of("Asia/Almaty"));
  }

  @Test
  void probeIsOneAccountRequest() throws Exception {
    enqueue("account.json");

    gateway.probe();

    RecordedRequest r = take();
    assertThat(r.getMethod() + " " + r.getUrl().encodedPath()).isEqualTo("GET /api/v4/account");
  }

  @Test
  void recordsOnTheSameEntityTypeShareOneRequest() throws Exception {
    server.enqueue(FakeAmo.json(200, "{\"_embedded\":{\"notes\":[{\"id\":1},{\"id\":2}]}}"));
    var first = Effects.record(deal(9001));
    var second = new io.ringostat.amo.core.plan.Effect.RecordCall(
        io.ringostat.amo.core.plan.EffectKey.of("c0ffee-1", EffectKind.RECORD_CALL, "deal-2"), "test",
        deal(9002), io.ringostat.amo.core.model.CallDirection.OUTBOUND, "c0ffee-1",
        Effects.PHONE, java.time.Duration.ofSeconds(5), Optional.empty(),
        io.ringostat.amo.core.plan.CallStatus.NO_ANSWER, "Missed", Optional.empty(),
        Effects.SENIOR, Effects.CALLED_AT, "ringostat", Optional.empty());

    List<Long> ids = gateway.createNotes(EntityType.DEAL,
        List.of(new AmoCrm.NoteRequest(first, 9001), new AmoCrm.NoteRequest(second, 9002)));

    assertThat(ids).as("note ids in request order").containsExactly(1L, 2L);
    RecordedRequest r = take();
    JsonNode body = Fixtures.tree(r.getBody().utf8());
    assertThat(body).hasSize(2);
    assertThat(body.get(1).get("note_type").asText()).isEqualTo("call_out");
    assertThat(body.get(1).has("created_by")).as("no author: amoCRM shows a robot").isFalse();
    assertThat(body.get(1).get("params").get("call_status").asInt()).isEqualTo(6);
    assertThat(body.get(1).get("params").has("link")).isFalse();
    assertThat(body.get(1).get("entity_id").asLong()).isEqualTo(9002);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
