package io.ringostat.amo.core.matrix;

import static io.ringostat.amo.core.testing.DecideSpec.given;
import static io.ringostat.amo.core.testing.ExampleWorld.CLIENT;
import static io.ringostat.amo.core.testing.ExampleWorld.existingClient;
import static io.ringostat.amo.core.testing.ExampleWorld.inbound;
import static io.ringostat.amo.core.testing.ExampleWorld.outbound;
import static io.ringostat.amo.core.testing.ExampleWorld.settings;
import static io.ringostat.amo.core.testing.PlanAssert.assertThatPlan;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.model.CrmContact;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.plan.NoAction;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.testing.DecideSpec;
import io.ringostat.amo.core.testing.ExampleWorld;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The {@link MatrixPresets#UPDATE_ONLY} matrix (R-V2, the seed's "Вариант 2"): another
 * integration creates the entities; this one only adds the call record and the tracking data to
 * the entity found by phone, and never creates anything.
 */
class UpdateOnlyMatrixTest {
  private static final IntegrationSettings SETTINGS = settings(MatrixPresets.UPDATE_ONLY);

  @Test
  @DisplayName("R-V2 INBOUND_ANSWERED_NEW: nothing found by phone, nothing created: 'no target"
      + " entity'")
  void inboundAnsweredNewClient() {
    var call = inbound("c-1").by("anna");
    given(SETTINGS)
        .when(call.answered()).then(plan -> assertThatPlan(plan).hasNoAction(NoAction.NOT_YET))
        .when(call.ended()).then(plan -> assertThatPlan(plan)
            .hasNoAction(NoAction.NO_TARGET_ENTITY).explains("nothing to update"));
    assertThat(given(SETTINGS).when(call.ended()).plan().retryLookupAfter()).isEmpty();
  }

  @Test
  @DisplayName("R-V2 no target entity: the lookup is retried once after the configured delay,"
      + " since the other integration may be a moment late")
  void noTargetEntityRetriesTheLookup() {
    IntegrationSettings withRetry = ExampleWorld.builder(MatrixPresets.UPDATE_ONLY)
        .updateOnlyRetryDelay(Duration.ofSeconds(20)).build();
    given(withRetry).when(inbound("c-1").by("anna").ended())
        .then(plan -> assertThatPlan(plan).hasNoAction(NoAction.NO_TARGET_ENTITY)
            .retriesLookupAfter(Duration.ofSeconds(20)));
  }

  @Test
  @DisplayName("R-V2 the other integration was a moment late: on the retried lookup the contact is"
      + " there and gets the record; still nothing created")
  void retriedLookupFindsTheContact() {
    var ended = inbound("c-1").by("anna").ended();
    DecideSpec spec = given(SETTINGS).when(ended)
        .then(plan -> assertThatPlan(plan).hasNoAction(NoAction.NO_TARGET_ENTITY));
    spec.crm().seed(new CrmView(CLIENT, List.of(CrmContact.of(10_001, "Yuri", 5001)), List.of(),
        List.of(), List.of()));
    spec.when(ended).thenPrints("""
        1. update-fields   on=contact #10001 fields=[field 771100=google]
        2. record-call     on=contact #10001 inbound uniq=c-1 phone=+380441234567 at=2024-05-06T09:00:00Z duration=180s status=TALKED responsible=5001 author=5001 result="Answered by Anna Kovalenko" link=https://records.example/c-1.mp3 source="ringostat"
        """);
  }

  @Test
  @DisplayName("R-V2 INBOUND_ANSWERED_EXISTING by Bohdan: the tracking data and the record go to"
      + " the open deal; the record names who answered")
  void inboundAnsweredExistingClient() {
    var call = inbound("c-2").by("bohdan");
    given(SETTINGS).crm(crm -> crm.seed(existingClient()))
        .when(call.answered()).then(plan -> assertThatPlan(plan).hasNoAction(NoAction.NOT_YET))
        .when(call.ended()).thenPrints("""
            1. update-fields   on=deal #20001 fields=[UTM_SOURCE=google, UTM_CAMPAIGN=spring, field 771001=12345] tags=[Context ads]
            2. record-call     on=deal #20001 inbound uniq=c-2 phone=+380441234567 at=2024-05-06T09:00:00Z duration=180s status=TALKED responsible=5002 author=5002 result="Answered by Bohdan Shevchenko, not by the responsible manager (Anna Kovalenko)" link=https://records.example/c-2.mp3 source="ringostat"
            """);
  }

  @Test
  @DisplayName("R-V2 INBOUND_ANSWERED_EXISTING, ENDED only, answered by the responsible Anna")
  void inboundAnsweredExistingClientEndedOnly() {
    given(SETTINGS).crm(crm -> crm.seed(existingClient()))
        .when(inbound("c-3").by("anna").ended()).thenPrints("""
            1. update-fields   on=deal #20001 fields=[UTM_SOURCE=google, UTM_CAMPAIGN=spring, field 771001=12345] tags=[Context ads]
            2. record-call     on=deal #20001 inbound uniq=c-3 phone=+380441234567 at=2024-05-06T09:00:00Z duration=180s status=TALKED responsible=5001 author=5001 result="Answered by Anna Kovalenko" link=https://records.example/c-3.mp3 source="ringostat"
            """);
  }

  @Test
  @DisplayName("R-V2 INBOUND_MISSED_NEW: nothing created, 'no target entity'")
  void inboundMissedNewClient() {
    given(SETTINGS).when(inbound("c-4").missed())
        .then(plan -> assertThatPlan(plan).hasNoAction(NoAction.NO_TARGET_ENTITY));
  }

  @Test
  @DisplayName("R-V2 INBOUND_MISSED_EXISTING: the tracking data and the missed call on the deal,"
      + " no task")
  void inboundMissedExistingClient() {
    given(SETTINGS).crm(crm -> crm.seed(existingClient()))
        .when(inbound("c-5").missed()).thenPrints("""
            1. update-fields   on=deal #20001 fields=[UTM_SOURCE=google, UTM_CAMPAIGN=spring, field 771001=12345] tags=[Context ads]
            2. record-call     on=deal #20001 inbound uniq=c-5 phone=+380441234567 at=2024-05-06T09:00:00Z duration=0s status=NO_ANSWER responsible=5001 result="Missed call: no answer" source="ringostat"
            """);
  }

  @Test
  @DisplayName("R-V2 OUTBOUND_ANSWERED_NEW: an unknown number gets nothing")
  void outboundAnsweredNewNumber() {
    var call = outbound("c-6").by("bohdan");
    given(SETTINGS)
        .when(call.answered()).then(plan -> assertThatPlan(plan).hasNoAction(NoAction.NOT_YET))
        .when(call.ended())
        .then(plan -> assertThatPlan(plan).hasNoAction(NoAction.NO_TARGET_ENTITY));
  }

  @Test
  @DisplayName("R-V2 OUTBOUND_ANSWERED_EXISTING: the record on the deal; no tracking data, no update")
  void outboundAnsweredExistingClient() {
    var call = outbound("c-7").by("anna");
    given(SETTINGS).crm(crm -> crm.seed(existingClient()))
        .when(call.answered()).then(plan -> assertThatPlan(plan).hasNoAction(NoAction.NOT_YET))
        .when(call.ended()).thenPrints("""
            1. record-call     on=deal #20001 outbound uniq=c-7 phone=+380441234567 at=2024-05-06T09:00:00Z duration=180s status=TALKED responsible=5001 author=5001 result="Called by Anna Kovalenko" link=https://records.example/c-7.mp3 source="ringostat"
            """);
  }

  @Test
  @DisplayName("R-V2 OUTBOUND_MISSED_NEW: nothing")
  void outboundMissedNewNumber() {
    given(SETTINGS).when(outbound("c-8").by("anna").missed())
        .then(plan -> assertThatPlan(plan).hasNoAction(NoAction.NO_TARGET_ENTITY));
  }

  @Test
  @DisplayName("R-V2 OUTBOUND_MISSED_EXISTING: the unanswered call on the deal")
  void outboundMissedExistingClient() {
    given(SETTINGS).crm(crm -> crm.seed(existingClient()))
        .when(outbound("c-9").by("anna").missed(Disposition.BUSY)).thenPrints("""
            1. record-call     on=deal #20001 outbound uniq=c-9 phone=+380441234567 at=2024-05-06T09:00:00Z duration=0s status=BUSY responsible=5001 author=5001 result="Missed call: busy" source="ringostat"
            """);
  }

  @Test
  @DisplayName("R-V2 R-PHONE the entity is found by the phone in international digits, whatever"
      + " format the PBX used")
  void findsByNormalizedPhone() {
    for (String raw : List.of("0441234567", "380441234567", "00380441234567", "(044) 123-45-67")) {
      given(SETTINGS).crm(crm -> crm.seed(existingClient()))
          .when(inbound("c-" + raw.hashCode()).from(raw).by("anna").ended())
          .then(plan -> assertThat(plan.effects()).hasSize(2));
    }
  }

  @Test
  @DisplayName("R-V2 an unknown endpoint gets no task: the preset has no settings-check task")
  void unknownEndpoint() {
    assertThat(MatrixPresets.UPDATE_ONLY.unknownEndpointTask()).isEqualTo(Optional.empty());
    given(SETTINGS).crm(crm -> crm.seed(existingClient()))
        .when(inbound("c-10").by("sip:trainee-7").ended())
        .then(plan -> assertThatPlan(plan).hasNoTask().createsNothing());
  }
}
