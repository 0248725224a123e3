package io.ringostat.amo.testkit;

import static io.ringostat.amo.testkit.ContactsTest.assertValidation;
import static io.ringostat.amo.testkit.Shapes.assertFields;
import static io.ringostat.amo.testkit.TestHttp.j;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Leads and leads/complex against reference §6. */
class LeadsTest {
  private static final long SALES = 100;
  private static final long SERVICE = 200;
  private final ManualClock clock = ManualClock.at(Instant.parse("2025-01-15T10:00:00Z"));
  private AmoEmulator amo;
  private TestHttp http;
  private long contact;

  @BeforeEach
  void start() {
    amo =
        AmoEmulator.builder()
            .rateLimit(0)
            .clock(clock)
            .user(504141, "Anna")
            .user(504142, "Boris")
            .pipeline(
                SALES,
                "Sales",
                true,
                AmoEmulator.Builder.status(1001, "New"),
                AmoEmulator.Builder.status(1002, "Talks"))
            .pipeline(SERVICE, "Service", false, AmoEmulator.Builder.status(2001, "Open"))
            .existingContact("Ivan", "+380441234567", 504142)
            .start();
    http = new TestHttp(amo);
    contact = amo.contactsByPhone("+380441234567").get(0).id();
  }

  @AfterEach
  void stop() {
    amo.close();
  }

  private long createLead(String json) {
    TestHttp.Resp r = http.postOk("/api/v4/leads", "[" + json + "]");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().at("/_embedded/leads/0/id").asLong();
  }

  @Test
  void createDefaultsToMainPipelineFirstStageAndLinksContacts() throws Exception {
    TestHttp.Resp r =
        http.post(
            "/api/v4/leads",
            j(
                "[{'name':'Inbound call','request_id':'call-1',"
                    + "'responsible_user_id':504142,'_embedded':{'contacts':[{'id':"
                    + contact
                    + ",'is_main':true}],"
                    + "'tags':[{'name':'ringostat'}]},'custom_fields_values':[{'field_code':'UTM_SOURCE',"
                    + "'values':[{'value':'google'}]}]}]"));
    assertThat(r.status()).isEqualTo(200);
    JsonNode item = r.json().at("/_embedded/leads/0");
    assertFields(item, "id:int", "request_id:string", "_links:object");
    assertThat(item.get("id").asLong()).isEqualTo(30000001);
    assertThat(item.get("request_id").asText()).isEqualTo("call-1");
    StoredDeal d = amo.deal(30000001).orElseThrow();
    assertThat(d.pipelineId()).isEqualTo(SALES);
    assertThat(d.statusId()).isEqualTo(1001);
    assertThat(d.contactIds()).containsExactly(contact);
    assertThat(d.fieldValue("UTM_SOURCE")).contains("google");
    assertThat(d.tags()).containsExactly("ringostat");
    assertThat(amo.dealsOfContact(contact)).extracting(StoredDeal::id).containsExactly(30000001L);
  }

  @Test
  void leadHasTheDocumentedShapeAndWithContacts() throws Exception {
    long id = createLead(j("{'_embedded':{'contacts':[{'id':" + contact + "}]}}"));
    JsonNode l = http.get("/api/v4/leads/" + id + "?with=contacts").json();
    assertFields(
        l,
        "id:int",
        "name:string",
        "price:int",
        "responsible_user_id:int",
        "group_id:int",
        "status_id:int",
        "pipeline_id:int",
        "loss_reason_id:int|null",
        "created_by:int",
        "updated_by:int",
        "created_at:int",
        "updated_at:int",
        "closed_at:int|null",
        "closest_task_at:int|null",
        "is_deleted:bool",
        "custom_fields_values:array|null",
        "score:int|null",
        "account_id:int",
        "_links:object",
        "_embedded:object");
    assertThat(l.get("created_at").asLong()).isEqualTo(clock.instant().getEpochSecond());
    assertThat(l.get("name").asText()).isEqualTo("Сделка #" + id);
    JsonNode c = l.at("/_embedded/contacts/0");
    assertFields(c, "id:int", "is_main:bool");
    assertThat(c.get("is_main").asBoolean()).isTrue();
    assertFields(l.get("_embedded"), "tags:array", "companies:array");
    assertThat(http.get("/api/v4/leads/" + id).json().get("_embedded").has("contacts")).isFalse();
    assertThat(http.get("/api/v4/leads/99").status()).isEqualTo(204);
  }

