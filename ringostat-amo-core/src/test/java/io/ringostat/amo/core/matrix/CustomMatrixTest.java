package io.ringostat.amo.core.matrix;

import static io.ringostat.amo.core.testing.DecideSpec.given;
import static io.ringostat.amo.core.testing.ExampleWorld.ANNA;
import static io.ringostat.amo.core.testing.ExampleWorld.CLIENT;
import static io.ringostat.amo.core.testing.ExampleWorld.existingClient;
import static io.ringostat.amo.core.testing.ExampleWorld.inbound;
import static io.ringostat.amo.core.testing.ExampleWorld.outbound;
import static io.ringostat.amo.core.testing.PlanAssert.assertThatPlan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.Decider;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.NoAction;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.testing.ExampleWorld;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R-MATRIX a matrix written by the user, cell by cell (not copied from a preset): what a cell does
 * when it names only some of its parts, how its one-line description reads in every explanation,
 * the night queue and the builder's checks.
 */
class CustomMatrixTest {
  /** Every scenario does nothing, except those put afterwards. */
  private static DecisionMatrix.Builder nothingBut() {
    DecisionMatrix.Builder b = DecisionMatrix.builder().name("custom");
    for (Scenario s : Scenario.values()) {
      b.putCell(s, MatrixCell.builder().build());
    }
    return b;
  }

  private static Plan decide(DecisionMatrix m, io.ringostat.amo.core.model.CallEvent e,
      CrmView view) {
    return Decider.matrix().decide(e, Optional.of(view), ExampleWorld.settings(m),
        CallProgress.empty());
  }

  @Test
  @DisplayName("R-MATRIX a cell that names only its call record records the call and does nothing"
      + " else: no contact, deal, tracking update or task")
  void recordOnly() {
    DecisionMatrix m = nothingBut().putCell(Scenario.INBOUND_ANSWERED_EXISTING,
        MatrixCell.builder().recordCall(RecordTarget.DEAL).build()).build();
    Plan plan = decide(m, inbound("c-1").by("anna").ended(), existingClient());
    assertThatPlan(plan).hasEffectTypes(Effect.RecordCall.class).recordsOn(EntityType.DEAL);
  }

  @Test
  @DisplayName("R-MATRIX a cell that names only a contact creates it on answer, for the answering"
      + " employee, and records nothing")
  void contactOnly() {
    DecisionMatrix m = nothingBut().putCell(Scenario.INBOUND_ANSWERED_NEW,
        MatrixCell.builder().createContact(true).build()).build();
    Plan plan = decide(m, inbound("c-1").by("anna").answered(), CrmView.empty(CLIENT));
    assertThatPlan(plan).hasEffectTypes(Effect.CreateContact.class)
        .assignsEverythingCreatedTo(ANNA);
  }

  @Test
  @DisplayName("R-MATRIX a cell built without anything does nothing: the call is not recorded")
  void emptyCell() {
    DecisionMatrix m = nothingBut().build();
    Plan plan = decide(m, inbound("c-1").by("anna").ended(), existingClient());
    assertThatPlan(plan).hasNoAction(NoAction.MATRIX_SAYS_NOTHING);
    assertThat(m.cell(Scenario.INBOUND_ANSWERED_EXISTING).description()).isEqualTo("nothing");
  }

  @Test
  @DisplayName("R-MATRIX R-LIFE a matrix written without completeCallbackTasks leaves call-back"
      + " tasks open when the client is reached")
  void completionIsOffUnlessSet() {
    DecisionMatrix m = DecisionMatrix.builder().name("custom")
        .putAllCells(MatrixPresets.RECOMMENDED.cells())
        .unknownEndpointTask(MatrixPresets.RECOMMENDED.unknownEndpointTask()).build();
    assertThat(m.completeCallbackTasks()).isFalse();
    given(ExampleWorld.settings(m)).crm(crm -> crm.seed(existingClient()))
        .when(inbound("c-5").missed()).then(plan -> assertThatPlan(plan).hasTaskFor(ANNA))
        .when(outbound("c-6").by("bohdan").ended()).then(plan ->
            assertThat(plan.effects()).noneMatch(Effect.CompleteTask.class::isInstance));
  }

