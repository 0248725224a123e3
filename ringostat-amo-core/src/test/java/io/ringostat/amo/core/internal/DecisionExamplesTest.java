package io.ringostat.amo.core.internal;

import static io.ringostat.amo.core.testing.DecideSpec.given;
import static io.ringostat.amo.core.testing.ExampleWorld.ADS_PIPELINE;
import static io.ringostat.amo.core.testing.ExampleWorld.ANNA;
import static io.ringostat.amo.core.testing.ExampleWorld.ANSWERED;
import static io.ringostat.amo.core.testing.ExampleWorld.CLIENT;
import static io.ringostat.amo.core.testing.ExampleWorld.CLIENT_RAW;
import static io.ringostat.amo.core.testing.ExampleWorld.CONTACT_ID;
import static io.ringostat.amo.core.testing.ExampleWorld.OLENA;
import static io.ringostat.amo.core.testing.ExampleWorld.OPEN_DEAL_ID;
import static io.ringostat.amo.core.testing.ExampleWorld.clientWithClosedDealsOnly;
import static io.ringostat.amo.core.testing.ExampleWorld.existingClient;
import static io.ringostat.amo.core.testing.ExampleWorld.inbound;
import static io.ringostat.amo.core.testing.ExampleWorld.outbound;
import static io.ringostat.amo.core.testing.PlanAssert.assertThatPlan;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.Decider;
import io.ringostat.amo.core.matrix.Assignee;
import io.ringostat.amo.core.matrix.DealPolicy;
import io.ringostat.amo.core.matrix.DecisionMatrix;
import io.ringostat.amo.core.matrix.MatrixCell;
import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.matrix.RecordTarget;
import io.ringostat.amo.core.matrix.Scenario;
import io.ringostat.amo.core.matrix.TaskRule;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CrmUnsorted;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.OpenTask;
import io.ringostat.amo.core.model.Tracking;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.CallStatus;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EffectKind;
import io.ringostat.amo.core.plan.EntityRef;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.NoAction;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.TrackingLine;
import io.ringostat.amo.core.testing.ExampleWorld;
import io.ringostat.amo.core.text.Language;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Decisions a user of amoCRM notices, by example, for the branches the matrix goldens do not reach:
 * custom cells, what a call already did, tracking lines, too short talks, pipelines, call-back
 * tasks on a contact or on no entity, the popup, texts in another language.
 */
class DecisionExamplesTest {
  private static final TaskRule SENIOR_CALLBACK =
      new TaskRule(Assignee.SENIOR_MANAGER, MatrixPresets.MISSED_CALL_TASK);
  private static final TaskRule RESPONSIBLE_CALLBACK =
      new TaskRule(Assignee.RESPONSIBLE, MatrixPresets.MISSED_CALL_TASK);

  private static DecisionMatrix recommendedWith(Scenario s, MatrixCell cell) {
    return MatrixPresets.RECOMMENDED.withCell(s, cell);
  }

  private static Plan decide(IntegrationSettings s, CallEvent e, Optional<CrmView> view,
      CallProgress progress) {
    return Decider.matrix().decide(e, view, s, progress);
  }

  private static Plan decide(IntegrationSettings s, CallEvent e, CrmView view) {
    return decide(s, e, Optional.of(view), CallProgress.empty());
  }

  private static EffectKey key(String callId, EffectKind kind, String target) {
    return EffectKey.of(callId, kind, target);
  }

  // --- which calls count (R-FILTER) ---------------------------------------------------------

