package io.ringostat.amo.testkit;

import static io.ringostat.amo.testkit.TestHttp.j;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * R-LIFE in the emulator: note edits ({@code PATCH …/notes}) shown by the inspection API, lead
 * links, custom task types, completed tasks.
 */
class CallLifeApiTest {
  private AmoEmulator amo;
  private TestHttp http;
  private long ivan;
  private long ivanLead;

  @BeforeEach
  void start() {
    amo = AmoEmulator.builder().rateLimit(0).user(504141, "Anna")
        .existingContact("Ivan", "+380441234567", 504141)
        .existingDeal("+380441234567", 3383152, 33929752, 504141)
        .existingContact("Olga", "+380501112233", 504141)
        .taskType(7, "Send the quote")
        .start();
    http = new TestHttp(amo);
    ivan = amo.contactsByPhone("0441234567").get(0).id();
    ivanLead = amo.dealsOfContact(ivan).get(0).id();
  }

  @AfterEach
  void stop() {
    amo.close();
  }

  @Test
  void aCallNoteIsEditedInPlaceAndTheInspectionApiShowsTheEdit() throws Exception {
    TestHttp.Resp created = http.post("/api/v4/leads/notes", j("[{'entity_id':" + ivanLead
        + ",'note_type':'call_in','params':{'uniq':'c-1','duration':45,'source':'ringostat',"
        + "'phone':'+380441234567'}}]"));
    long id = created.json().at("/_embedded/notes/0/id").asLong();

    TestHttp.Resp edited = http.patch("/api/v4/leads/notes", j("[{'id':" + id + ",'entity_id':"
        + ivanLead + ",'note_type':'call_in','params':{'uniq':'c-1','duration':50,"
        + "'source':'ringostat','phone':'+380441234567','link':'https://rec.example/c-1.mp3'}}]"));

    assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
    assertThat(amo.notesByUniq("c-1")).singleElement().satisfies(n -> {
      assertThat(n.edits()).isEqualTo(1);
      assertThat(n.param("link")).contains("https://rec.example/c-1.mp3");
      assertThat(n.param("duration")).contains("50");
    });
    assertThat(http.patch("/api/v4/contacts/notes", j("[{'id':" + id + ",'params':{}}]"))
        .status()).as("a lead's note is not a contact's").isEqualTo(400);
    assertThat(http.patch("/api/v4/leads/notes", j("[{'id':" + id + ",'note_type':'common',"
        + "'params':{'text':'x'}}]")).status()).as("the type cannot change").isEqualTo(400);
  }

  @Test
  void aLeadLinksAContact() throws Exception {
    long olga = amo.contactsByPhone("0501112233").get(0).id();

    TestHttp.Resp r = http.post("/api/v4/leads/" + ivanLead + "/link",
        j("[{'to_entity_id':" + olga + ",'to_entity_type':'contacts'}]"));

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(amo.dealsOfContact(olga)).extracting(StoredDeal::id).contains(ivanLead);
    assertThat(http.post("/api/v4/leads/" + ivanLead + "/link",
        j("[{'to_entity_id':99,'to_entity_type':'contacts'}]")).status()).isEqualTo(400);
  }

  @Test
  void customTaskTypesAreAcceptedAndListedAndCompletedTasksAreVisible() throws Exception {
    TestHttp.Resp types = http.get("/api/v4/account?with=task_types");
    assertThat(types.json().at("/_embedded/task_types").findValuesAsText("name"))
        .contains("Send the quote");
    assertThat(http.post("/api/v4/tasks", j("[{'task_type_id':9,'text':'x',"
        + "'complete_till':1795601730}]")).status()).as("unknown type").isEqualTo(400);
    TestHttp.Resp t = http.post("/api/v4/tasks", j("[{'task_type_id':7,'text':'Quote',"
        + "'complete_till':1795601730,'entity_id':" + ivanLead + ",'entity_type':'leads'}]"));
    long id = t.json().at("/_embedded/tasks/0/id").asLong();

    http.patch("/api/v4/tasks", j("[{'id':" + id + ",'is_completed':true,"
        + "'result':{'text':'Sent'}}]"));

    assertThat(amo.tasks()).singleElement().satisfies(task -> {
      assertThat(task.completed()).isTrue();
      assertThat(task.result()).contains("Sent");
    });
  }
}
