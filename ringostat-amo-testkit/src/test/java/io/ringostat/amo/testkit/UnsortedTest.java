package io.ringostat.amo.testkit;

import static io.ringostat.amo.testkit.ContactsTest.assertValidation;
import static io.ringostat.amo.testkit.Shapes.assertFields;
import static io.ringostat.amo.testkit.TestHttp.j;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Unsorted SIP requests against reference §7. */
class UnsortedTest {
  private AmoEmulator amo;
  private TestHttp http;
  private long unsortedStatus;

  @BeforeEach
  void start() {
    amo =
        AmoEmulator.builder()
            .rateLimit(0)
            .user(504141, "Senior")
            .user(504142, "Manager")
            .pipeline(
                100,
                "Sales",
                true,
                AmoEmulator.Builder.status(1001, "New"),
                AmoEmulator.Builder.status(1002, "Talks"))
            .start();
    http = new TestHttp(amo);
    unsortedStatus = amo.catalog().pipeline(100).orElseThrow().statuses().get(0).id();
  }

  @AfterEach
  void stop() {
    amo.close();
  }

  static String sip(String uniq, String phone) {
    return j(
        "{'source_uid':'ringostat','source_name':'Ringostat','request_id':'"
            + uniq
            + "',"
            + "'metadata':{'uniq':'"
            + uniq
            + "','from':'"
            + phone
            + "','phone':'"
            + phone
            + "',"
            + "'call_responsible':504141,'called_at':1732550400,'duration':45,"
            + "'link':'https://rec.example.com/"
            + uniq
            + ".mp3','service_code':'ringostat',"
            + "'is_call_event_needed':true},"
            + "'_embedded':{'leads':[{'name':'Call from "
            + phone
            + "','responsible_user_id':504141}],"
            + "'contacts':[{'name':'"
            + phone
            + "','custom_fields_values':[{'field_code':'PHONE',"
            + "'values':[{'value':'"
            + phone
            + "','enum_code':'WORK'}]}]}]}}");
  }

  private String add(String uniq, String phone) {
    TestHttp.Resp r = http.postOk("/api/v4/leads/unsorted/sip", "[" + sip(uniq, phone) + "]");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().at("/_embedded/unsorted/0/uid").asText();
  }

  @Test
  void addAnswersTheDocumentedShapeAndParksTheLeadInUnsorted() throws Exception {
    TestHttp.Resp r =
        http.post("/api/v4/leads/unsorted/sip", "[" + sip("c0ffee-1", "+380441234567") + "]");
    assertThat(r.status()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.get("_total_items").asInt()).isEqualTo(1);
    JsonNode item = body.at("/_embedded/unsorted/0");
    assertFields(item, "uid:string", "account_id:int", "request_id:string", "_embedded:object");
    assertThat(item.get("request_id").asText()).isEqualTo("c0ffee-1");
    assertFields(item.get("_embedded"), "leads:array", "contacts:array", "companies:array");
    long leadId = item.at("/_embedded/leads/0/id").asLong();
    long contactId = item.at("/_embedded/contacts/0/id").asLong();
    StoredDeal lead = amo.deal(leadId).orElseThrow();
    assertThat(lead.statusId()).isEqualTo(unsortedStatus);
    assertThat(lead.unsorted()).isTrue();
    assertThat(lead.responsibleUserId()).isEqualTo(504141);
    assertThat(amo.contact(contactId).orElseThrow().unsorted()).isTrue();
  }

  @Test
  void pendingContactsAreHiddenFromListsUntilAccepted() throws Exception {
    String uid = add("c0ffee-1", "+380441234567");
    assertThat(http.get("/api/v4/contacts?query=0441234567").status()).isEqualTo(204);
    assertThat(amo.contactsByPhone("0441234567")).hasSize(1);

    TestHttp.Resp r =
        http.post(
            "/api/v4/leads/unsorted/" + uid + "/accept", j("{'user_id':504142,'status_id':1002}"));
    assertThat(r.status()).isEqualTo(200);
    JsonNode body = r.json();
    assertFields(
        body,
        "uid:string",
        "category:string",
        "pipeline_id:int",
        "created_at:int",
        "_embedded:object");
    assertThat(body.get("category").asText()).isEqualTo("sip");
    long leadId = body.at("/_embedded/leads/0/id").asLong();
    StoredDeal lead = amo.deal(leadId).orElseThrow();
    assertThat(lead.statusId()).isEqualTo(1002);
    assertThat(lead.unsorted()).isFalse();
    assertThat(lead.responsibleUserId()).isEqualTo(504142);
    JsonNode found = http.get("/api/v4/contacts?query=0441234567&with=leads").json();
    assertThat(found.at("/_embedded/contacts/0/_embedded/leads/0/id").asLong()).isEqualTo(leadId);
    assertThat(amo.unsorted().get(0).state()).isEqualTo(StoredUnsorted.State.ACCEPTED);
    assertThat(amo.unsorted().get(0).decidedBy()).contains(504142L);
  }