  @Test
  @DisplayName("R-FILTER an ignored tracking line: its ringing names no scenario, its end does;"
      + " nothing is planned for either")
  void ignoredLine() {
    IntegrationSettings s = ExampleWorld.builder(MatrixPresets.RECOMMENDED)
        .addTrackingLine(TrackingLine.ignored("support", List.of("+380 44 111 00 01"), List.of()))
        .build();
    Plan ringing = decide(s, inbound("c-1").ringing(), Optional.empty(), CallProgress.empty());
    assertThatPlan(ringing).hasNoAction(NoAction.IGNORED_LINE);
    assertThat(ringing.scenario()).isEmpty();
    Plan ended = decide(s, inbound("c-1").missed(), CrmView.empty(CLIENT));
    assertThatPlan(ended).hasNoAction(NoAction.IGNORED_LINE)
        .explains("Tracking line 'support' (tracking number +380441110001)");
    assertThat(ended.scenario()).contains(Scenario.INBOUND_MISSED_NEW);
  }

  @Test
  @DisplayName("R-FILTER a talk of 7.5 s under a 10 s minimum is recorded as missed with its real"
      + " talk time, and the responsible manager gets the call-back task")
  void tooShortTalk() {
    IntegrationSettings s = ExampleWorld.builder(MatrixPresets.RECOMMENDED)
        .putMinTalkTime(CallDirection.INBOUND, Duration.ofSeconds(10)).build();
    CallEvent shortTalk = CallEvent.builder().from(inbound("c-1").by("bohdan").ended())
        .endedAt(ANSWERED.plusMillis(7_500)).build();
    Plan plan = decide(s, shortTalk, existingClient());

    assertThat(plan.scenario()).contains(Scenario.INBOUND_MISSED_EXISTING);
    Effect.RecordCall record = plan.effects(Effect.RecordCall.class).get(0);
    assertThat(record.status()).isEqualTo(CallStatus.of(io.ringostat.amo.core.model.Disposition
        .NO_ANSWER));
    assertThat(record.duration()).isEqualTo(Duration.ofMillis(7_500));
    assertThat(record.reason()).endsWith(
        "; talk time 7500 ms below the minimum of 10 s: recorded as missed");
    assertThatPlan(plan).hasTaskFor(ANNA).explains("Talk time 7500 ms is below the minimum of"
        + " 10 s for inbound calls (minTalkTime): counted as missed");
  }

  // --- what the cell asks for, and when ------------------------------------------------------

  @Test
  @DisplayName("R-MATRIX an existing client's answered call with a record-only cell: nothing yet"
      + " on ANSWERED, the record at the end")
  void recordOnlyCellWaitsForTheEnd() {
    IntegrationSettings s = ExampleWorld.settings(recommendedWith(
        Scenario.INBOUND_ANSWERED_EXISTING, MatrixCell.builder().recordCall(RecordTarget.DEAL)
            .build()));
    assertThatPlan(decide(s, inbound("c-1").by("anna").answered(), existingClient()))
        .hasNoAction(NoAction.NOT_YET);
    assertThatPlan(decide(s, inbound("c-1").by("anna").ended(), existingClient()))
        .recordsOn(EntityType.DEAL);
  }

  @Test
  @DisplayName("R-V2 a new client's missed call under a record-only cell: no target entity, and a"
      + " lookup retry when updateOnlyRetryDelay is set")
  void recordOnlyCellWithoutTarget() {
    IntegrationSettings s = ExampleWorld.builder(recommendedWith(Scenario.INBOUND_MISSED_NEW,
            MatrixCell.builder().recordCall(RecordTarget.CONTACT).build()))
        .updateOnlyRetryDelay(Duration.ofMinutes(2)).build();
    Plan plan = decide(s, inbound("c-1").missed(), CrmView.empty(CLIENT));
    assertThatPlan(plan).hasNoAction(NoAction.NO_TARGET_ENTITY)
        .retriesLookupAfter(Duration.ofMinutes(2))
        .explains("Call record: no contact or deal to attach it to");
  }

