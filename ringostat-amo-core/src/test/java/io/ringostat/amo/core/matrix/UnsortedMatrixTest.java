package io.ringostat.amo.core.matrix;

import static io.ringostat.amo.core.testing.DecideSpec.given;
import static io.ringostat.amo.core.testing.ExampleWorld.ANNA;
import static io.ringostat.amo.core.testing.ExampleWorld.CLIENT;
import static io.ringostat.amo.core.testing.ExampleWorld.OLENA;
import static io.ringostat.amo.core.testing.ExampleWorld.existingClient;
import static io.ringostat.amo.core.testing.ExampleWorld.inbound;
import static io.ringostat.amo.core.testing.ExampleWorld.outbound;
import static io.ringostat.amo.core.testing.ExampleWorld.pendingUnsorted;
import static io.ringostat.amo.core.testing.ExampleWorld.settings;
import static io.ringostat.amo.core.testing.PlanAssert.assertThatPlan;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.NoAction;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.testing.DecideSpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The {@link MatrixPresets#UNSORTED} matrix (R-UNS, the seed's "Неразобранное"): new clients
 * become unsorted requests for the senior manager; repeat callers get the record in their entity.
 */
class UnsortedMatrixTest {
  private static final IntegrationSettings SETTINGS = settings(MatrixPresets.UNSORTED);

  @Test
  @DisplayName("R-UNS INBOUND_ANSWERED_NEW: an unsorted request when Anna picks up, assigned to"
      + " the senior manager; the record on its lead after the call")
  void inboundAnsweredNewClient() {
    var call = inbound("c-1").by("anna");
    DecideSpec spec = given(SETTINGS)
        .when(call.answered()).thenPrints("""
            1. create-unsorted phone=+380441234567 pipeline=3383152 responsible=5000 uniq=c-1 contact-name="+380441234567" deal-name="Call request from +380441234567" at=2024-05-06T09:00:00Z duration=0s source="ringostat" fields=[UTM_SOURCE=google, UTM_CAMPAIGN=spring, field 771001=12345] tags=[ringostat, Context ads] contact fields=[field 771100=google]
            """)
        .when(call.ended()).thenPrints("""
            1. record-call     on=deal #7002 inbound uniq=c-1 phone=+380441234567 at=2024-05-06T09:00:00Z duration=180s status=TALKED responsible=5001 author=5001 result="Answered by Anna Kovalenko" link=https://records.example/c-1.mp3 source="ringostat"
            """);
    // the request's contact stays hidden until a manager accepts it
    assertThat(spec.crm().view(CLIENT).contacts()).isEmpty();
    assertThat(spec.crm().view(CLIENT).unsorted()).singleElement()
        .satisfies(u -> assertThat(u.leadId()).contains(7002L));
  }

  @Test
  @DisplayName("R-UNS INBOUND_ANSWERED_NEW, ENDED only: the request and the record at once")
  void inboundAnsweredNewClientEndedOnly() {
    given(SETTINGS).when(inbound("c-1").by("anna").ended()).thenPrints("""
        1. create-unsorted phone=+380441234567 pipeline=3383152 responsible=5000 uniq=c-1 contact-name="+380441234567" deal-name="Call request from +380441234567" at=2024-05-06T09:00:00Z duration=180s link=https://records.example/c-1.mp3 source="ringostat" fields=[UTM_SOURCE=google, UTM_CAMPAIGN=spring, field 771001=12345] tags=[ringostat, Context ads] contact fields=[field 771100=google]
        2. record-call     on=new deal (from create-unsorted) inbound uniq=c-1 phone=+380441234567 at=2024-05-06T09:00:00Z duration=180s status=TALKED responsible=5001 author=5001 result="Answered by Anna Kovalenko" link=https://records.example/c-1.mp3 source="ringostat"
        """);
  }

  @Test
  @DisplayName("R-UNS INBOUND_ANSWERED_EXISTING: the record goes into the existing deal")
  void inboundAnsweredExistingClient() {
    var call = inbound("c-2").by("bohdan");
    given(SETTINGS).crm(crm -> crm.seed(existingClient()))
        .when(call.answered()).then(plan -> assertThatPlan(plan).hasNoAction(NoAction.NOT_YET))
        .when(call.ended()).thenPrints("""
            1. record-call     on=deal #20001 inbound uniq=c-2 phone=+380441234567 at=2024-05-06T09:00:00Z duration=180s status=TALKED responsible=5002 author=5002 result="Answered by Bohdan Shevchenko, not by the responsible manager (Anna Kovalenko)" link=https://records.example/c-2.mp3 source="ringostat"
            """);
  }

  @Test
  @DisplayName("R-UNS INBOUND_ANSWERED_EXISTING, ENDED only")
  void inboundAnsweredExistingClientEndedOnly() {
    given(SETTINGS).crm(crm -> crm.seed(existingClient()))
        .when(inbound("c-3").by("anna").ended()).thenPrints("""
            1. record-call     on=deal #20001 inbound uniq=c-3 phone=+380441234567 at=2024-05-06T09:00:00Z duration=180s status=TALKED responsible=5001 author=5001 result="Answered by Anna Kovalenko" link=https://records.example/c-3.mp3 source="ringostat"
            """);
  }

  @Test
  @DisplayName("R-UNS INBOUND_MISSED_NEW: an unsorted request for the senior manager and a task"
      + " for the senior manager to handle the missed call")
  void inboundMissedNewClient() {
    given(SETTINGS).when(inbound("c-4").missed()).thenPrints("""
        1. create-unsorted phone=+380441234567 pipeline=3383152 responsible=5000 uniq=c-4 contact-name="+380441234567" deal-name="Call request from +380441234567" at=2024-05-06T09:00:00Z duration=0s source="ringostat" fields=[UTM_SOURCE=google, UTM_CAMPAIGN=spring, field 771001=12345] tags=[ringostat, Context ads] contact fields=[field 771100=google]
        2. create-task     for=5000 on=new deal (from create-unsorted) type=1 due=2024-05-06T09:30:40Z text="Missed call from +380441234567: call the client back"
        """);
  }

  @Test
  @DisplayName("R-UNS INBOUND_MISSED_EXISTING: the missed call on the deal and a task for the"
      + " responsible manager")
  void inboundMissedExistingClient() {
    given(SETTINGS).crm(crm -> crm.seed(existingClient()))
        .when(inbound("c-5").missed()).thenPrints("""
            1. record-call     on=deal #20001 inbound uniq=c-5 phone=+380441234567 at=2024-05-06T09:00:00Z duration=0s status=NO_ANSWER responsible=5001 result="Missed call: no answer" source="ringostat"
            2. create-task     for=5001 on=deal #20001 type=1 due=2024-05-06T09:30:40Z text="Missed call from +380441234567: call the client back"
            """);
  }

  @Test
  @DisplayName("R-UNS OUTBOUND_ANSWERED_NEW: outbound calls to unknown numbers create nothing")
  void outboundAnsweredNewNumber() {
    var call = outbound("c-6").by("bohdan");
    given(SETTINGS)
        .when(call.answered())
        .then(plan -> assertThatPlan(plan).hasNoAction(NoAction.MATRIX_SAYS_NOTHING))
        .when(call.ended())
        .then(plan -> assertThatPlan(plan).hasNoAction(NoAction.MATRIX_SAYS_NOTHING));
  }

  @Test
  @DisplayName("R-UNS OUTBOUND_ANSWERED_EXISTING: the record on the open deal")
  void outboundAnsweredExistingClient() {
    var call = outbound("c-7").by("anna");
    given(SETTINGS).crm(crm -> crm.seed(existingClient()))
        .when(call.answered()).then(plan -> assertThatPlan(plan).hasNoAction(NoAction.NOT_YET))
        .when(call.ended()).thenPrints("""
            1. record-call     on=deal #20001 outbound uniq=c-7 phone=+380441234567 at=2024-05-06T09:00:00Z duration=180s status=TALKED responsible=5001 author=5001 result="Called by Anna Kovalenko" link=https://records.example/c-7.mp3 source="ringostat"
            """);
  }

  @Test
  @DisplayName("R-UNS OUTBOUND_MISSED_NEW: nothing")
  void outboundMissedNewNumber() {
    given(SETTINGS).when(outbound("c-8").by("anna").missed())
        .then(plan -> assertThatPlan(plan).hasNoAction(NoAction.MATRIX_SAYS_NOTHING));
  }

  @Test
  @DisplayName("R-UNS OUTBOUND_MISSED_EXISTING: the unanswered call on the open deal")
  void outboundMissedExistingClient() {
    given(SETTINGS).crm(crm -> crm.seed(existingClient()))
        .when(outbound("c-9").by("anna").missed(Disposition.BUSY)).thenPrints("""
            1. record-call     on=deal #20001 outbound uniq=c-9 phone=+380441234567 at=2024-05-06T09:00:00Z duration=0s status=BUSY responsible=5001 author=5001 result="Missed call: busy" source="ringostat"
            """);
  }

  @Test
  @DisplayName("R-UNS a repeat call while the first call's request is still pending: no second"
      + " request, the record on the pending lead, a missed one gets a task")
  void repeatCallWhileRequestPending() {
    given(SETTINGS).crm(crm -> crm.seed(pendingUnsorted()))
        .when(inbound("c-20").by("bohdan").ended()).thenPrints("""
            1. record-call     on=deal #40001 inbound uniq=c-20 phone=+380441234567 at=2024-05-06T09:00:00Z duration=180s status=TALKED responsible=5002 author=5002 result="Answered by Bohdan Shevchenko, not by the responsible manager (Olena Bondar)" link=https://records.example/c-20.mp3 source="ringostat"
            """)
        .when(inbound("c-21").missed()).thenPrints("""
            1. record-call     on=deal #40001 inbound uniq=c-21 phone=+380441234567 at=2024-05-06T09:00:00Z duration=0s status=NO_ANSWER responsible=5000 result="Missed call: no answer" source="ringostat"
            2. create-task     for=5000 on=deal #40001 type=1 due=2024-05-06T09:30:40Z text="Missed call from +380441234567: call the client back"
            """);
  }

  @Test
  @DisplayName("R-UNS R-LIFE accepting the request creates the entities for the accepting"
      + " manager; the next missed call adds no second call-back task while the first is open")
  void acceptedRequestBelongsToTheAcceptingManager() {
    DecideSpec spec = given(SETTINGS).when(inbound("c-30").missed())
        .then(plan -> assertThatPlan(plan).hasTaskFor(OLENA));
    String uid = spec.crm().view(CLIENT).unsorted().get(0).uid();
    spec.crm().acceptUnsorted(uid, ANNA);
    assertThat(spec.crm().view(CLIENT).contacts()).singleElement()
        .satisfies(c -> assertThat(c.responsibleUserId()).contains(ANNA));
    spec.when(inbound("c-31").missed()).then(plan -> assertThatPlan(plan).createsNothing()
        .hasNoTask().recordsOn(EntityType.DEAL));
    assertThat(spec.crm().tasks()).singleElement()
        .satisfies(t -> assertThat(t.assigneeUserId()).isEqualTo(OLENA));
  }

  @Test
  @DisplayName("R-UNS a call answered on an unknown endpoint: the senior-manager task of R-V1")
  void unknownEndpoint() {
    given(SETTINGS).when(inbound("c-40").by("sip:trainee-7").answered())
        .then(plan -> assertThatPlan(plan)
            .hasEffectTypes(Effect.CreateUnsorted.class, Effect.CreateTask.class)
            .hasTaskFor(OLENA).assignsEverythingCreatedTo(OLENA));
  }
}
