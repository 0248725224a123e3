package io.ringostat.amo.testkit;

import static io.ringostat.amo.testkit.ContactsTest.assertValidation;
import static io.ringostat.amo.testkit.Shapes.assertFields;
import static io.ringostat.amo.testkit.TestHttp.j;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Notes (§9), calls (§8), tasks (§10) and call popups (§12). */
class RecordsTest {
  private AmoEmulator amo;
  private TestHttp http;
  private long ivan;
  private long ivanLead;

  @BeforeEach
  void start() {
    amo =
        AmoEmulator.builder()
            .rateLimit(0)
            .user(504141, "Anna")
            .user(504142, "Boris")
            .existingContact("Ivan", "+380441234567", 504142)
            .existingDeal("+380441234567", 3383152, 33929752, 504142)
            .existingContact("Olga", "+380501112233", 504141)
            .start();
    http = new TestHttp(amo);
    ivan = amo.contactsByPhone("0441234567").get(0).id();
    ivanLead = amo.dealsOfContact(ivan).get(0).id();
  }

  @AfterEach
  void stop() {
    amo.close();
  }

  private static String callNote(String type, String uniq) {
    return j(
        "{'note_type':'"
            + type
            + "','created_by':504141,'responsible_user_id':504141,"
            + "'request_id':'"
            + uniq
            + "','params':{'uniq':'"
            + uniq
            + "','duration':45,"
            + "'source':'ringostat','link':'https://rec.example.com/"
            + uniq
            + ".mp3',"
            + "'phone':'+380441234567','call_responsible':504141,'call_status':4,"
            + "'call_result':'Talked'}}");
  }

  @Test
  void notesAddOnAnEntityAndListByType() throws Exception {
    TestHttp.Resp r =
        http.post(
            "/api/v4/leads/" + ivanLead + "/notes",
            "["
                + callNote("call_in", "c0ffee-1")
                + ","
                + j("{'note_type':'common','params':{'text':'Answered by reception2'}}")
                + "]");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode item = r.json().at("/_embedded/notes/0");
    assertFields(item, "id:int", "entity_id:int", "request_id:string");
    assertThat(item.get("id").asLong()).isEqualTo(40000001);
    assertThat(item.get("entity_id").asLong()).isEqualTo(ivanLead);

    for (String filter :
        new String[] {"filter[note_type]=call_in", "filter[note_type][]=call_in"}) {
      JsonNode list = http.get("/api/v4/leads/" + ivanLead + "/notes?" + filter).json();
      assertThat(list.at("/_embedded/notes").size()).as(filter).isEqualTo(1);
      JsonNode note = list.at("/_embedded/notes/0");
      assertFields(
          note,
          "id:int",
          "entity_id:int",
          "note_type:string",
          "created_by:int",
          "responsible_user_id:int",
          "created_at:int",
          "updated_at:int",
          "params:object");
      assertThat(note.at("/params/uniq").asText()).isEqualTo("c0ffee-1");
      assertThat(note.at("/params/call_status").asInt()).isEqualTo(4);
    }
    assertThat(http.get("/api/v4/leads/" + ivanLead + "/notes?filter[note_type]=call_out").status())
        .isEqualTo(204);
    assertThat(amo.notesByUniq("c0ffee-1"))
        .singleElement()
        .satisfies(n -> assertThat(n.entityType()).isEqualTo("leads"));
    assertThat(amo.notes("leads", ivanLead)).hasSize(2);
  }

  @Test
  void notesBatchFormNeedsAnExistingEntity() throws Exception {
    String ok = callNote("call_out", "u-2").replace("{", j("{'entity_id':" + ivan + ","));
    assertThat(http.post("/api/v4/contacts/notes", "[" + ok + "]").status()).isEqualTo(200);
    String bad = callNote("call_out", "u-3").replace("{", j("{'entity_id':1,"));
    assertValidation(
        http.post("/api/v4/contacts/notes", "[" + bad + "]"),
        "u-3",
        "NotSupportedChoice",
        "entity_id");
    assertValidation(
        http.post("/api/v4/leads/999/notes", "[" + callNote("call_in", "u-4") + "]"),
        "u-4",
        "NotSupportedChoice",
        "entity_id");
    assertValidation(
        http.post(
            "/api/v4/contacts/" + ivan + "/notes",
            j("[{'note_type':'call_in','params':{'duration':1}}]")),
        "0",
        "NotBlank",
        "params.uniq");
    assertThat(amo.notes()).hasSize(1);
  }