  @Test
  @DisplayName("R-ONCE an ENDED decided without a lookup records the call on the contact its"
      + " ANSWERED created")
  void endFindsTheContactItsAnswerCreated() {
    IntegrationSettings s = ExampleWorld.settings(recommendedWith(Scenario.INBOUND_ANSWERED_NEW,
        MatrixCell.builder().createContact(true).recordCall(RecordTarget.CONTACT).build()));
    CallProgress progress = CallProgress.empty()
        .with(key("c-1", EffectKind.CREATE_CONTACT, ""), Map.of(EntityType.CONTACT, 777L));
    Plan plan = decide(s, inbound("c-1").by("anna").ended(), Optional.empty(), progress);

    assertThatPlan(plan).hasEffectTypes(Effect.RecordCall.class)
        .explains("Client: new; this call already created contact #777");
    assertThat(plan.explanation().get(0))
        .startsWith("Call c-1 (ENDED): inbound answered call, new client, phone ");
    assertThat(plan.effects(Effect.RecordCall.class).get(0).target())
        .isEqualTo(EntityRef.existing(EntityType.CONTACT, 777));
  }

  @Test
  @DisplayName("R-ONCE an ENDED decided without a lookup records the call on the deal its ANSWERED"
      + " created, and says so")
  void endFindsTheDealItsAnswerCreated() {
    IntegrationSettings s = ExampleWorld.settings(recommendedWith(Scenario.INBOUND_ANSWERED_NEW,
        MatrixCell.builder().deal(DealPolicy.IF_NO_OPEN_DEAL).recordCall(RecordTarget.DEAL)
            .build()));
    CallProgress progress = CallProgress.empty()
        .with(key("c-1", EffectKind.CREATE_DEAL, ""), Map.of(EntityType.DEAL, 888L));
    Plan plan = decide(s, inbound("c-1").by("anna").ended(), Optional.empty(), progress);

    assertThatPlan(plan).hasEffectTypes(Effect.RecordCall.class)
        .explains("Client: new; this call already created deal #888");
    assertThat(plan.effects(Effect.RecordCall.class).get(0).target())
        .isEqualTo(EntityRef.existing(EntityType.DEAL, 888));
    assertThat(plan.explanation().get(0))
        .startsWith("Call c-1 (ENDED): inbound answered call, new client, phone ");
  }

  @Test
  @DisplayName("R-FILTER a too short outbound call whose answer created the contact and deal: the"
      + " missed-call cell says nothing, nothing is claimed as already done")
  void tooShortAfterCreatingOnAnswer() {
    DecisionMatrix m = MatrixPresets.RECOMMENDED.withCell(Scenario.OUTBOUND_ANSWERED_NEW,
        MatrixCell.builder().createContact(true).deal(DealPolicy.IF_NO_OPEN_DEAL).build());
    IntegrationSettings s = ExampleWorld.builder(m)
        .putMinTalkTime(CallDirection.OUTBOUND, Duration.ofSeconds(10)).build();
    CallProgress progress = CallProgress.empty()
        .with(key("c-1", EffectKind.CREATE_CONTACT, ""), Map.of(EntityType.CONTACT, 777L))
        .with(key("c-1", EffectKind.CREATE_DEAL, ""), Map.of(EntityType.DEAL, 888L));
    CallEvent shortTalk = CallEvent.builder().from(outbound("c-1").by("anna").ended())
        .endedAt(ANSWERED.plusSeconds(5)).build();
    Plan plan = decide(s, shortTalk, Optional.empty(), progress);
    assertThat(plan.scenario()).contains(Scenario.OUTBOUND_MISSED_NEW);
    assertThatPlan(plan).hasNoAction(NoAction.MATRIX_SAYS_NOTHING);
  }

  @Test
  @DisplayName("R-PHONE a missed call from an unrecognized number is described by its scenario,"
      + " with the phone shown as unrecognized")
  void unrecognizedNumberHeader() {
    CallEvent anonymous = CallEvent.builder().from(inbound("c-1").missed()).clientPhone("12")
        .build();
    Plan plan = decide(ExampleWorld.settings(MatrixPresets.RECOMMENDED), anonymous,
        Optional.empty(), CallProgress.empty());
    assertThat(plan.explanation().get(0))
        .isEqualTo("Call c-1 (ENDED): inbound missed call, new client, phone unrecognized");
    assertThatPlan(plan).hasTaskFor(OLENA);
  }

