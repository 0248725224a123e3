package io.ringostat.amo.core.internal;

import static io.ringostat.amo.core.testing.ExampleWorld.ANNA;
import static io.ringostat.amo.core.testing.ExampleWorld.ANSWERED;
import static io.ringostat.amo.core.testing.ExampleWorld.BOHDAN;
import static io.ringostat.amo.core.testing.ExampleWorld.CLIENT;
import static io.ringostat.amo.core.testing.ExampleWorld.OLENA;
import static io.ringostat.amo.core.testing.ExampleWorld.inbound;
import static io.ringostat.amo.core.testing.ExampleWorld.outbound;
import static io.ringostat.amo.core.testing.PlanAssert.assertThatPlan;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.Decider;
import io.ringostat.amo.core.matrix.DecisionMatrix;
import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.matrix.ResponsibleLeg;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallLeg;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.testing.ExampleWorld;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R-LIFE transfers by example: a new client's call answered by one employee and transferred to
 * others. The matrix's {@code responsibleLeg} says whose leg owns the new contact, deal and call
 * record; the record's result names everyone who talked.
 */
class LegsDecisionTest {
  private static CallLeg leg(String endpoint, int offsetSeconds, int seconds) {
    return new CallLeg(endpoint, ANSWERED.plusSeconds(offsetSeconds), Duration.ofSeconds(seconds));
  }

  /** The new client's call, ended after the given legs (no single endpoint reported). */
  private static CallEvent transferred(CallLeg... legs) {
    return CallEvent.builder().from(inbound("c-1").ended()).employeeEndpoint(Optional.empty())
        .legs(List.of(legs)).build();
  }

  private static Plan decide(ResponsibleLeg rule, CallEvent event) {
    DecisionMatrix m = MatrixPresets.RECOMMENDED.withResponsibleLeg(rule);
    return Decider.matrix().decide(event, Optional.of(CrmView.empty(CLIENT)),
        ExampleWorld.settings(m), CallProgress.empty());
  }

  /** Anna 20 s, then Bohdan 40 s, then Olena 10 s. */
  private static final CallEvent THREE_LEGS =
      transferred(leg("anna", 0, 20), leg("bohdan", 20, 40), leg("olena", 60, 10));

  private static void ownedBy(Plan plan, long user) {
    assertThatPlan(plan).hasEffectTypes(Effect.CreateContact.class, Effect.CreateDeal.class,
        Effect.RecordCall.class).assignsEverythingCreatedTo(user)
        .recordsBelongTo(user, Optional.of(user));
  }

  @Test
  @DisplayName("R-LIFE responsibleLeg FIRST: the employee who answered owns the contact, deal and"
      + " record of a transferred call")
  void firstLeg() {
    ownedBy(decide(ResponsibleLeg.FIRST, THREE_LEGS), ANNA);
  }

  @Test
  @DisplayName("R-LIFE responsibleLeg LAST: the employee the call was transferred to last owns"
      + " them")
  void lastLeg() {
    ownedBy(decide(ResponsibleLeg.LAST, THREE_LEGS), OLENA);
  }

  @Test
  @DisplayName("R-LIFE responsibleLeg LONGEST: the employee who talked longest owns them")
  void longestLeg() {
    ownedBy(decide(ResponsibleLeg.LONGEST, THREE_LEGS), BOHDAN);
  }

  @Test
  @DisplayName("R-LIFE responsibleLeg LONGEST: of two equally long legs, the earlier one wins")
  void longestTieGoesToTheEarlierLeg() {
    ownedBy(decide(ResponsibleLeg.LONGEST,
        transferred(leg("bohdan", 0, 30), leg("anna", 30, 30))), BOHDAN);
  }

  @Test
  @DisplayName("R-LIFE the record of a transferred call names everyone who talked, by name")
  void transferredResultNamesEveryone() {
    Effect.RecordCall record = decide(ResponsibleLeg.FIRST, THREE_LEGS)
        .effects(Effect.RecordCall.class).get(0);
    assertThat(record.result()).isEqualTo("Transferred call; the client talked with"
        + " Anna Kovalenko, Bohdan Shevchenko, Olena Bondar");
    assertThat(record.duration()).isEqualTo(Duration.ofSeconds(180));
  }

  @Test
  @DisplayName("R-LIFE a call moved between two devices of one employee is no transfer: the"
      + " record says who answered")
  void twoDevicesOfOneEmployee() {
    Effect.RecordCall record = decide(ResponsibleLeg.FIRST,
        transferred(leg("anna", 0, 20), leg("anna-mobile@other-pbx.example", 20, 40)))
        .effects(Effect.RecordCall.class).get(0);
    assertThat(record.result()).isEqualTo("Answered by Anna Kovalenko");
  }

  @Test
  @DisplayName("R-LIFE a transfer to an endpoint of no employee names the endpoint, and the senior"
      + " manager gets the settings task and the new entities")
  void transferToAnUnknownEndpoint() {
    Plan plan = decide(ResponsibleLeg.FIRST,
        transferred(leg("anna", 0, 20), leg("sip:trainee-7@pbx.example", 20, 40)));
    assertThat(plan.effects(Effect.RecordCall.class).get(0).result()).isEqualTo(
        "Transferred call; the client talked with Anna Kovalenko, sip:trainee-7@pbx.example");
    assertThatPlan(plan).assignsEverythingCreatedTo(OLENA).hasTaskFor(OLENA);
    assertThat(plan.effects(Effect.CreateTask.class).get(0).text())
        .contains("'sip:trainee-7@pbx.example'");
  }

  @Test
  @DisplayName("R-LIFE an inbound answered call that reports no endpoint gets the settings task for"
      + " the senior manager; an outbound one does not")
  void noEndpointReported() {
    CallEvent in = CallEvent.builder().from(inbound("c-1").ended())
        .employeeEndpoint(Optional.empty()).build();
    Plan inPlan = Decider.matrix().decide(in, Optional.of(CrmView.empty(CLIENT)),
        ExampleWorld.settings(MatrixPresets.RECOMMENDED), CallProgress.empty());
    assertThatPlan(inPlan).hasTaskFor(OLENA).assignsEverythingCreatedTo(OLENA);
    assertThat(inPlan.explanation()).contains("Endpoint '(not reported)' belongs to no employee");

    CallEvent out = CallEvent.builder().from(outbound("c-2").ended())
        .employeeEndpoint(Optional.empty()).build();
    Plan outPlan = Decider.matrix().decide(out, Optional.of(CrmView.empty(CLIENT)),
        ExampleWorld.settings(MatrixPresets.RECOMMENDED), CallProgress.empty());
    assertThatPlan(outPlan).hasNoTask();
    assertThat(outPlan.effects(Effect.RecordCall.class)).allSatisfy(r ->
        assertThat(r.result()).isEqualTo("Talked to the client"));
    assertThat(outPlan.explanation()).contains("Dialled by '(not reported)'");
  }
}
