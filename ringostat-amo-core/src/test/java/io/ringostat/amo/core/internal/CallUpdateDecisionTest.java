package io.ringostat.amo.core.internal;

import static io.ringostat.amo.core.testing.ExampleWorld.ANNA;
import static io.ringostat.amo.core.testing.ExampleWorld.BOHDAN;
import static io.ringostat.amo.core.testing.ExampleWorld.OPEN_DEAL_ID;
import static io.ringostat.amo.core.testing.ExampleWorld.existingClient;
import static io.ringostat.amo.core.testing.ExampleWorld.inbound;
import static io.ringostat.amo.core.testing.PlanAssert.assertThatPlan;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.Decider;
import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.CallStatus;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.NoAction;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.plan.WrittenRecord;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.testing.ExampleWorld;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R-LIFE by example: news about a call that already wrote its call record (a later recording link,
 * the final duration) edits that record in amoCRM — the same note, the same owner, the same
 * "not by the responsible manager" text — and never writes a second one. The record was written
 * on the ENDED event; the journal's progress then knows its note id and content.
 */
class CallUpdateDecisionTest {
  private static final IntegrationSettings SETTINGS =
      ExampleWorld.settings(MatrixPresets.RECOMMENDED);
  private static final long NOTE_ID = 777;

  /** Bohdan answered the existing client (Anna's) without a recording link yet. */
  private static final CallEvent ENDED = CallEvent.builder()
      .from(inbound("c-9").by("bohdan").ended()).recordingUrl(Optional.empty()).build();

  private static Plan decide(CallEvent event, Optional<CrmView> view, CallProgress progress) {
    return Decider.matrix().decide(event, view, SETTINGS, progress);
  }

  /** The progress after the ENDED event's plan was carried out: its record is note #777. */
  private static CallProgress written() {
    Plan ended = decide(ENDED, Optional.of(existingClient()), CallProgress.empty());
    Effect.RecordCall record = ended.effects(Effect.RecordCall.class).get(0);
    CallProgress done = CallProgress.empty();
    for (Effect e : ended.effects()) {
      done = done.with(e.key(), Map.of());
    }
    return done.withRecords(Map.of(record.key(), new WrittenRecord(EntityType.DEAL, OPEN_DEAL_ID,
        NOTE_ID, record.content(), record.clientResponsibleUserId())));
  }

  private static CallEvent updated(String recordingUrl) {
    return CallEvent.builder().from(ENDED).phase(CallPhase.UPDATED).recordingUrl(recordingUrl)
        .build();
  }

  @Test
  @DisplayName("R-LIFE a recording link that comes after the end edits the call record (note"
      + " #777 on the deal), keeping its owner, author and result text; no lookup is needed")
  void laterRecordingEditsTheRecord() {
    Plan plan = decide(updated("https://records.example/c-9.mp3"), Optional.empty(), written());

    assertThatPlan(plan).hasEffectTypes(Effect.UpdateCallRecord.class).createsNothing()
        .hasNoTask().printsAs("""
        1. update-call-record note=777 on=deal#20001 duration=180s status=TALKED \
        result="Answered by Bohdan Shevchenko, not by the responsible manager (Anna Kovalenko)" \
        link=https://records.example/c-9.mp3
        """);
    Effect.UpdateCallRecord edit = plan.effects(Effect.UpdateCallRecord.class).get(0);
    assertThat(edit.noteId()).isEqualTo(NOTE_ID);
    assertThat(edit.entityType()).isEqualTo(EntityType.DEAL);
    assertThat(edit.entityId()).isEqualTo(OPEN_DEAL_ID);
    assertThat(edit.call().recordingUrl()).contains("https://records.example/c-9.mp3");
    assertThat(edit.call().status()).isEqualTo(CallStatus.TALKED);
    assertThat(edit.call().responsibleUserId()).isEqualTo(BOHDAN);
    assertThat(edit.call().authorUserId()).contains(BOHDAN);
    // rendered against the responsible manager of the first decision, though nothing was looked up
    assertThat(edit.call().result())
        .isEqualTo("Answered by Bohdan Shevchenko, not by the responsible manager"
            + " (Anna Kovalenko)");
    assertThat(edit.recordKey().kind()).isEqualTo(
        io.ringostat.amo.core.plan.EffectKind.RECORD_CALL);
    assertThat(plan.explanation()).anyMatch(l -> l.contains("already wrote 1 call record(s)"));
  }