  @Test
  @DisplayName("R-MATRIX an ANSWERED waits for the end when the cell only writes tracking data, or"
      + " only creates at the end")
  void waitsForTheEnd() {
    IntegrationSettings tracking = ExampleWorld.settings(recommendedWith(
        Scenario.INBOUND_ANSWERED_EXISTING, MatrixCell.builder().updateTracking(true).build()));
    assertThatPlan(decide(tracking, inbound("c-1").by("anna").answered(), existingClient()))
        .hasNoAction(NoAction.NOT_YET);
    IntegrationSettings onEnd = ExampleWorld.settings(recommendedWith(
        Scenario.INBOUND_ANSWERED_EXISTING, MatrixCell.builder().deal(DealPolicy.ALWAYS)
            .createOn(io.ringostat.amo.core.matrix.Timing.ON_END).build()));
    assertThatPlan(decide(onEnd, inbound("c-1").by("anna").answered(), existingClient()))
        .hasNoAction(NoAction.NOT_YET);
  }

  @Test
  @DisplayName("R-V2 a new client's call under a tracking-only cell: no target entity, and a lookup"
      + " retry")
  void trackingOnlyCellWithoutTarget() {
    IntegrationSettings s = ExampleWorld.builder(recommendedWith(Scenario.INBOUND_MISSED_NEW,
            MatrixCell.builder().updateTracking(true).build()))
        .updateOnlyRetryDelay(Duration.ofMinutes(2)).build();
    assertThatPlan(decide(s, inbound("c-1").missed(), CrmView.empty(CLIENT)))
        .hasNoAction(NoAction.NO_TARGET_ENTITY).retriesLookupAfter(Duration.ofMinutes(2));
  }

  @Test
  @DisplayName("R-ONCE an ANSWERED delivered again after its contact and deal were created plans"
      + " nothing: already done")
  void answeredAgain() {
    CallProgress progress = CallProgress.empty()
        .with(key("c-1", EffectKind.CREATE_CONTACT, ""), Map.of(EntityType.CONTACT, 777L))
        .with(key("c-1", EffectKind.CREATE_DEAL, ""), Map.of(EntityType.DEAL, 888L));
    Plan plan = decide(ExampleWorld.settings(MatrixPresets.RECOMMENDED),
        inbound("c-1").by("anna").answered(), Optional.empty(), progress);
    assertThatPlan(plan).hasNoAction(NoAction.ALREADY_DONE).explains("= deal already done");
  }

  @Test
  @DisplayName("R-LIFE an ANSWERED that arrives after the call's record was written edits nothing")
  void lateAnswerAfterTheRecord() {
    CallProgress progress = CallProgress.empty()
        .with(key("c-1", EffectKind.RECORD_CALL, "deal"), Map.of())
        .withRecords(Map.of(key("c-1", EffectKind.RECORD_CALL, "deal"),
            new io.ringostat.amo.core.plan.WrittenRecord(EntityType.DEAL, OPEN_DEAL_ID, 5,
                "x", Optional.of(ANNA))));
    Plan plan = decide(ExampleWorld.settings(MatrixPresets.RECOMMENDED),
        inbound("c-1").by("anna").answered(), Optional.of(existingClient()), progress);
    assertThat(plan.effects()).isEmpty();
  }

  @Test
  @DisplayName("R-UNS R-ONCE a missed call's end delivered again after its unsorted request and"
      + " task were made plans nothing: already done")
  void unsortedRequestAgain() {
    CallProgress progress = CallProgress.empty()
        .with(key("c-1", EffectKind.CREATE_UNSORTED, ""),
            Map.of(EntityType.DEAL, 40_001L, EntityType.CONTACT, 30_001L))
        .with(key("c-1", EffectKind.CREATE_TASK, MatrixPresets.MISSED_CALL_TASK), Map.of());
    Plan plan = decide(ExampleWorld.settings(MatrixPresets.UNSORTED), inbound("c-1").missed(),
        Optional.of(CrmView.empty(CLIENT)), progress);
    assertThatPlan(plan).hasNoAction(NoAction.ALREADY_DONE)
        .explains("= unsorted request already done");
  }