  @Test
  void filterByIdAcceptsEverySpelling() throws Exception {
    long a = createLead("{}");
    long b = createLead("{}");
    createLead("{}");
    for (String q :
        List.of(
            "filter[id][]=" + a + "&filter[id][]=" + b,
            "filter[id][0]=" + a + "&filter[id][1]=" + b,
            "filter[id]=" + a + "," + b)) {
      List<Long> ids = new ArrayList<>();
      http.get("/api/v4/leads?" + q)
          .json()
          .at("/_embedded/leads")
          .forEach(l -> ids.add(l.get("id").asLong()));
      assertThat(ids).as(q).containsExactly(a, b);
    }
    assertThat(http.get("/api/v4/leads?filter[id][]=1").status()).isEqualTo(204);
  }

  @Test
  void statusOutsideItsPipelineOrUnsortedIsRejected() throws Exception {
    assertValidation(
        http.post("/api/v4/leads", j("[{'pipeline_id':" + SERVICE + ",'status_id':1001}]")),
        "0",
        "NotSupportedChoice",
        "status_id");
    assertValidation(
        http.post("/api/v4/leads", j("[{'pipeline_id':999}]")),
        "0",
        "NotSupportedChoice",
        "pipeline_id");
    long unsortedStatus = amo.catalog().pipeline(SALES).orElseThrow().statuses().get(0).id();
    assertValidation(
        http.post("/api/v4/leads", j("[{'status_id':" + unsortedStatus + "}]")),
        "0",
        "NotSupportedChoice",
        "status_id");
    assertValidation(
        http.post("/api/v4/leads", j("[{'_embedded':{'contacts':[{'id':1}]}}]")),
        "0",
        "NotSupportedChoice",
        "_embedded.contacts.0.id");
    assertThat(amo.deals()).isEmpty();
  }

  @Test
  void pipelineWithoutStatusStartsAtItsFirstStage() {
    long id = createLead(j("{'pipeline_id':" + SERVICE + "}"));
    assertThat(amo.deal(id).orElseThrow().statusId()).isEqualTo(2001);
  }

