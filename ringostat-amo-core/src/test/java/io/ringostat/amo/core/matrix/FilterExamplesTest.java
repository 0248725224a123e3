package io.ringostat.amo.core.matrix;

import static io.ringostat.amo.core.testing.DecideSpec.given;
import static io.ringostat.amo.core.testing.ExampleWorld.existingClient;
import static io.ringostat.amo.core.testing.ExampleWorld.inbound;
import static io.ringostat.amo.core.testing.PlanAssert.assertThatPlan;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.plan.CallStatus;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.NoAction;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.testing.ExampleWorld;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R-FILTER by example, on the recommended matrix: which calls count. */
class FilterExamplesTest {
  private static IntegrationSettings.Builder v1() {
    return ExampleWorld.builder(MatrixPresets.RECOMMENDED);
  }

  @Test
  @DisplayName("R-FILTER a call from Anna's mobile is internal: nothing, with the reason")
  void internalCall() {
    given(v1().build()).when(inbound("c-1").from("+380 67 111 22 33").by("bohdan").ended())
        .then(plan -> assertThatPlan(plan).doesNothing().hasNoAction(NoAction.INTERNAL_CALL)
            .explains("Internal call"));
  }

  @Test
  @DisplayName("R-FILTER with ignoreInternalCalls off, a colleague's call counts like any other")
  void internalCallCounted() {
    given(v1().ignoreInternalCalls(false).build())
        .when(inbound("c-1").from("+380 67 111 22 33").by("bohdan").ended())
        .then(plan -> assertThatPlan(plan).hasEffectTypes(Effect.CreateContact.class,
            Effect.CreateDeal.class, Effect.RecordCall.class));
  }

  @Test
  @DisplayName("R-FILTER a blocked prefix: a new client's call creates nothing, records nothing")
  void blockedNewClient() {
    given(v1().addBlockedNumber("+38044").build()).when(inbound("c-1").by("anna").ended())
        .then(plan -> assertThatPlan(plan).doesNothing().hasNoAction(NoAction.BLOCKED_NUMBER));
  }

  @Test
  @DisplayName("R-FILTER recordBlockedOnExisting: a missed call of a blocked existing client is"
      + " recorded on its deal; no task")
  void blockedExistingClientRecorded() {
    given(v1().addBlockedNumber("+380 44 123 45 67").recordBlockedOnExisting(true).build())
        .crm(crm -> crm.seed(existingClient()))
        .when(inbound("c-1").missed())
        .then(plan -> assertThatPlan(plan).hasEffectTypes(Effect.RecordCall.class)
            .recordsOn(EntityType.DEAL).hasNoTask());
  }

  @Test
  @DisplayName("R-FILTER recordBlockedOnExisting: no contact or deal, nothing to record on")
  void blockedNewClientWithRecording() {
    given(v1().addBlockedNumber("+38044").recordBlockedOnExisting(true).build())
        .when(inbound("c-1").by("anna").ended())
        .then(plan -> assertThatPlan(plan).doesNothing().hasNoAction(NoAction.BLOCKED_NUMBER));
  }

  @Test
  @DisplayName("R-FILTER 180 s of talk below a 200 s minimum: the missed scenario, a missed record"
      + " with the real talk time")
  void belowMinimumTalkTime() {
    given(v1().putMinTalkTime(CallDirection.INBOUND, Duration.ofSeconds(200)).build())
        .crm(crm -> crm.seed(existingClient()))
        .when(inbound("c-1").by("anna").ended())
        .then(plan -> {
          assertThat(plan.scenario()).contains(Scenario.INBOUND_MISSED_EXISTING);
          assertThatPlan(plan).explains("counted as missed");
          assertThat(plan.effects(Effect.RecordCall.class)).singleElement().satisfies(r -> {
            assertThat(r.status()).isNotEqualTo(CallStatus.TALKED);
            assertThat(r.duration()).isEqualTo(Duration.ofSeconds(180));
          });
        });
  }

  @Test
  @DisplayName("R-FILTER at the minimum talk time the call stays answered")
  void atMinimumTalkTime() {
    given(v1().putMinTalkTime(CallDirection.INBOUND, Duration.ofSeconds(180)).build())
        .crm(crm -> crm.seed(existingClient()))
        .when(inbound("c-1").by("anna").ended())
        .then(plan -> assertThat(plan.scenario()).contains(Scenario.INBOUND_ANSWERED_EXISTING));
  }
}