  private static String call(String uniq, String phone) {
    return j(
        "{'direction':'inbound','uniq':'"
            + uniq
            + "','phone':'"
            + phone
            + "','duration':45,"
            + "'source':'ringostat','link':'https://rec.example.com/x.mp3','call_status':4,"
            + "'call_result':'Talked','call_responsible':504141,'responsible_user_id':504141,"
            + "'created_by':504141,'created_at':1732550400,'request_id':'"
            + uniq
            + "'}");
  }

  @Test
  void callsAttachToTheOnlyOpenLead() throws Exception {
    TestHttp.Resp r =
        http.post("/api/v4/calls", "[" + call("c0ffee-1", "+38 (044) 123-45-67") + "]");
    assertThat(r.status()).isEqualTo(200);
    JsonNode body = r.json();
    assertFields(body, "_total_items:int", "errors:array", "_embedded:object");
    JsonNode c = body.at("/_embedded/calls/0");
    assertFields(
        c,
        "id:int",
        "entity_id:int",
        "entity_type:string",
        "account_id:int",
        "request_id:string",
        "_embedded:object");
    assertThat(c.get("entity_type").asText()).isEqualTo("lead");
    assertThat(c.get("entity_id").asLong()).isEqualTo(ivanLead);
    assertThat(c.at("/_embedded/entity/id").asLong()).isEqualTo(ivanLead);
    StoredNote note = amo.notesByUniq("c0ffee-1").get(0);
    assertThat(note.id()).isEqualTo(c.get("id").asLong());
    assertThat(note.noteType()).isEqualTo("call_in");
    assertThat(note.param("call_result")).contains("Talked");
  }

  @Test
  void callsGoToTheContactWithoutExactlyOneOpenLeadAndAreNotDeduplicated() throws Exception {
    long olga = amo.contactsByPhone("0501112233").get(0).id();
    JsonNode c =
        http.post("/api/v4/calls", "[" + call("u-1", "0501112233") + "]")
            .json()
            .at("/_embedded/calls/0");
    assertThat(c.get("entity_type").asText()).isEqualTo("contact");
    assertThat(c.get("entity_id").asLong()).isEqualTo(olga);
    amo.addDeal(ivan, 3383152, 33929752, 504142);
    JsonNode two = http.post("/api/v4/calls", "[" + call("u-2", "+380441234567") + "]").json();
    assertThat(two.at("/_embedded/calls/0/entity_type").asText()).isEqualTo("contact");
    http.post("/api/v4/calls", "[" + call("u-2", "+380441234567") + "]");
    assertThat(amo.notesByUniq("u-2")).hasSize(2);
  }

  @Test
  void callsForUnknownNumbersAre400EntityNotFound() throws Exception {
    TestHttp.Resp r = http.post("/api/v4/calls", "[" + call("u-9", "+380939999999") + "]");
    assertThat(r.status()).isEqualTo(400);
    JsonNode body = r.json();
    assertThat(body.get("_total_items").asInt()).isEqualTo(0);
    JsonNode error = body.at("/errors/0");
    assertThat(error.get("title").asText()).isEqualTo("Entity not found");
    assertThat(error.get("status").asInt()).isEqualTo(263);
    assertThat(error.get("detail").asText()).isEqualTo("Entity not found");
    assertThat(body.at("/_embedded/calls").size()).isZero();
    TestHttp.Resp mixed =
        http.post(
            "/api/v4/calls",
            "[" + call("u-8", "+380441234567") + "," + call("u-9", "+380939999999") + "]");
    assertThat(mixed.status()).isEqualTo(400);
    assertThat(amo.notes()).isEmpty();
    assertValidation(
        http.post(
            "/api/v4/calls",
            j("[{'direction':'sideways','phone':'1'," + "'duration':1,'source':'x'}]")),
        "0",
        "NotSupportedChoice",
        "direction");
  }