  @Test
  @DisplayName("R-LIFE R-ONCE an update that says what the record already says sends nothing")
  void sameContentSendsNothing() {
    Plan plan = decide(CallEvent.builder().from(ENDED).phase(CallPhase.UPDATED).build(),
        Optional.empty(), written());

    assertThatPlan(plan).hasNoAction(NoAction.ALREADY_DONE);
    assertThat(plan.explanation()).anyMatch(l -> l.contains("(note #777) on the deal #20001"
        + " already says this"));
  }

  @Test
  @DisplayName("R-LIFE R-ONCE a redelivered ENDED after the record was written edits nothing and"
      + " writes no second record or task")
  void redeliveredEndIsNoSecondRecord() {
    Plan plan = decide(ENDED, Optional.of(existingClient()), written());
    assertThatPlan(plan).hasNoAction(NoAction.ALREADY_DONE);
  }

  @Test
  @DisplayName("R-LIFE R-ONCE an edit already made is not made again; a later, different edit is")
  void editsAreOncePerContent() {
    CallEvent first = updated("https://records.example/c-9.mp3");
    Effect.UpdateCallRecord edit = decide(first, Optional.empty(), written())
        .effects(Effect.UpdateCallRecord.class).get(0);
    CallProgress afterEdit = written().with(edit.key(), Map.of());

    Plan again = decide(first, Optional.empty(), afterEdit);
    assertThatPlan(again).hasNoAction(NoAction.ALREADY_DONE);
    assertThat(again.explanation()).anyMatch(l -> l.startsWith("= edit of the call record"));

    CallEvent longer = CallEvent.builder().from(first)
        .endedAt(ExampleWorld.ENDED.plus(Duration.ofSeconds(30))).build();
    Plan second = decide(longer, Optional.empty(), afterEdit);
    assertThatPlan(second).hasEffectTypes(Effect.UpdateCallRecord.class);
    Effect.UpdateCallRecord secondEdit = second.effects(Effect.UpdateCallRecord.class).get(0);
    assertThat(secondEdit.key()).isNotEqualTo(edit.key());
    assertThat(secondEdit.call().duration()).isEqualTo(Duration.ofSeconds(210));
  }

  @Test
  @DisplayName("R-LIFE an update of a call by the responsible manager keeps the plain result text")
  void responsibleManagersRecord() {
    CallEvent anna = CallEvent.builder().from(inbound("c-10").by("anna").ended())
        .recordingUrl(Optional.empty()).build();
    Plan ended = decide(anna, Optional.of(existingClient()), CallProgress.empty());
    Effect.RecordCall record = ended.effects(Effect.RecordCall.class).get(0);
    assertThat(record.clientResponsibleUserId()).contains(ANNA);
    CallProgress progress = CallProgress.empty().with(record.key(), Map.of()).withRecords(Map.of(
        record.key(), new WrittenRecord(EntityType.DEAL, OPEN_DEAL_ID, NOTE_ID, record.content(),
            record.clientResponsibleUserId())));

    Plan plan = decide(CallEvent.builder().from(anna).phase(CallPhase.UPDATED)
        .recordingUrl("https://records.example/c-10.mp3").build(), Optional.empty(), progress);
    Effect.UpdateCallRecord edit = plan.effects(Effect.UpdateCallRecord.class).get(0);
    assertThat(edit.call().result()).isEqualTo("Answered by Anna Kovalenko");
    assertThat(edit.call().responsibleUserId()).isEqualTo(ANNA);
  }
}
