package io.ringostat.amo.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.matrix.Scenario;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.model.PhoneNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The rules of the plan's values that an SDK user building or reading effects relies on: a builder
 * names every field left out, ids are positive, a reference needs an earlier effect, amoCRM's call
 * status codes, and what a call's progress remembers.
 */
class EffectRulesTest {
  private static final PhoneNumber PHONE = new PhoneNumber("380441234567");
  private static final Instant AT = Instant.parse("2024-05-06T09:00:00Z");
  private static final EffectKey CONTACT_KEY = EffectKey.of("c-1", EffectKind.CREATE_CONTACT);
  private static final EffectKey DEAL_KEY = EffectKey.of("c-1", EffectKind.CREATE_DEAL);
  private static final EffectKey TASK_KEY = EffectKey.of("c-1", EffectKind.CREATE_TASK, "x");
  private static final EffectKey RECORD_KEY = EffectKey.of("c-1", EffectKind.RECORD_CALL, "deal");

  private static Effect.RecordCall record() {
    return Effect.RecordCall.builder().key(RECORD_KEY).reason("why")
        .target(EntityRef.existing(EntityType.DEAL, 9)).direction(CallDirection.INBOUND)
        .uniq("c-1").phone(PHONE).duration(Duration.ofSeconds(65))
        .recordingUrl("https://records.example/c-1.mp3").status(CallStatus.TALKED)
        .result("Answered by Anna").authorUserId(5001).responsibleUserId(5001).calledAt(AT)
        .source("ringostat").build();
  }