  // --- pipelines and new deals (R-PIPE) -------------------------------------------------------

  @Test
  @DisplayName("R-PIPE a call no rule matches goes to the default pipeline, or without one to the"
      + " account's main pipeline")
  void noRuleMatches() {
    CallEvent plain = new ExampleWorld.Call("c-1", CallDirection.INBOUND, CLIENT_RAW,
        Optional.of("anna"), Tracking.EMPTY).ended();
    Plan withDefault = decide(ExampleWorld.settings(MatrixPresets.RECOMMENDED), plain,
        CrmView.empty(CLIENT));
    assertThat(withDefault.effects(Effect.CreateDeal.class).get(0).pipelineId())
        .contains(ExampleWorld.SALES_PIPELINE);
    assertThatPlan(withDefault).explains("Pipeline: no rule matched; default");

    Plan main = decide(ExampleWorld.builder(MatrixPresets.RECOMMENDED)
        .defaultPipeline(Optional.empty()).build(), plain, CrmView.empty(CLIENT));
    Effect.CreateDeal deal = main.effects(Effect.CreateDeal.class).get(0);
    assertThat(deal.pipelineId()).isEmpty();
    assertThat(deal.statusId()).isEmpty();
    assertThatPlan(main).explains(
        "Pipeline: no rule matched and no default; the account's main pipeline");
  }

  @Test
  @DisplayName("R-UNS R-PIPE a new client's unsorted request goes to the pipeline of the ads rule")
  void unsortedRequestInTheRulesPipeline() {
    Plan plan = decide(ExampleWorld.settings(MatrixPresets.UNSORTED), inbound("c-1").missed(),
        CrmView.empty(CLIENT));
    assertThat(plan.effects(Effect.CreateUnsorted.class).get(0).pipelineId())
        .contains(ADS_PIPELINE);
  }

  @Test
  @DisplayName("R-MATRIX a deal's reason says which policy made it: every call, or no open one")
  void dealReasons() {
    IntegrationSettings always = ExampleWorld.settings(recommendedWith(
        Scenario.INBOUND_ANSWERED_EXISTING, MatrixCell.builder().deal(DealPolicy.ALWAYS)
            .recordCall(RecordTarget.DEAL).build()));
    Plan every = decide(always, inbound("c-1").by("anna").ended(), existingClient());
    assertThat(every.effects(Effect.CreateDeal.class).get(0).reason())
        .contains("creates a deal for every call, assigned to Anna Kovalenko (user 5001)");

    IntegrationSettings ifNone = ExampleWorld.settings(recommendedWith(
        Scenario.INBOUND_ANSWERED_EXISTING, MatrixCell.builder().deal(DealPolicy.IF_NO_OPEN_DEAL)
            .recordCall(RecordTarget.DEAL).build()));
    Plan closed = decide(ifNone, inbound("c-1").by("anna").ended(), clientWithClosedDealsOnly());
    assertThat(closed.effects(Effect.CreateDeal.class).get(0).reason())
        .contains("creates a deal because the client has no open one");
    Plan newClient = decide(ExampleWorld.settings(MatrixPresets.RECOMMENDED),
        inbound("c-2").by("anna").ended(), CrmView.empty(CLIENT));
    assertThat(newClient.effects(Effect.CreateDeal.class).get(0).reason())
        .contains("creates a deal for a new client");
  }

  // --- tracking data (R-FIELDS, R-V2) -----------------------------------------------------------

