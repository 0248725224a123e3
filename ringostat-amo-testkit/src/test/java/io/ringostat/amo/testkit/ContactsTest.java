package io.ringostat.amo.testkit;

import static io.ringostat.amo.testkit.Shapes.assertFields;
import static io.ringostat.amo.testkit.TestHttp.j;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contacts against reference §5 (shapes, search, 204s, validation of §3 and §15). */
class ContactsTest {
  private AmoEmulator amo;
  private TestHttp http;

  @BeforeEach
  void start() {
    amo =
        AmoEmulator.builder()
            .rateLimit(0)
            .user(504141, "Anna")
            .user(504142, "Boris")
            .user(504143, "Gone", false)
            .customField("contacts", 880001, "INN", "INN", "text")
            .start();
    http = new TestHttp(amo);
  }

  @AfterEach
  void stop() {
    amo.close();
  }

  private static String phoneContact(String name, String phone) {
    return j(
        "{'name':'"
            + name
            + "','responsible_user_id':504142,'custom_fields_values':"
            + "[{'field_code':'PHONE','values':[{'value':'"
            + phone
            + "','enum_code':'WORK'}]}]}");
  }

  private long create(String json) {
    TestHttp.Resp r = http.postOk("/api/v4/contacts", "[" + json + "]");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().at("/_embedded/contacts/0/id").asLong();
  }

