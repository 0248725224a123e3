package io.ringostat.amo.core.matrix;

import static io.ringostat.amo.core.testing.DecideSpec.given;
import static io.ringostat.amo.core.testing.ExampleWorld.existingClient;
import static io.ringostat.amo.core.testing.ExampleWorld.inbound;
import static io.ringostat.amo.core.testing.ExampleWorld.outbound;
import static io.ringostat.amo.core.testing.ExampleWorld.settings;
import static io.ringostat.amo.core.testing.PlanAssert.assertThatPlan;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.Decider;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.OpenTask;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.testing.DecideSpec;
import io.ringostat.amo.core.testing.ExampleWorld;
import io.ringostat.amo.core.testing.FakeCrm;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R-LIFE call-back tasks: at most one open call-back task per client and entity, and a later
 * answered call with the client completes it (on in RECOMMENDED). The fake CRM reports the open
 * tasks the SDK made, as the engine's journal does.
 */
class CallbackTasksTest {
  private static final IntegrationSettings SETTINGS = settings(MatrixPresets.RECOMMENDED);

  @Test
  @DisplayName("R-LIFE two missed calls from an existing client: both recorded, one call-back task")
  void twoMissedCallsMakeOneTask() {
    DecideSpec spec = given(SETTINGS).crm(crm -> crm.seed(existingClient()))
        .when(inbound("c-5").missed()).thenPrints("""
            1. record-call     on=deal #20001 inbound uniq=c-5 phone=+380441234567 at=2024-05-06T09:00:00Z duration=0s status=NO_ANSWER responsible=5001 result="Missed call: no answer" source="ringostat"
            2. create-task     for=5001 on=deal #20001 type=1 due=2024-05-06T09:30:40Z text="Missed call from +380441234567: call the client back"
            """)
        .when(inbound("c-6").missed()).thenPrints("""
            1. record-call     on=deal #20001 inbound uniq=c-6 phone=+380441234567 at=2024-05-06T09:00:00Z duration=0s status=NO_ANSWER responsible=5001 result="Missed call: no answer" source="ringostat"
            """);
    assertThat(spec.crm().tasks()).hasSize(1);
  }

  @Test
  @DisplayName("R-LIFE a new client's two missed calls: the second finds the first's task open")
  void newClientsSecondMissedCallAddsNoTask() {
    DecideSpec spec = given(SETTINGS)
        .when(inbound("c-1").missed()).then(plan -> assertThatPlan(plan).hasTaskFor(
            ExampleWorld.OLENA))
        .when(inbound("c-2").missed()).then(plan -> {
          assertThatPlan(plan).hasNoTask();
          assertThat(plan.explanation()).anyMatch(l -> l.contains("still open for this client"));
        });
    assertThat(spec.crm().tasks()).hasSize(1);
    assertThat(spec.crm().callRecords()).hasSize(2);
  }

  @Test
  @DisplayName("R-LIFE a missed call, then an answered call back by anyone: the task is completed"
      + " with a result naming that call")
  void answeredCallCompletesTheTask() {
    DecideSpec spec = given(SETTINGS).crm(crm -> crm.seed(existingClient()))
        .when(inbound("c-5").missed()).then(plan -> assertThatPlan(plan).hasTaskFor(
            ExampleWorld.ANNA))
        .when(outbound("c-6").by("bohdan").ended()).thenPrints("""
            1. record-call     on=deal #20001 outbound uniq=c-6 phone=+380441234567 at=2024-05-06T09:00:00Z duration=180s status=TALKED responsible=5002 author=5002 result="Called by Bohdan Shevchenko, not by the responsible manager (Anna Kovalenko)" link=https://records.example/c-6.mp3 source="ringostat"
            2. complete-task   task=900001 result="Done: the client was called back (06.05 09:00)"
            """);
    FakeCrm.Task task = spec.crm().tasks().get(0);
    assertThat(task.completed()).isTrue();
    // the next missed call makes a new call-back task: the old one is closed
    spec.when(inbound("c-7").missed()).then(plan -> assertThatPlan(plan).hasTaskFor(
        ExampleWorld.ANNA));
    assertThat(spec.crm().tasks()).hasSize(2);
  }