  @Test
  @DisplayName("R-ONCE every effect builder names all required fields left out, in one error")
  void buildersNameWhatIsMissing() {
    assertThatThrownBy(() -> Effect.CreateContact.builder().key(CONTACT_KEY).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot build CreateContact: set reason, name, phone, responsibleUserId on"
            + " the builder");
    assertThatThrownBy(() -> Effect.CreateDeal.builder().reason("why").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot build CreateDeal: set key, name, responsibleUserId on the builder");
    assertThatThrownBy(() -> Effect.CreateUnsorted.builder().phone(PHONE).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Cannot build CreateUnsorted: set key, reason, callId, calledAt,")
        .hasMessageContaining("responsibleUserId");
    assertThatThrownBy(() -> Effect.CreateTask.builder().key(TASK_KEY).reason("why").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot build CreateTask: set assigneeUserId, taskTypeId, text, deadline on"
            + " the builder");
    assertThatThrownBy(() -> Effect.CompleteTask.builder().taskId(5).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot build CompleteTask: set key, reason, resultText on the builder");
  }

  @Test
  @DisplayName("R-PIPE R-LIFE builders' shortcuts: a deal in pipeline and stage, a task on an"
      + " entity, a request with its recording, a record with its author")
  void builderShortcuts() {
    Effect.CreateDeal deal = Effect.CreateDeal.builder().key(DEAL_KEY).reason("why").name("Deal")
        .contact(EntityRef.createdBy(EntityType.CONTACT, CONTACT_KEY)).pipelineId(3383152L)
        .statusId(33831521L).responsibleUserId(5001).build();
    assertThat(deal.pipelineId()).contains(3383152L);
    assertThat(deal.statusId()).contains(33831521L);
    assertThat(deal.contact()).contains(EntityRef.createdBy(EntityType.CONTACT, CONTACT_KEY));

    Effect.CreateTask task = Effect.CreateTask.builder().key(TASK_KEY).reason("why")
        .target(EntityRef.existing(EntityType.DEAL, 9)).assigneeUserId(5001).taskTypeId(1)
        .text("Call back").deadline(AT).build();
    assertThat(task.target()).contains(EntityRef.existing(EntityType.DEAL, 9));

    Effect.CreateUnsorted request = Effect.CreateUnsorted.builder()
        .key(EffectKey.of("c-1", EffectKind.CREATE_UNSORTED)).reason("why").callId("c-1")
        .phone(PHONE).pipelineId(3383152L).calledAt(AT).duration(Duration.ofSeconds(30))
        .recordingUrl("https://records.example/c-1.mp3").responsibleUserId(5000)
        .contactName("c").dealName("d").source("ringostat").build();
    assertThat(request.pipelineId()).contains(3383152L);
    assertThat(request.recordingUrl()).contains("https://records.example/c-1.mp3");
    assertThat(request.creates()).containsExactly(EntityType.DEAL, EntityType.CONTACT);

    Effect.RecordCall r = record();
    assertThat(r.authorUserId()).contains(5001L);
    assertThat(r.recordingUrl()).contains("https://records.example/c-1.mp3");
  }

  @Test
  @DisplayName("R-LIFE a call record's content is everything a user reads in it; the same record"
      + " elsewhere says the same")
  void recordContent() {
    Effect.RecordCall r = record();
    assertThat(r.content()).isEqualTo("INBOUND|c-1|+380441234567|65|"
        + "https://records.example/c-1.mp3|TALKED|Answered by Anna|5001|5001|"
        + AT.getEpochSecond() + "|ringostat");
    EffectKey contactRecord = EffectKey.of("c-1", EffectKind.RECORD_CALL, "contact");
    Effect.RecordCall moved = r.withTarget(contactRecord, "on the contact",
        EntityRef.existing(EntityType.CONTACT, 7));
    assertThat(moved.key()).isEqualTo(contactRecord);
    assertThat(moved.reason()).isEqualTo("on the contact");
    assertThat(moved.target()).isEqualTo(EntityRef.existing(EntityType.CONTACT, 7));
    assertThat(moved.content()).isEqualTo(r.content());
  }

  @Test
  @DisplayName("R-LIFE task, entity and note ids must be positive; 1 is the smallest")
  void idsArePositive() {
    assertThatThrownBy(() -> new Effect.CompleteTask(TASK_KEY, "why", 0, "Done"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("taskId: must be positive, got 0");
    assertThat(new Effect.CompleteTask(TASK_KEY, "why", 1, "Done").taskId()).isEqualTo(1);

    EffectKey edit = EffectKey.of("c-1", EffectKind.UPDATE_CALL_RECORD, "deal@1");
    assertThatThrownBy(() -> new Effect.UpdateCallRecord(edit, "why", RECORD_KEY,
        EntityType.DEAL, 0, 5, record())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Effect.UpdateCallRecord(edit, "why", RECORD_KEY,
        EntityType.DEAL, 9, 0, record())).isInstanceOf(IllegalArgumentException.class);
    assertThat(new Effect.UpdateCallRecord(edit, "why", RECORD_KEY, EntityType.DEAL, 1, 1,
        record()).noteId()).isEqualTo(1);

    assertThatThrownBy(() -> new WrittenRecord(EntityType.DEAL, 0, 5, "x", Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WrittenRecord(EntityType.DEAL, 9, 0, "x", Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("entityId and noteId: must be positive, got 9 and 0");
    WrittenRecord w = new WrittenRecord(EntityType.DEAL, 1, 1, "x", Optional.of(5001L));
    assertThat(w.withContent("y")).isEqualTo(
        new WrittenRecord(EntityType.DEAL, 1, 1, "y", Optional.of(5001L)));
  }

  @Test
  @DisplayName("R-FIELDS a field value is addressed by id or by code, never by neither")
  void fieldAddress() {
    assertThatThrownBy(() -> new FieldValue(Optional.empty(), Optional.empty(), "google"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("field: needs an id or a code");
    assertThat(FieldValue.byId(771001, "12345").toString()).isEqualTo("field 771001=12345");
    assertThat(FieldValue.byCode("UTM_SOURCE", "google").toString())
        .isEqualTo("UTM_SOURCE=google");
  }

  @Test
  @DisplayName("R-ONCE a task or tracking update on an entity no earlier effect creates makes no"
      + " plan; after its creator it does")
  void referencesNeedAnEarlierEffect() {
    Effect.CreateDeal deal = Effect.CreateDeal.builder().key(DEAL_KEY).reason("why").name("Deal")
        .responsibleUserId(5001).build();
    Effect.CreateTask task = Effect.CreateTask.builder().key(TASK_KEY).reason("why")
        .target(EntityRef.createdBy(EntityType.DEAL, DEAL_KEY)).assigneeUserId(5001)
        .taskTypeId(1).text("Call back").deadline(AT).build();
    Effect.UpdateFields update = new Effect.UpdateFields(
        EffectKey.of("c-1", EffectKind.UPDATE_FIELDS, "deal"), "why",
        EntityRef.createdBy(EntityType.DEAL, DEAL_KEY), List.of(), List.of("google"));

    assertThatThrownBy(() -> Plan.of("c-1", Scenario.INBOUND_MISSED_NEW, List.of(task, deal),
        List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Plan.of("c-1", Scenario.INBOUND_MISSED_NEW, List.of(update, deal),
        List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThat(Plan.of("c-1", Scenario.INBOUND_MISSED_NEW, List.of(deal, task, update),
        List.of()).effects()).hasSize(3);
  }

  @Test
  @DisplayName("R-ONCE call status codes as amoCRM expects them: talked 4, no answer 6, busy 7,"
      + " voicemail 1, failed 6")
  void callStatusCodes() {
    assertThat(CallStatus.of(Disposition.ANSWERED).code()).isEqualTo(4);
    assertThat(CallStatus.of(Disposition.NO_ANSWER).code()).isEqualTo(6);
    assertThat(CallStatus.of(Disposition.BUSY).code()).isEqualTo(7);
    assertThat(CallStatus.of(Disposition.VOICEMAIL).code()).isEqualTo(1);
    assertThat(CallStatus.of(Disposition.FAILED).code()).isEqualTo(6);
  }

  @Test
  @DisplayName("R-LIFE a call's progress remembers its written records, and tells what it created,"
      + " what is uncertain and what it wrote")
  void progressRemembers() {
    WrittenRecord w = new WrittenRecord(EntityType.DEAL, 9, 77, "x", Optional.empty());
    CallProgress p = CallProgress.empty().with(RECORD_KEY, Map.of())
        .withRecords(Map.of(RECORD_KEY, w)).withUncertain(Set.of(CONTACT_KEY));
    assertThat(p.records()).containsExactly(Map.entry(RECORD_KEY, w));
    assertThat(p.createdByCall(EntityType.CONTACT)).isEmpty();
    assertThat(p.hasUncertainCreation()).isTrue();
    assertThat(p.toString()).contains(" uncertain [" + CONTACT_KEY + "]")
        .contains(" records {" + RECORD_KEY + "=");
    assertThat(CallProgress.empty().with(CONTACT_KEY, Map.of()).toString())
        .doesNotContain("uncertain").doesNotContain("records");
    assertThat(p).isEqualTo(CallProgress.empty().with(RECORD_KEY, Map.of())
        .withRecords(Map.of(RECORD_KEY, w)).withUncertain(Set.of(CONTACT_KEY)));
    assertThat(p).isNotEqualTo(CallProgress.empty().with(RECORD_KEY, Map.of())
        .withUncertain(Set.of(CONTACT_KEY)));
  }
}