  @Test
  @DisplayName("R-FIELDS a new client's tracking data goes into the new deal, never as a second"
      + " update of it")
  void noTrackingUpdateForANewClient() {
    IntegrationSettings s = ExampleWorld.settings(recommendedWith(Scenario.INBOUND_ANSWERED_NEW,
        MatrixCell.builder().createContact(true).deal(DealPolicy.IF_NO_OPEN_DEAL)
            .updateTracking(true).recordCall(RecordTarget.DEAL).build()));
    Plan plan = decide(s, inbound("c-1").by("anna").ended(), CrmView.empty(CLIENT));
    assertThatPlan(plan).hasEffectTypes(Effect.CreateContact.class, Effect.CreateDeal.class,
        Effect.RecordCall.class);
    assertThat(plan.effects(Effect.CreateDeal.class).get(0).fields()).isNotEmpty();
  }

  @Test
  @DisplayName("R-V2 a pending unsorted request without a lead or contact id: nothing to write the"
      + " tracking data or the record into")
  void pendingRequestWithoutEntities() {
    CrmView pending = new CrmView(CLIENT, List.of(), List.of(), List.of(),
        List.of(new CrmUnsorted("u-1", Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.of(OLENA), Optional.empty())));
    Plan plan = decide(ExampleWorld.settings(MatrixPresets.UPDATE_ONLY),
        inbound("c-1").by("anna").ended(), pending);
    assertThat(plan.scenario()).contains(Scenario.INBOUND_ANSWERED_EXISTING);
    assertThat(plan.effects()).isEmpty();
  }

  @Test
  @DisplayName("R-FIELDS a blank tracking value becomes no tag")
  void blankValueIsNoTag() {
    CallEvent blankPool = new ExampleWorld.Call("c-1", CallDirection.INBOUND, CLIENT_RAW,
        Optional.of("anna"), Tracking.builder().pool(" ").utmSource("google").build()).ended();
    Plan plan = decide(ExampleWorld.settings(MatrixPresets.RECOMMENDED), blankPool,
        CrmView.empty(CLIENT));
    assertThat(plan.effects(Effect.CreateDeal.class).get(0).tags()).containsExactly("ringostat");
  }

  // --- call records (R-ONCE, R-LIFE) ------------------------------------------------------------

  @Test
  @DisplayName("R-ONCE with records on BOTH, a retry after the deal's record writes only the"
      + " contact's")
  void bothRecordsRetry() {
    IntegrationSettings s = ExampleWorld.settings(recommendedWith(
        Scenario.INBOUND_ANSWERED_EXISTING, MatrixCell.builder().recordCall(RecordTarget.BOTH)
            .build()));
    CallProgress dealRecorded = CallProgress.empty()
        .with(key("c-1", EffectKind.RECORD_CALL, "deal"), Map.of());
    Plan plan = decide(s, inbound("c-1").by("anna").ended(), Optional.of(existingClient()),
        dealRecorded);
    assertThatPlan(plan).recordsOn(EntityType.CONTACT);
  }

  @Test
  @DisplayName("R-LIFE one record per call: a deal that appeared after the record went on the"
      + " contact gets no second record")
  void oneRecordPerCall() {
    CallProgress contactRecorded = CallProgress.empty()
        .with(key("c-1", EffectKind.RECORD_CALL, "contact"), Map.of())
        .with(key("c-1", EffectKind.CREATE_TASK, MatrixPresets.MISSED_CALL_TASK), Map.of());
    Plan plan = decide(ExampleWorld.settings(MatrixPresets.RECOMMENDED), inbound("c-1").missed(),
        Optional.of(existingClient()), contactRecorded);
    assertThatPlan(plan).hasNoAction(NoAction.ALREADY_DONE)
        .explains("= call record on the contact already done");
  }

