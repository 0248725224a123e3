package io.ringostat.amo.core;

import static io.ringostat.amo.core.testing.PlanAssert.assertThatPlan;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.testing.Covers;
import io.ringostat.amo.core.matrix.Assignee;
import io.ringostat.amo.core.matrix.MatrixCell;
import io.ringostat.amo.core.matrix.Scenario;
import io.ringostat.amo.core.matrix.Timing;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.plan.CallStatus;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.NoAction;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.plan.PlanPrinter;
import io.ringostat.amo.core.testing.DecisionInput;
import io.ringostat.amo.core.testing.Facts;
import io.ringostat.amo.core.testing.Generators;
import io.ringostat.amo.core.testing.Generators.ViewShape;
import io.ringostat.amo.core.testing.Property;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Properties of {@link Decider#decide} over every valid input: any matrix (the presets, changed
 * presets and random ones), any call, any CRM view; R-CLASS and R-MATRIX.
 */
class DeciderProperties {
  private static final Generators.Inputs ANY = Generators.inputs();

  @Covers({"R-MATRIX"})
  @TestFactory
  Stream<DynamicTest> determinismAndTotality() {
    return Stream.of(
        Property.forAll(ANY.randomProgress(30).gen())
            .test("R-MATRIX decide is deterministic: equal inputs give equal plans", in -> {
              Plan first = in.decide();
              DecisionInput copy = new DecisionInput(in.settings(),
                  CallEvent.builder().from(in.event()).build(),
                  in.view().map(v -> new CrmView(v.phone(), List.copyOf(v.contacts()),
                      List.copyOf(v.deals()), v.companies(), v.unsorted())), in.progress());
              assertThat(copy.decide()).isEqualTo(first);
              assertThat(in.decide()).isEqualTo(first);
            }),
        Property.forAll(ANY.randomProgress(30).gen())
            .test("R-MATRIX decide is total: a plan with effects xor a no-action reason", in -> {
              Plan plan = in.decide();
              assertThat(plan.isEmpty()).isEqualTo(plan.noAction().isPresent());
              assertThat(plan.callId()).isEqualTo(in.event().callId());
              assertThat(plan.explanation()).isNotEmpty();
              if (plan.retryLookupAfter().isPresent()) {
                assertThat(plan.noAction()).contains(NoAction.NO_TARGET_ENTITY);
              }
              assertThat(PlanPrinter.print(plan)).isNotBlank();
              plan.effects().forEach(e -> assertThat(e.key().callId())
                  .isEqualTo(in.event().callId()));
            }),
        Property.forAll(ANY.randomProgress(30).gen())
            .test("R-MATRIX every symbolic reference points to an earlier effect", in ->
                assertThatPlan(in.decide()).refersOnlyBackwards()),
        Property.forAll(ANY.randomProgress(30).gen())
            .test("R-MATRIX a plan creates at most one contact, one deal and one unsorted request",
                in -> {
                  Plan plan = in.decide();
                  assertThat(Facts.count(plan, Effect.CreateContact.class)).isLessThanOrEqualTo(1);
                  assertThat(Facts.count(plan, Effect.CreateDeal.class)).isLessThanOrEqualTo(1);
                  assertThat(Facts.count(plan, Effect.CreateUnsorted.class))
                      .isLessThanOrEqualTo(1);
                  if (Facts.count(plan, Effect.CreateUnsorted.class) == 1) {
                    assertThat(Facts.count(plan, Effect.CreateContact.class)
                        + Facts.count(plan, Effect.CreateDeal.class)).isZero();
                  }
                }));
  }