  @Test
  void createAnswersIdsWithEchoedOrIndexRequestIds() throws Exception {
    TestHttp.Resp r =
        http.post(
            "/api/v4/contacts",
            "["
                + phoneContact("Ivan", "+380441234567")
                    .replace("{", j("{'request_id':'call-7f3a',"))
                + ","
                + j("{'name':'Second'}")
                + "]");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).isEqualTo("application/hal+json");
    JsonNode items = r.json().at("/_embedded/contacts");
    assertThat(items.size()).isEqualTo(2);
    assertFields(items.get(0), "id:int", "request_id:string", "_links:object");
    assertThat(items.get(0).get("id").asLong()).isEqualTo(20000001);
    assertThat(items.get(0).get("request_id").asText()).isEqualTo("call-7f3a");
    assertThat(items.get(1).get("id").asLong()).isEqualTo(20000002);
    assertThat(items.get(1).get("request_id").asText()).isEqualTo("1");
    assertThat(items.get(0).at("/_links/self/href").asText())
        .isEqualTo(amo.baseUrl() + "/api/v4/contacts/20000001");
  }

  @Test
  void getByIdHasTheDocumentedShape() throws Exception {
    long id = create(phoneContact("Ivan Petrov", "+7 916 123-45-67"));
    JsonNode c = http.get("/api/v4/contacts/" + id).json();
    assertFields(
        c,
        "id:int",
        "name:string",
        "first_name:string",
        "last_name:string",
        "responsible_user_id:int",
        "group_id:int",
        "created_by:int",
        "updated_by:int",
        "created_at:int",
        "updated_at:int",
        "closest_task_at:int|null",
        "is_deleted:bool",
        "custom_fields_values:array",
        "account_id:int",
        "_links:object",
        "_embedded:object");
    assertThat(c.get("responsible_user_id").asLong()).isEqualTo(504142);
    assertThat(c.get("created_by").asLong()).isEqualTo(504141);
    JsonNode phone = c.at("/custom_fields_values/0");
    assertFields(
        phone,
        "field_id:int",
        "field_name:string",
        "field_code:string",
        "field_type:string",
        "values:array");
    assertThat(phone.get("field_type").asText()).isEqualTo("multitext");
    JsonNode value = phone.at("/values/0");
    assertFields(value, "value:string", "enum_id:int", "enum_code:string");
    assertThat(value.get("value").asText()).isEqualTo("+7 916 123-45-67");
    assertFields(c.get("_embedded"), "tags:array", "companies:array");
    assertThat(c.get("_embedded").has("leads")).isFalse();
  }

  @Test
  void contactWithoutFieldsHasNullCustomFields() throws Exception {
    long id = create(j("{'first_name':'Ivan','last_name':'Petrov'}"));
    JsonNode c = http.get("/api/v4/contacts/" + id).json();
    assertThat(c.get("custom_fields_values").isNull()).isTrue();
    assertThat(c.get("name").asText()).isEqualTo("Ivan Petrov");
  }

  @Test
  void missingContactIs204() throws Exception {
    TestHttp.Resp r = http.get("/api/v4/contacts/12345");
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void queryFindsByPhoneDigitsAndWithLeadsEmbedsLeadIds() throws Exception {
    long id = create(phoneContact("Ivan", "+380 (44) 123-45-67"));
    long lead = amo.addDeal(id, 3383152, 33929752, 504141);
    TestHttp.Resp r = http.get("/api/v4/contacts?query=0441234567&with=leads");
    assertThat(r.status()).isEqualTo(200);
    JsonNode body = r.json();
    assertFields(body, "_page:int", "_links:object", "_embedded:object");
    JsonNode c = body.at("/_embedded/contacts/0");
    assertThat(c.get("id").asLong()).isEqualTo(id);
    assertThat(c.at("/_embedded/leads/0/id").asLong()).isEqualTo(lead);
    assertThat(http.get("/api/v4/contacts?query=ivan").json().at("/_embedded/contacts").size())
        .isEqualTo(1);
  }

  @Test
  void queryWithNoMatchIs204WithEmptyBody() throws Exception {
    create(phoneContact("Ivan", "+380441234567"));
    TestHttp.Resp r = http.get("/api/v4/contacts?query=0509999999");
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
  }

  /** Reference §15: query can return the wrong contact; clients must verify PHONE. */
  @Test
  void queryMatchesOtherFieldsAndLongerNumbersTheWrongMatchPitfall() throws Exception {
    long right = create(phoneContact("Right", "+380441234567"));
    long otherField =
        create(
            j(
                "{'name':'Tax id holder','custom_fields_values':"
                    + "[{'field_code':'INN','values':[{'value':'10441234567'}]}]}"));
    long longer = create(phoneContact("Extension", "+380 44 123 45 678"));
    List<Long> ids = new ArrayList<>();
    http.get("/api/v4/contacts?query=0441234567")
        .json()
        .at("/_embedded/contacts")
        .forEach(c -> ids.add(c.get("id").asLong()));
    assertThat(ids).containsExactly(right, otherField, longer);
    assertThat(amo.contactsByPhone("0441234567"))
        .extracting(StoredContact::id)
        .containsExactly(right);
  }

  @Test
  void listPagesWithNextLink() throws Exception {
    for (int i = 0; i < 3; i++) {
      create(j("{'name':'C" + i + "'}"));
    }
    JsonNode page1 = http.get("/api/v4/contacts?limit=2").json();
    assertThat(page1.at("/_embedded/contacts").size()).isEqualTo(2);
    assertThat(page1.at("/_links/next/href").asText()).contains("page=2");
    JsonNode page2 = http.get("/api/v4/contacts?limit=2&page=2").json();
    assertThat(page2.at("/_embedded/contacts").size()).isEqualTo(1);
    assertThat(page2.at("/_links").has("next")).isFalse();
    assertThat(http.get("/api/v4/contacts?limit=2&page=3").status()).isEqualTo(204);
  }

  @Test
  void patchChangesOnlyWhatIsSent() throws Exception {
    long id = create(phoneContact("Ivan", "+380441234567"));
    TestHttp.Resp r =
        http.patch(
            "/api/v4/contacts/" + id,
            j(
                "{'responsible_user_id':504141,"
                    + "'tags_to_add':[{'name':'ringostat'}],'custom_fields_values':[{'field_code':'EMAIL',"
                    + "'values':[{'value':'ivan@example.com','enum_code':'WORK'}]}]}"));
    assertThat(r.status()).isEqualTo(200);
    assertFields(r.json(), "id:int", "updated_at:int", "_links:object");
    StoredContact c = amo.contact(id).orElseThrow();
    assertThat(c.responsibleUserId()).isEqualTo(504141);
    assertThat(c.name()).isEqualTo("Ivan");
    assertThat(c.phones()).containsExactly("+380441234567");
    assertThat(c.fieldValue("EMAIL")).contains("ivan@example.com");
    assertThat(c.tags()).containsExactly("ringostat");
    JsonNode tags = http.get("/api/v4/contacts/" + id).json().at("/_embedded/tags/0");
    assertFields(tags, "id:int", "name:string");
  }

  @Test
  void batchPatchNeedsIds() throws Exception {
    long id = create(j("{'name':'A'}"));
    TestHttp.Resp ok = http.patch("/api/v4/contacts", j("[{'id':" + id + ",'name':'B'}]"));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().at("/_embedded/contacts/0/id").asLong()).isEqualTo(id);
    assertThat(amo.contact(id).orElseThrow().name()).isEqualTo("B");
    assertThat(http.patch("/api/v4/contacts", j("[{'id':1,'name':'C'}]")).status()).isEqualTo(400);
  }

  /** Reference §15: echoing created_by/updated_by of a deactivated user fails. */
  @Test
  void patchWithInactiveAuthorIsNotSupportedChoice() throws Exception {
    long id = create(j("{'name':'A'}"));
    TestHttp.Resp r = http.patch("/api/v4/contacts/" + id, j("{'name':'B','updated_by':504143}"));
    assertValidation(r, "0", "NotSupportedChoice", "updated_by");
    assertThat(amo.contact(id).orElseThrow().name()).isEqualTo("A");
  }

  @Test
  void unknownResponsibleRejectsTheWholeBatch() throws Exception {
    TestHttp.Resp r =
        http.post(
            "/api/v4/contacts",
            j("[{'name':'ok'}," + "{'name':'bad','responsible_user_id':999,'request_id':'r2'}]"));
    assertValidation(r, "r2", "NotSupportedChoice", "responsible_user_id");
    assertThat(r.json().at("/validation-errors/0/errors/0/detail").asText())
        .isEqualTo("The value you selected is not a valid choice.");
    assertThat(amo.contacts()).isEmpty();
  }

  @Test
  void unknownFieldAndEnumAreRejected() throws Exception {
    assertValidation(
        http.post(
            "/api/v4/contacts",
            j("[{'custom_fields_values':[{'field_code':'NOPE','values':[{'value':'x'}]}]}]")),
        "0",
        "NotSupportedChoice",
        "custom_fields_values.0.field_code");
    assertValidation(
        http.post(
            "/api/v4/contacts",
            j("[{'custom_fields_values':[{'field_id':1,'values':[{'value':'x'}]}]}]")),
        "0",
        "NotSupportedChoice",
        "custom_fields_values.0.field_id");
    assertValidation(
        http.post(
            "/api/v4/contacts",
            j(
                "[{'custom_fields_values':[{'field_code':"
                    + "'PHONE','values':[{'value':'1','enum_code':'CELL'}]}]}]")),
        "0",
        "NotSupportedChoice",
        "custom_fields_values.0.values.0.enum_code");
  }

  @Test
  void batchesOverFiftyAndMalformedJsonAre400() throws Exception {
    StringBuilder big = new StringBuilder("[");
    for (int i = 0; i < 51; i++) {
      big.append(i == 0 ? "" : ",").append("{}");
    }
    TestHttp.Resp tooMany = http.post("/api/v4/contacts", big.append("]").toString());
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().at("/validation-errors/0/errors/0/code").asText())
        .isEqualTo("CountExceeded");
    TestHttp.Resp malformed = http.post("/api/v4/contacts", "[{\"name\":");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.contentType()).isEqualTo("application/problem+json");
    assertThat(http.post("/api/v4/contacts", j("{'name':'not an array'}")).status()).isEqualTo(400);
    assertThat(amo.contacts()).isEmpty();
  }

  static void assertValidation(TestHttp.Resp r, String requestId, String code, String path) {
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.contentType()).isEqualTo("application/problem+json");
    JsonNode b = r.json();
    assertFields(
        b, "validation-errors:array", "title:string", "type:string", "status:int", "detail:string");
    assertThat(b.get("title").asText()).isEqualTo("Bad Request");
    assertThat(b.get("type").asText()).isEqualTo("https://httpstatus.es/400");
    assertThat(b.get("detail").asText()).isEqualTo("Request validation failed");
    JsonNode item = b.at("/validation-errors/0");
    assertThat(item.get("request_id").asText()).isEqualTo(requestId);
    List<String> found = new ArrayList<>();
    item.get("errors")
        .forEach(e -> found.add(e.get("code").asText() + "@" + e.get("path").asText()));
    assertThat(found).contains(code + "@" + path);
  }
}