  @Test
  @DisplayName("R-CLASS a new client's record is not tied to the manager this call itself made"
      + " responsible")
  void newClientsRecordHasNoClientResponsible() {
    var call = inbound("c-1").by("anna");
    given(ExampleWorld.settings(MatrixPresets.RECOMMENDED))
        .when(call.answered()).then(plan -> assertThatPlan(plan).assignsEverythingCreatedTo(ANNA))
        .when(call.ended()).then(plan -> {
          assertThat(plan.scenario()).contains(Scenario.INBOUND_ANSWERED_NEW);
          Effect.RecordCall record = plan.effects(Effect.RecordCall.class).get(0);
          assertThat(record.clientResponsibleUserId()).isEmpty();
          assertThat(record.result()).isEqualTo("Answered by Anna Kovalenko");
        });
  }

  // --- call-back tasks (R-LIFE) ---------------------------------------------------------------

  @Test
  @DisplayName("R-LIFE a call-back task open on the client's contact (no open deal): no second one")
  void openTaskOnTheContact() {
    IntegrationSettings s = ExampleWorld.settings(recommendedWith(Scenario.INBOUND_MISSED_EXISTING,
        MatrixCell.builder().recordCall(RecordTarget.CONTACT).task(RESPONSIBLE_CALLBACK).build()));
    CrmView view = clientWithClosedDealsOnly().withOpenCallbackTasks(List.of(new OpenTask(31,
        MatrixPresets.MISSED_CALL_TASK, Optional.empty(), Optional.of(CONTACT_ID), ANNA,
        Instant.parse("2024-05-06T10:00:00Z"))));
    Plan plan = decide(s, inbound("c-1").missed(), view);
    assertThatPlan(plan).recordsOn(EntityType.CONTACT).hasNoTask()
        .explains("call-back task #31");
  }

  @Test
  @DisplayName("R-LIFE a call-back task on no entity is still open: a new client's next missed call"
      + " adds no second one")
  void openTaskOnNoEntity() {
    IntegrationSettings s = ExampleWorld.settings(recommendedWith(Scenario.INBOUND_MISSED_NEW,
        MatrixCell.builder().task(SENIOR_CALLBACK).build()));
    CrmView view = CrmView.empty(CLIENT).withOpenCallbackTasks(List.of(new OpenTask(32,
        MatrixPresets.MISSED_CALL_TASK, Optional.empty(), Optional.empty(), OLENA,
        Instant.parse("2024-05-06T10:00:00Z"))));
    assertThatPlan(decide(s, inbound("c-1").missed(), view)).hasNoTask()
        .explains("call-back task #32");
    Plan first = decide(s, inbound("c-1").missed(), CrmView.empty(CLIENT));
    assertThatPlan(first).hasTaskFor(OLENA);
    assertThat(first.effects(Effect.CreateTask.class).get(0).target()).isEmpty();
  }

  @Test
  @DisplayName("R-LIFE R-ONCE a call-back task this call already completed is not completed again,"
      + " even while the view still shows it open")
  void completedOnce() {
    CrmView view = existingClient().withOpenCallbackTasks(List.of(new OpenTask(12,
        MatrixPresets.MISSED_CALL_TASK, Optional.of(OPEN_DEAL_ID), Optional.empty(), ANNA,
        Instant.parse("2024-05-06T10:00:00Z"))));
    CallProgress done = CallProgress.empty()
        .with(key("c-1", EffectKind.RECORD_CALL, "deal"), Map.of())
        .with(key("c-1", EffectKind.COMPLETE_TASK, "12"), Map.of());
    Plan plan = decide(ExampleWorld.settings(MatrixPresets.RECOMMENDED),
        inbound("c-1").by("anna").ended(), Optional.of(view), done);
    assertThatPlan(plan).hasNoAction(NoAction.ALREADY_DONE)
        .explains("= completion of task #12 already done");
  }

  // --- people and texts -----------------------------------------------------------------------