  @Test
  void acceptWithoutBodyGoesToTheFirstStage() throws Exception {
    String uid = add("c0ffee-1", "+380441234567");
    assertThat(http.post("/api/v4/leads/unsorted/" + uid + "/accept", "").status()).isEqualTo(200);
    assertThat(amo.deals().get(0).statusId()).isEqualTo(1001);
    assertThat(amo.deals().get(0).responsibleUserId()).isEqualTo(504141);
  }

  @Test
  void acceptOfUnknownUidIs404AndBadStatusIs400() throws Exception {
    assertThat(http.post("/api/v4/leads/unsorted/nope/accept", "{}").status()).isEqualTo(404);
    String uid = add("c0ffee-1", "+380441234567");
    assertValidation(
        http.post(
            "/api/v4/leads/unsorted/" + uid + "/accept", j("{'status_id':" + unsortedStatus + "}")),
        "0",
        "NotSupportedChoice",
        "status_id");
    assertThat(http.post("/api/v4/leads/unsorted/" + uid + "/accept", "{}").status())
        .isEqualTo(200);
    assertThat(http.post("/api/v4/leads/unsorted/" + uid + "/accept", "{}").status())
        .isEqualTo(404);
  }

  @Test
  void listShowsPendingRequestsOnly() throws Exception {
    assertThat(http.get("/api/v4/leads/unsorted").status()).isEqualTo(204);
    String first = add("c0ffee-1", "+380441234567");
    String second = add("c0ffee-2", "+380441234568");
    JsonNode list =
        http.get("/api/v4/leads/unsorted?filter[category][]=sip&order[created_at]=desc").json();
    assertFields(
        list,
        "_total_items:int",
        "_page:int",
        "_page_count:int",
        "_links:object",
        "_embedded:object");
    JsonNode item = list.at("/_embedded/unsorted/0");
    assertFields(
        item,
        "uid:string",
        "source_uid:string",
        "category:string",
        "pipeline_id:int",
        "created_at:int",
        "metadata:object",
        "account_id:int",
        "_embedded:object");
    assertThat(item.at("/metadata/uniq").asText()).startsWith("c0ffee-");
    assertThat(item.get("metadata").has("is_call_event_needed")).isFalse();
    assertThat(list.at("/_embedded/unsorted").size()).isEqualTo(2);
    assertThat(
            http.get("/api/v4/leads/unsorted?filter[uid]=" + second)
                .json()
                .at("/_embedded/unsorted/0/uid")
                .asText())
        .isEqualTo(second);
    assertThat(http.get("/api/v4/leads/unsorted/" + first).json().get("uid").asText())
        .isEqualTo(first);
    amo.acceptUnsorted(first, 504142L, null);
    assertThat(http.get("/api/v4/leads/unsorted").json().get("_total_items").asInt()).isEqualTo(1);
    assertThat(http.get("/api/v4/leads/unsorted/" + first).status()).isEqualTo(204);
  }

  @Test
  void declineTrashesTheLeadAndContact() throws Exception {
    String uid = add("c0ffee-1", "+380441234567");
    TestHttp.Resp r = http.delete("/api/v4/leads/unsorted/" + uid + "/decline");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("uid").asText()).isEqualTo(uid);
    assertThat(amo.deals()).isEmpty();
    assertThat(amo.contactsByPhone("0441234567")).isEmpty();
    assertThat(amo.unsorted().get(0).state()).isEqualTo(StoredUnsorted.State.DECLINED);
  }

  @Test
  void aSecondPendingRequestForThePhoneIsRejected() throws Exception {
    add("c0ffee-1", "+380441234567");
    TestHttp.Resp dup =
        http.post("/api/v4/leads/unsorted/sip", "[" + sip("c0ffee-2", "0441234567") + "]");
    assertValidation(dup, "c0ffee-2", "NotUnique", "_embedded.contacts.0.custom_fields_values");
    assertThat(amo.unsorted()).hasSize(1);
  }

  @Test
  void requiredFieldsAreValidated() throws Exception {
    TestHttp.Resp r =
        http.post(
            "/api/v4/leads/unsorted/sip",
            j(
                "[{'source_name':'x',"
                    + "'metadata':{'from':'+380441234567'},'_embedded':{'leads':[]}}]"));
    assertValidation(r, "0", "NotBlank", "source_uid");
    JsonNode errors = r.json().at("/validation-errors/0/errors");
    StringBuilder paths = new StringBuilder();
    errors.forEach(e -> paths.append(e.get("path").asText()).append(' '));
    assertThat(paths.toString())
        .contains("metadata.uniq", "metadata.duration", "metadata.service_code", "_embedded.leads");
    assertThat(amo.unsorted()).isEmpty();
  }

  @Test
  void acceptHelperValidatesToo() {
    assertThatThrownBy(() -> amo.acceptUnsorted("missing", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("404");
  }
}