  @Covers({"R-CLASS"})
  @TestFactory
  Stream<DynamicTest> classification() {
    return Stream.of(
        Property.forAll(ANY.gen())
            .test("R-CLASS the scenario is direction x answered x (contact or open deal)", in -> {
              Plan plan = in.decide();
              boolean existing = Facts.existing(in.view());
              if (in.event().phase() == io.ringostat.amo.core.model.CallPhase.RINGING) {
                assertThat(plan.scenario()).as("nobody knows yet how a ringing call ends")
                    .isEmpty();
                return;
              }
              assertThat(plan.scenario()).contains(Scenario.of(in.event().direction(),
                  in.event().isAnswered(), existing));
            }),
        Property.forAll(ANY.validPhones().shapes(ViewShape.NO_CLIENT, ViewShape.CLOSED_DEALS_ONLY)
                .gen())
            .test("R-CLASS a phone with only closed deals and no contact is a new client", in ->
                assertThat(in.decide().scenario().map(Scenario::existingClient).orElse(false))
                    .isFalse()),
        Property.forAll(ANY.validPhones().shapes(ViewShape.CONTACT_ONLY,
                ViewShape.CONTACT_WITH_OPEN_DEALS, ViewShape.CONTACT_WITH_CLOSED_DEALS,
                ViewShape.CONTACT_WITH_OPEN_AND_CLOSED_DEALS, ViewShape.SEVERAL_CONTACTS).gen())
            .test("R-CLASS an existing contact means no CreateContact and no CreateUnsorted", in -> {
              Plan plan = in.decide();
              assertThat(plan.effects(Effect.CreateContact.class)).isEmpty();
              assertThat(plan.effects(Effect.CreateUnsorted.class)).isEmpty();
            }),
        Property.forAll(ANY.validPhones().shapes(ViewShape.CONTACT_WITH_OPEN_DEALS,
                ViewShape.CONTACT_WITH_OPEN_AND_CLOSED_DEALS, ViewShape.OPEN_DEAL_WITHOUT_CONTACT)
                .gen())
            .test("R-CLASS an open deal is worked on: unless the cell creates a deal for every"
                + " call, records go to the primary open deal", in -> {
              Plan plan = in.decide();
              if (plan.scenario().isEmpty()) {
                return; // RINGING
              }
              MatrixCell cell = in.settings().matrix().cell(plan.scenario().get());
              if (cell.deal() == io.ringostat.amo.core.matrix.DealPolicy.ALWAYS) {
                return;
              }
              long open = Facts.primaryOpenDeal(in.view().orElseThrow()).orElseThrow().id();
              for (Effect.RecordCall r : plan.effects(Effect.RecordCall.class)) {
                if (r.target().type() == io.ringostat.amo.core.plan.EntityType.DEAL) {
                  assertThat(Facts.existingId(r.target())).contains(open);
                }
              }
            }));
  }

  @Covers({"R-MATRIX"})
  @TestFactory
  Stream<DynamicTest> matrixTiming() {
    return Stream.of(
        Property.forAll(ANY.phases(CallPhase.RINGING).gen())
            .test("R-MATRIX nothing but the incoming-call popup happens while a call rings", in -> {
              Plan plan = in.decide();
              assertThat(plan.effects()).allMatch(e -> e instanceof Effect.NotifyIncomingCall);
              if (!in.settings().callPopup()) {
                assertThatPlan(plan).hasNoAction(NoAction.RINGING);
              }
            }),
        Property.forAll(ANY.answered(true).phases(CallPhase.ANSWERED).gen())
            .test("R-MATRIX on ANSWERED only cells that create on answer create; nothing is"
                + " recorded", in -> {
              Plan plan = in.decide();
              if (plan.scenario().isEmpty()) {
                return; // RINGING
              }
              MatrixCell cell = in.settings().matrix().cell(plan.scenario().get());
              assertThat(plan.effects(Effect.RecordCall.class)).isEmpty();
              assertThat(plan.effects(Effect.UpdateFields.class)).isEmpty();
              if (cell.createOn() == Timing.ON_END) {
                assertThatPlan(plan).createsNothing();
              }
            }),
        Property.forAll(ANY.phases(CallPhase.ENDED).validPhones().gen())
            .test("R-MATRIX call records carry the call id as uniq and the disposition's status",
                in -> {
                  for (Effect.RecordCall r : in.decide().effects(Effect.RecordCall.class)) {
                    assertThat(r.uniq()).isEqualTo(in.event().callId());
                    assertThat(r.status())
                        .isEqualTo(CallStatus.of(in.event().disposition().orElseThrow()));
                    assertThat(r.direction()).isEqualTo(in.event().direction());
                    assertThat(r.duration()).isEqualTo(in.event().talkTime());
                  }
                }),
        Property.forAll(ANY.validPhones().gen())
            .test("R-MATRIX new entities are assigned as the cell says", in -> {
              Plan plan = in.decide();
              if (plan.scenario().isEmpty()) {
                return; // RINGING
              }
              MatrixCell cell = in.settings().matrix().cell(plan.scenario().get());
              long senior = in.settings().seniorManagerUserId();
              Optional<Employee> employee = Facts.answeringEmployee(in);
              long expected;
              if (Facts.unknownEndpoint(in)) {
                expected = senior;
              } else if (cell.assignee() == Assignee.SENIOR_MANAGER) {
                expected = senior;
              } else if (cell.assignee() == Assignee.RESPONSIBLE) {
                expected = Facts.responsibleUser(in.view())
                    .or(() -> employee.map(Employee::amoUserId)).orElse(senior);
              } else {
                expected = employee.map(Employee::amoUserId).orElse(senior);
              }
              assertThatPlan(plan).assignsEverythingCreatedTo(expected);
            }));
  }
}