  @Test
  void tasksAreCreatedListedAndCompleted() throws Exception {
    TestHttp.Resp r =
        http.post(
            "/api/v4/tasks",
            j(
                "[{'task_type_id':1,'text':'Call back',"
                    + "'complete_till':1732554000,'entity_id':"
                    + ivanLead
                    + ",'entity_type':'leads','responsible_user_id':504142,'request_id':'task-1'},{'text':'Check"
                    + " settings','complete_till':1732554000}]"));
    assertThat(r.status()).isEqualTo(200);
    JsonNode item = r.json().at("/_embedded/tasks/0");
    assertFields(item, "id:int", "request_id:string", "_links:object");
    assertThat(item.get("id").asLong()).isEqualTo(50000001);
    JsonNode list =
        http.get(
                "/api/v4/tasks?filter[responsible_user_id]=504142"
                    + "&filter[is_completed]=0&filter[entity_type]=leads&filter[entity_id][]="
                    + ivanLead)
            .json();
    JsonNode task = list.at("/_embedded/tasks/0");
    assertFields(
        task,
        "id:int",
        "created_by:int",
        "updated_by:int",
        "created_at:int",
        "updated_at:int",
        "responsible_user_id:int",
        "group_id:int",
        "entity_id:int",
        "entity_type:string",
        "duration:int",
        "is_completed:bool",
        "task_type_id:int",
        "text:string",
        "result:array",
        "complete_till:int",
        "account_id:int");
    assertThat(list.at("/_embedded/tasks").size()).isEqualTo(1);
    assertThat(amo.tasksByAssignee(504141))
        .extracting(StoredTask::text)
        .containsExactly("Check settings");
    assertThat(http.get("/api/v4/leads/" + ivanLead).json().get("closest_task_at").asLong())
        .isEqualTo(1732554000L);

    assertThat(
            http.patch(
                    "/api/v4/tasks/50000001", j("{'is_completed':true,'result':{'text':'Done'}}"))
                .status())
        .isEqualTo(200);
    assertThat(
            http.get("/api/v4/tasks?filter[is_completed]=0&filter[responsible_user_id]=504142")
                .status())
        .isEqualTo(204);
    assertThat(amo.tasks().get(0).result()).contains("Done");
  }

  @Test
  void tasksAreCompletedInABatchPatch() throws Exception {
    http.post("/api/v4/tasks", j("[{'text':'Call back','complete_till':1732554000,"
        + "'request_id':'a'},{'text':'Call back too','complete_till':1732554000}]"));
    long first = amo.tasks().get(0).id();
    long second = amo.tasks().get(1).id();

    TestHttp.Resp r = http.patch("/api/v4/tasks", j("[{'id':" + first + ",'is_completed':true,"
        + "'result':{'text':'Called back'}},{'id':" + second + ",'is_completed':true}]"));

    assertThat(r.status()).isEqualTo(200);
    assertFields(r.json().at("/_embedded/tasks/0"), "id:int", "updated_at:int",
        "request_id:string", "_links:object");
    assertThat(amo.tasks()).extracting(StoredTask::completed).containsExactly(true, true);
    assertThat(amo.tasks().get(0).result()).contains("Called back");
    assertThat(http.get("/api/v4/tasks?filter[is_completed]=0").status()).isEqualTo(204);
  }

  @Test
  void aBatchPatchOfAnUnknownTaskChangesNothing() throws Exception {
    http.post("/api/v4/tasks", j("[{'text':'Call back','complete_till':1732554000}]"));
    long id = amo.tasks().get(0).id();

    assertValidation(http.patch("/api/v4/tasks", j("[{'id':" + id + ",'is_completed':true},"
        + "{'id':1,'is_completed':true}]")), "1", "NotSupportedChoice", "id");
    assertThat(amo.tasks().get(0).completed()).isFalse();
  }

  @Test
  void tasksNeedTextDeadlineAndKnownUsers() throws Exception {
    assertValidation(
        http.post("/api/v4/tasks", j("[{'complete_till':1}]")), "0", "NotBlank", "text");
    assertValidation(
        http.post("/api/v4/tasks", j("[{'text':'x'}]")), "0", "NotBlank", "complete_till");
    assertValidation(
        http.post(
            "/api/v4/tasks", j("[{'text':'x','complete_till':1," + "'responsible_user_id':1}]")),
        "0",
        "NotSupportedChoice",
        "responsible_user_id");
    assertValidation(
        http.post(
            "/api/v4/tasks",
            j("[{'text':'x','complete_till':1," + "'entity_type':'leads','entity_id':1}]")),
        "0",
        "NotSupportedChoice",
        "entity_id");
    assertThat(amo.tasks()).isEmpty();
  }

  @Test
  void callPopupFindsTheContactsOnlyOpenLead() throws Exception {
    TestHttp.Resp r =
        http.post(
            "/api/v2/events",
            j(
                "{'add':[{'type':'phone_call',"
                    + "'phone_number':'+380441234567','users':[504141,504142]},{'type':'phone_call',"
                    + "'phone_number':'+380939999999'}]}"));
    assertThat(r.status()).isEqualTo(200);
    JsonNode items = r.json().at("/_embedded/items");
    assertFields(
        items.get(0), "element_id:int", "element_type:int", "uid:string", "phone_number:string");
    assertThat(items.get(0).get("element_id").asLong()).isEqualTo(ivanLead);
    assertThat(items.get(0).get("element_type").asInt()).isEqualTo(2);
    assertFields(items.get(1), "element_id:null", "element_type:null");
    assertThat(amo.callEvents()).hasSize(2);
    assertThat(amo.callEvents().get(0).users()).containsExactly(504141L, 504142L);
    assertThat(http.post("/api/v2/events", "{}").status()).isEqualTo(400);
  }
}