  @Test
  void patchToWonClosesTheLeadAndBatchPatchWorks() throws Exception {
    long id = createLead("{}");
    clock.advance(java.time.Duration.ofMinutes(5));
    TestHttp.Resp r = http.patch("/api/v4/leads/" + id, j("{'status_id':142}"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("updated_at").asLong()).isEqualTo(clock.instant().getEpochSecond());
    StoredDeal won = amo.deal(id).orElseThrow();
    assertThat(won.isOpen()).isFalse();
    assertThat(won.closedAt()).contains(clock.instant());
    TestHttp.Resp batch =
        http.patch(
            "/api/v4/leads", j("[{'id':" + id + ",'status_id':1002," + "'request_id':'x'}]"));
    assertThat(batch.status()).isEqualTo(200);
    assertFields(
        batch.json().at("/_embedded/leads/0"), "id:int", "updated_at:int", "request_id:string");
    assertThat(amo.deal(id).orElseThrow().closedAt()).isEmpty();
    assertValidation(
        http.patch("/api/v4/leads/" + id, j("{'created_by':777}")),
        "0",
        "NotSupportedChoice",
        "created_by");
  }

  @Test
  void leadFiltersByPipelineAndStatuses() throws Exception {
    createLead("{}");
    long service = createLead(j("{'pipeline_id':" + SERVICE + "}"));
    JsonNode byPipeline = http.get("/api/v4/leads?filter[pipeline_id]=" + SERVICE).json();
    assertThat(byPipeline.at("/_embedded/leads/0/id").asLong()).isEqualTo(service);
    JsonNode byStatus =
        http.get(
                "/api/v4/leads?filter[statuses][0][pipeline_id]="
                    + SERVICE
                    + "&filter[statuses][0][status_id]=2001")
            .json();
    assertThat(byStatus.at("/_embedded/leads").size()).isEqualTo(1);
  }

  @Test
  void complexCreatesLeadAndContactAndAnswersAPlainArray() throws Exception {
    TestHttp.Resp r =
        http.post(
            "/api/v4/leads/complex",
            j(
                "[{'name':'Inbound call',"
                    + "'pipeline_id':"
                    + SALES
                    + ",'responsible_user_id':504141,'request_id':'call-7f3a',"
                    + "'_embedded':{'contacts':[{'first_name':'+380501112233','responsible_user_id':504141,"
                    + "'custom_fields_values':[{'field_code':'PHONE','values':[{'value':'+380501112233',"
                    + "'enum_code':'WORK'}]}]}]}}]"));
    assertThat(r.status()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.isArray()).isTrue();
    JsonNode item = body.get(0);
    assertFields(
        item, "id:int", "contact_id:int", "company_id:null", "request_id:array", "merged:bool");
    assertThat(item.get("request_id").get(0).asText()).isEqualTo("call-7f3a");
    assertThat(item.get("merged").asBoolean()).isFalse();
    StoredContact c = amo.contactsByPhone("0501112233").get(0);
    assertThat(c.id()).isEqualTo(item.get("contact_id").asLong());
    assertThat(c.unsorted()).isFalse();
    assertThat(amo.dealsOfContact(c.id()))
        .extracting(StoredDeal::id)
        .containsExactly(item.get("id").asLong());
  }

  @Test
  void complexLinksAnExistingContactAndCreatesCompanies() throws Exception {
    JsonNode item =
        http.post(
                "/api/v4/leads/complex",
                j(
                    "[{'_embedded':{'contacts':[{'id':"
                        + contact
                        + "}],'companies':[{'name':'ACME'}]}}]"))
            .json()
            .get(0);
    assertThat(item.get("contact_id").asLong()).isEqualTo(contact);
    assertThat(item.get("company_id").isIntegralNumber()).isTrue();
    assertThat(amo.companies()).extracting(StoredCompany::name).containsExactly("ACME");
    JsonNode company =
        http.get("/api/v4/companies?filter[id][]=" + item.get("company_id").asLong())
            .json()
            .at("/_embedded/companies/0");
    assertFields(
        company,
        "id:int",
        "name:string",
        "responsible_user_id:int",
        "custom_fields_values:null",
        "_embedded:object");
  }

  @Test
  void complexWithSipMetadataCreatesAnUnsortedRequest() throws Exception {
    JsonNode item =
        http.post(
                "/api/v4/leads/complex",
                j(
                    "[{'name':'Call','_embedded':{"
                        + "'contacts':[{'name':'+380671234567','custom_fields_values':[{'field_code':'PHONE',"
                        + "'values':[{'value':'+380671234567'}]}]}],'metadata':{'category':'sip','uniq':'u-1',"
                        + "'from':'+380671234567','phone':'+380671234567','called_at':1732550400,'duration':45,"
                        + "'service_code':'ringostat','is_call_event_needed':true}}}]"))
            .json()
            .get(0);
    StoredUnsorted u = amo.unsorted().get(0);
    assertThat(u.state()).isEqualTo(StoredUnsorted.State.PENDING);
    assertThat(u.uniq()).contains("u-1");
    assertThat(u.leadId()).isEqualTo(item.get("id").asLong());
    assertThat(amo.deal(u.leadId()).orElseThrow().unsorted()).isTrue();
    assertThat(http.get("/api/v4/contacts?query=0671234567").status()).isEqualTo(204);
  }

  @Test
  void complexOverFiftyIsRejected() throws Exception {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < 51; i++) {
      b.append(i == 0 ? "" : ",").append("{}");
    }
    assertThat(http.post("/api/v4/leads/complex", b.append("]").toString()).status())
        .isEqualTo(400);
    assertThat(amo.deals()).isEmpty();
  }
}