  @Test
  @DisplayName("R-IN-3 the incoming-call popup shows to the responsible manager, or for a new"
      + " client to every employee")
  void popupUsers() {
    IntegrationSettings s = ExampleWorld.builder(MatrixPresets.RECOMMENDED).callPopup(true).build();
    Plan known = decide(s, inbound("c-1").ringing(), existingClient());
    assertThat(known.effects(Effect.NotifyIncomingCall.class).get(0).userIds())
        .containsExactly(ANNA);
    Plan unknown = decide(s, inbound("c-2").ringing(), CrmView.empty(CLIENT));
    assertThat(unknown.effects(Effect.NotifyIncomingCall.class).get(0).userIds())
        .containsExactly(OLENA, ANNA, ExampleWorld.BOHDAN);
  }

  @Test
  @DisplayName("R-ONCE a ringing event delivered again after its popup was shown shows no second"
      + " popup")
  void popupOnce() {
    IntegrationSettings s = ExampleWorld.builder(MatrixPresets.RECOMMENDED).callPopup(true).build();
    CallProgress shown = CallProgress.empty().with(key("c-1", EffectKind.NOTIFY, ""), Map.of());
    Plan plan = decide(s, inbound("c-1").ringing(), Optional.of(existingClient()), shown);
    assertThatPlan(plan).hasNoAction(NoAction.ALREADY_DONE)
        .explains("= incoming-call popup already done");
  }

  @Test
  @DisplayName("R-LANG in Ukrainian the call-back task's text is the catalogue's Ukrainian text")
  void ukrainianTaskText() {
    IntegrationSettings s = ExampleWorld.builder(MatrixPresets.RECOMMENDED)
        .language(Language.UK).build();
    Plan plan = decide(s, inbound("c-1").missed(), existingClient());
    assertThat(plan.effects(Effect.CreateTask.class).get(0).text())
        .isEqualTo("Пропущений дзвінок з номера +380441234567: передзвоніть клієнту");
  }

  @Test
  @DisplayName("R-MATRIX a senior manager who is no employee is named as such in the task's reason")
  void seniorManagerWhoIsNoEmployee() {
    IntegrationSettings s = ExampleWorld.builder(MatrixPresets.RECOMMENDED)
        .seniorManagerUserId(9_999).build();
    Plan plan = decide(s, inbound("c-1").missed(), CrmView.empty(CLIENT));
    assertThatPlan(plan).hasTaskFor(9_999);
    assertThat(plan.effects(Effect.CreateTask.class).get(0).reason())
        .startsWith("task 'missed-call' for the senior manager (user 9999): ");
  }

  @Test
  @DisplayName("R-CLASS an event decided without a lookup says that the client was not looked up")
  void notLookedUp() {
    Plan answered = decide(ExampleWorld.settings(MatrixPresets.UPDATE_ONLY),
        inbound("c-1").by("anna").answered(), Optional.empty(), CallProgress.empty());
    assertThat(answered.explanation().get(0)).startsWith(
        "Call c-1 (ANSWERED): inbound answered call, client not looked up, phone ");
    assertThatPlan(answered).explains("Client: not looked up; nothing in this phase needs the CRM");
    Plan missed = decide(ExampleWorld.settings(MatrixPresets.UPDATE_ONLY),
        outbound("c-2").missed(), Optional.empty(), CallProgress.empty());
    assertThat(missed.explanation().get(0)).startsWith(
        "Call c-2 (ENDED): outbound missed call, client not looked up, phone ");
  }

  @Test
  @DisplayName("R-LANG a custom direction text that names {direction} itself renders it empty,"
      + " not a loop")
  void directionPlaceholderInsideItself() {
    IntegrationSettings s = ExampleWorld.builder(MatrixPresets.RECOMMENDED)
        .putMessage("en", Map.of("direction-inbound", "In{direction}coming ({pool})"))
        .dealNameTemplate("{direction} call {call_id}").build();
    Plan plan = decide(s, inbound("c-1").by("anna").ended(), CrmView.empty(CLIENT));
    assertThat(plan.effects(Effect.CreateDeal.class).get(0).name())
        .isEqualTo("Incoming (Context ads) call c-1");
  }
}