  @Test
  @DisplayName("R-MATRIX each cell's one-line description, as every explanation quotes it, names"
      + " what it creates, when, for whom, its record, tracking update and task")
  void descriptions() {
    assertThat(MatrixCell.builder().createUnsorted(true).createOn(Timing.ON_END)
        .assignee(Assignee.SENIOR_MANAGER)
        .task(new TaskRule(Assignee.SENIOR_MANAGER, "missed-call")).build().description())
        .isEqualTo("create unsorted request on end (assign SENIOR_MANAGER);"
            + " task 'missed-call' for SENIOR_MANAGER");
    assertThat(MatrixCell.builder().createContact(true).deal(DealPolicy.ALWAYS)
        .assignee(Assignee.RESPONSIBLE).recordCall(RecordTarget.BOTH).updateTracking(true).build()
        .description())
        .isEqualTo("create contact + deal on answer (assign RESPONSIBLE); record call → BOTH;"
            + " update tracking fields");
    assertThat(MatrixCell.builder().deal(DealPolicy.IF_NO_OPEN_DEAL).build().description())
        .isEqualTo("create deal if none open on answer (assign ANSWERING_EMPLOYEE)");
    assertThat(MatrixCell.builder().updateTracking(true).build().description())
        .isEqualTo("update tracking fields");

    DecisionMatrix m = nothingBut().putCell(Scenario.INBOUND_ANSWERED_EXISTING,
        MatrixCell.builder().recordCall(RecordTarget.DEAL_ELSE_CONTACT).build()).build();
    assertThatPlan(decide(m, inbound("c-1").by("anna").ended(), existingClient()))
        .explains("Matrix custom, INBOUND_ANSWERED_EXISTING: record call → DEAL_ELSE_CONTACT");
  }

  @Test
  @DisplayName("R-HOURS the night queue keeps the matrix's own outsideHours cells, and applying it"
      + " twice changes nothing")
  void nightQueue() {
    Map<Scenario, MatrixCell> own = new EnumMap<>(Scenario.class);
    MatrixCell nightRecord = MatrixCell.builder().recordCall(RecordTarget.CONTACT).build();
    own.put(Scenario.OUTBOUND_ANSWERED_EXISTING, nightRecord);
    DecisionMatrix withOwn = MatrixPresets.RECOMMENDED.withOutsideHours(own);

    DecisionMatrix queued = MatrixPresets.withNightQueue(withOwn);
    assertThat(queued.outsideHours()).containsEntry(Scenario.OUTBOUND_ANSWERED_EXISTING,
        nightRecord);
    assertThat(queued.outsideHours().get(Scenario.INBOUND_MISSED_EXISTING).task())
        .contains(new TaskRule(Assignee.SENIOR_MANAGER, MatrixPresets.MISSED_CALL_TASK));
    assertThat(queued.name()).isEqualTo("RECOMMENDED+night-queue");
    DecisionMatrix twice = MatrixPresets.withNightQueue(queued);
    assertThat(twice.name()).isEqualTo("RECOMMENDED+night-queue");
    assertThat(twice).isEqualTo(queued);
  }

  @Test
  @DisplayName("R-UNS R-HOURS an outsideHours cell may not create unsorted requests for outbound"
      + " calls either")
  void unsortedOnlyForInboundNewAtNightToo() {
    Map<Scenario, MatrixCell> night = new EnumMap<>(Scenario.class);
    night.put(Scenario.OUTBOUND_ANSWERED_NEW, MatrixCell.builder().createUnsorted(true).build());
    assertThatThrownBy(() -> MatrixPresets.RECOMMENDED.withOutsideHours(night))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("matrix.outsideHours.OUTBOUND_ANSWERED_NEW.createUnsorted: unsorted requests"
            + " are only for inbound calls from new clients");
  }
}