  @Test
  @DisplayName("R-LIFE an inbound answered call completes the task too, once")
  void inboundAnsweredCallCompletesTheTaskOnce() {
    var call = inbound("c-6").by("anna");
    DecideSpec spec = given(SETTINGS).crm(crm -> crm.seed(existingClient()))
        .when(inbound("c-5").missed()).then(plan -> { })
        .when(call.answered()).then(plan -> assertThatPlan(plan).hasNoTask())
        .when(call.ended()).then(plan -> assertThat(plan.effects())
            .filteredOn(Effect.CompleteTask.class::isInstance).hasSize(1));
    spec.when(call.ended()).then(plan -> assertThat(plan.effects()).isEmpty());
    assertThat(spec.crm().tasks().get(0).completed()).isTrue();
  }

  @Test
  @DisplayName("R-LIFE with completeCallbackTasks off an answered call completes nothing")
  void optionOffCompletesNothing() {
    IntegrationSettings off =
        settings(MatrixPresets.RECOMMENDED.withCompleteCallbackTasks(false));
    DecideSpec spec = given(off).crm(crm -> crm.seed(existingClient()))
        .when(inbound("c-5").missed()).then(plan -> { })
        .when(outbound("c-6").by("bohdan").ended()).then(plan -> assertThat(plan.effects())
            .noneMatch(Effect.CompleteTask.class::isInstance));
    assertThat(spec.crm().tasks().get(0).completed()).isFalse();
  }

  @Test
  @DisplayName("R-LIFE completing call-back tasks is on in RECOMMENDED only")
  void presets() {
    assertThat(MatrixPresets.RECOMMENDED.completeCallbackTasks()).isTrue();
    assertThat(MatrixPresets.UPDATE_ONLY.completeCallbackTasks()).isFalse();
    assertThat(MatrixPresets.UNSORTED.completeCallbackTasks()).isFalse();
  }

  @Test
  @DisplayName("R-LIFE an open task from another template, or on another entity, is no call-back"
      + " task for this decision")
  void onlyTheSameTemplateAndEntityCount() {
    CrmView view = existingClient().withOpenCallbackTasks(List.of(
        new OpenTask(11, "follow-up", Optional.of(ExampleWorld.OPEN_DEAL_ID), Optional.empty(),
            ExampleWorld.ANNA, Instant.parse("2024-05-06T10:00:00Z")),
        new OpenTask(12, MatrixPresets.MISSED_CALL_TASK, Optional.empty(),
            Optional.of(ExampleWorld.CONTACT_ID), ExampleWorld.ANNA,
            Instant.parse("2024-05-06T10:00:00Z"))));
    Plan missed = Decider.matrix().decide(inbound("c-5").missed(), Optional.of(view), SETTINGS,
        CallProgress.empty());
    assertThatPlan(missed).hasTaskFor(ExampleWorld.ANNA);
    Plan answered = Decider.matrix().decide(inbound("c-6").by("anna").ended(),
        Optional.of(view), SETTINGS, CallProgress.empty());
    assertThat(answered.effects()).filteredOn(Effect.CompleteTask.class::isInstance)
        .extracting(e -> ((Effect.CompleteTask) e).taskId()).containsExactly(12L);
  }

  @Test
  @DisplayName("R-LIFE R-ONCE an answered call never completes a task its own call made from a"
      + " call-back template (the settings check sharing the missed-call template)")
  void aCallNeverCompletesItsOwnTask() {
    IntegrationSettings shared = settings(MatrixPresets.RECOMMENDED.withUnknownEndpointTask(
        Optional.of(new TaskRule(Assignee.SENIOR_MANAGER, MatrixPresets.MISSED_CALL_TASK))));
    var call = inbound("c-8").by("sip:trainee-7@pbx.example");
    DecideSpec spec = given(shared).crm(crm -> crm.seed(existingClient()))
        .when(call.ended()).then(plan -> assertThat(plan.effects())
            .noneMatch(Effect.CompleteTask.class::isInstance));
    spec.when(call.ended()).then(plan -> assertThat(plan.effects()).isEmpty());
    assertThat(spec.crm().tasks()).singleElement()
        .satisfies(t -> assertThat(t.completed()).isFalse());
  }
}
