package io.ringostat.amo.core.matrix;

import io.ringostat.amo.core.plan.EffectKind;
import static io.ringostat.amo.core.testing.DecideSpec.given;
import static io.ringostat.amo.core.testing.ExampleWorld.ANNA;
import static io.ringostat.amo.core.testing.ExampleWorld.BOHDAN;
import static io.ringostat.amo.core.testing.ExampleWorld.CLIENT;
import static io.ringostat.amo.core.testing.ExampleWorld.OLENA;
import static io.ringostat.amo.core.testing.ExampleWorld.clientWithClosedDealsOnly;
import static io.ringostat.amo.core.testing.ExampleWorld.existingClient;
import static io.ringostat.amo.core.testing.ExampleWorld.inbound;
import static io.ringostat.amo.core.testing.ExampleWorld.outbound;
import static io.ringostat.amo.core.testing.ExampleWorld.settings;
import static io.ringostat.amo.core.testing.PlanAssert.assertThatPlan;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.NoAction;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.testing.DecideSpec;
import io.ringostat.amo.core.testing.ExampleWorld;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The {@link MatrixPresets#RECOMMENDED} matrix (R-V1, the seed's "Вариант 1"), scenario by
 * scenario, with the expected plans written out. Anna (5001) and Bohdan (5002) are managers,
 * Olena (5000) is the senior manager; the client calls from +380 44 123-45-67 after a "Context
 * ads" click, which a pipeline rule sends to pipeline 3383152.
 */
class RecommendedMatrixTest {
  private static final IntegrationSettings SETTINGS = settings(MatrixPresets.RECOMMENDED);

  @Test
  @DisplayName("R-V1 INBOUND_ANSWERED_NEW: contact and deal when Anna picks up, with the tracking"
      + " fields and tags, Anna responsible; after the call one record, on the deal")
  void inboundAnsweredNewClient() {
    var call = inbound("c-1").by("anna");
    given(SETTINGS)
        .when(call.answered()).thenPrints("""
            1. create-contact  name="+380441234567" phone=+380441234567 responsible=5001 fields=[field 771100=google]
            2. create-deal     name="Inbound call +380441234567" contact=new contact (from create-contact) pipeline=3383152 status=33831521 responsible=5001 fields=[UTM_SOURCE=google, UTM_CAMPAIGN=spring, field 771001=12345] tags=[ringostat, Context ads]
            """)
        .when(call.ended()).thenPrints("""
            1. record-call     on=deal #7002 inbound uniq=c-1 phone=+380441234567 at=2024-05-06T09:00:00Z duration=180s status=TALKED responsible=5001 author=5001 result="Answered by Anna Kovalenko" link=https://records.example/c-1.mp3 source="ringostat"
            """);
  }

  @Test
  @DisplayName("R-V1 R-IN-1 INBOUND_ANSWERED_NEW from a host that only sends ENDED: create and"
      + " record at once")
  void inboundAnsweredNewClientEndedOnly() {
    given(SETTINGS).when(inbound("c-1").by("anna").ended()).thenPrints("""
        1. create-contact  name="+380441234567" phone=+380441234567 responsible=5001 fields=[field 771100=google]
        2. create-deal     name="Inbound call +380441234567" contact=new contact (from create-contact) pipeline=3383152 status=33831521 responsible=5001 fields=[UTM_SOURCE=google, UTM_CAMPAIGN=spring, field 771001=12345] tags=[ringostat, Context ads]
        3. record-call     on=new deal (from create-deal) inbound uniq=c-1 phone=+380441234567 at=2024-05-06T09:00:00Z duration=180s status=TALKED responsible=5001 author=5001 result="Answered by Anna Kovalenko" link=https://records.example/c-1.mp3 source="ringostat"
        """);
  }

  @Test
  @DisplayName("R-V1 INBOUND_ANSWERED_EXISTING answered by Bohdan, not the responsible Anna: the"
      + " record on the open deal names Bohdan; the responsible does not change")
  void inboundAnsweredExistingClientByAnotherManager() {
    var call = inbound("c-2").by("bohdan");
    DecideSpec spec = given(SETTINGS).crm(crm -> crm.seed(existingClient()))
        .when(call.answered()).then(plan -> assertThatPlan(plan).hasNoAction(NoAction.NOT_YET))
        .when(call.ended()).thenPrints("""
            1. record-call     on=deal #20001 inbound uniq=c-2 phone=+380441234567 at=2024-05-06T09:00:00Z duration=180s status=TALKED responsible=5002 author=5002 result="Answered by Bohdan Shevchenko, not by the responsible manager (Anna Kovalenko)" link=https://records.example/c-2.mp3 source="ringostat"
            """);
    assertThat(spec.crm().deal(ExampleWorld.OPEN_DEAL_ID).orElseThrow().responsibleUserId())
        .contains(ANNA);
    assertThat(spec.crm().contact(ExampleWorld.CONTACT_ID).orElseThrow().responsibleUserId())
        .contains(ANNA);
  }

  @Test
  @DisplayName("R-V1 INBOUND_ANSWERED_EXISTING answered by the responsible Anna, ENDED only")
  void inboundAnsweredExistingClientByResponsible() {
    given(SETTINGS).crm(crm -> crm.seed(existingClient()))
        .when(inbound("c-3").by("anna").ended()).thenPrints("""
            1. record-call     on=deal #20001 inbound uniq=c-3 phone=+380441234567 at=2024-05-06T09:00:00Z duration=180s status=TALKED responsible=5001 author=5001 result="Answered by Anna Kovalenko" link=https://records.example/c-3.mp3 source="ringostat"
            """);
  }

  @Test
  @DisplayName("R-V1 INBOUND_MISSED_NEW: contact and deal for the senior manager, the missed call"
      + " on the deal, a call-back task for the senior manager due in 30 minutes")
  void inboundMissedNewClient() {
    given(SETTINGS).when(inbound("c-4").missed()).thenPrints("""
        1. create-contact  name="+380441234567" phone=+380441234567 responsible=5000 fields=[field 771100=google]
        2. create-deal     name="Inbound call +380441234567" contact=new contact (from create-contact) pipeline=3383152 status=33831521 responsible=5000 fields=[UTM_SOURCE=google, UTM_CAMPAIGN=spring, field 771001=12345] tags=[ringostat, Context ads]
        3. record-call     on=new deal (from create-deal) inbound uniq=c-4 phone=+380441234567 at=2024-05-06T09:00:00Z duration=0s status=NO_ANSWER responsible=5000 result="Missed call: no answer" source="ringostat"
        4. create-task     for=5000 on=new deal (from create-deal) type=1 due=2024-05-06T09:30:40Z text="Missed call from +380441234567: call the client back"
        """);
  }

  @Test
  @DisplayName("R-V1 INBOUND_MISSED_EXISTING: the missed call on the open deal and a call-back"
      + " task for the responsible manager")
  void inboundMissedExistingClient() {
    given(SETTINGS).crm(crm -> crm.seed(existingClient()))
        .when(inbound("c-5").missed()).thenPrints("""
            1. record-call     on=deal #20001 inbound uniq=c-5 phone=+380441234567 at=2024-05-06T09:00:00Z duration=0s status=NO_ANSWER responsible=5001 result="Missed call: no answer" source="ringostat"
            2. create-task     for=5001 on=deal #20001 type=1 due=2024-05-06T09:30:40Z text="Missed call from +380441234567: call the client back"
            """);
  }

  @Test
  @DisplayName("R-V1 INBOUND_MISSED_EXISTING: the missed call's record belongs to the responsible"
      + " manager, Bohdan, not to the senior manager; nobody is its author")
  void missedCallRecordBelongsToTheResponsibleManager() {
    DecideSpec spec = given(SETTINGS).crm(crm -> crm.seed(existingClient(BOHDAN)))
        .when(inbound("c-5").missed())
        .then(plan -> assertThatPlan(plan).recordsBelongTo(BOHDAN, Optional.empty())
            .hasTaskFor(BOHDAN));
    assertThat(spec.crm().callRecords()).singleElement().satisfies(r -> {
      assertThat(r.responsibleUserId()).as("owner of the missed call's record").isEqualTo(BOHDAN)
          .isNotEqualTo(OLENA);
      assertThat(r.authorUserId()).as("author of a call nobody answered").isEmpty();
    });
  }

  @Test
  @DisplayName("R-V1 INBOUND_MISSED_EXISTING: the task goes to the deal's responsible, Bohdan")
  void missedCallTaskFollowsTheResponsible() {
    given(SETTINGS).crm(crm -> crm.seed(existingClient(BOHDAN)))
        .when(inbound("c-5").missed(Disposition.BUSY))
        .then(plan -> assertThatPlan(plan).hasTaskFor(BOHDAN).recordsOn(EntityType.DEAL));
  }

  @Test
  @DisplayName("R-CLASS R-V1 OUTBOUND_ANSWERED_NEW: a call to an unknown number follows its own"
      + " cell: a contact for the caller on answer, the record on it after the call")
  void outboundAnsweredNewNumber() {
    var call = outbound("c-6").by("bohdan");
    given(SETTINGS)
        .when(call.answered()).thenPrints("""
            1. create-contact  name="+380441234567" phone=+380441234567 responsible=5002
            """)
        .when(call.ended()).thenPrints("""
            1. record-call     on=contact #7001 outbound uniq=c-6 phone=+380441234567 at=2024-05-06T09:00:00Z duration=180s status=TALKED responsible=5002 author=5002 result="Called by Bohdan Shevchenko" link=https://records.example/c-6.mp3 source="ringostat"
            """);
  }

  @Test
  @DisplayName("R-CLASS R-V1 OUTBOUND_ANSWERED_NEW, ENDED only")
  void outboundAnsweredNewNumberEndedOnly() {
    given(SETTINGS).when(outbound("c-6").by("bohdan").ended()).thenPrints("""
        1. create-contact  name="+380441234567" phone=+380441234567 responsible=5002
        2. record-call     on=new contact (from create-contact) outbound uniq=c-6 phone=+380441234567 at=2024-05-06T09:00:00Z duration=180s status=TALKED responsible=5002 author=5002 result="Called by Bohdan Shevchenko" link=https://records.example/c-6.mp3 source="ringostat"
        """);
  }

  @Test
  @DisplayName("R-V1 OUTBOUND_ANSWERED_EXISTING: an answered call to an open deal gets the record")
  void outboundAnsweredExistingClient() {
    var call = outbound("c-7").by("anna");
    given(SETTINGS).crm(crm -> crm.seed(existingClient()))
        .when(call.answered()).then(plan -> assertThatPlan(plan).hasNoAction(NoAction.NOT_YET))
        .when(call.ended()).thenPrints("""
            1. record-call     on=deal #20001 outbound uniq=c-7 phone=+380441234567 at=2024-05-06T09:00:00Z duration=180s status=TALKED responsible=5001 author=5001 result="Called by Anna Kovalenko" link=https://records.example/c-7.mp3 source="ringostat"
            """);
  }

  @Test
  @DisplayName("R-V1 OUTBOUND_ANSWERED_EXISTING by Bohdan, not the responsible Anna: the record"
      + " says he called")
  void outboundAnsweredExistingClientByAnotherManager() {
    given(SETTINGS).crm(crm -> crm.seed(existingClient()))
        .when(outbound("c-7").by("bohdan").ended()).thenPrints("""
            1. record-call     on=deal #20001 outbound uniq=c-7 phone=+380441234567 at=2024-05-06T09:00:00Z duration=180s status=TALKED responsible=5002 author=5002 result="Called by Bohdan Shevchenko, not by the responsible manager (Anna Kovalenko)" link=https://records.example/c-7.mp3 source="ringostat"
            """);
  }

  @Test
  @DisplayName("R-V1 OUTBOUND_MISSED_NEW: an unanswered call to an unknown number does nothing")
  void outboundMissedNewNumber() {
    given(SETTINGS).when(outbound("c-8").by("anna").missed())
        .then(plan -> assertThatPlan(plan).hasNoAction(NoAction.MATRIX_SAYS_NOTHING));
  }

  @Test
  @DisplayName("R-V1 OUTBOUND_MISSED_EXISTING: the unanswered call is recorded on the open deal")
  void outboundMissedExistingClient() {
    given(SETTINGS).crm(crm -> crm.seed(existingClient()))
        .when(outbound("c-9").by("anna").missed(Disposition.BUSY)).thenPrints("""
            1. record-call     on=deal #20001 outbound uniq=c-9 phone=+380441234567 at=2024-05-06T09:00:00Z duration=0s status=BUSY responsible=5001 author=5001 result="Missed call: busy" source="ringostat"
            """);
  }

  @Test
  @DisplayName("R-V1 a call answered on a SIP account of no employee: a senior-manager task naming"
      + " it; the contact and deal are the senior manager's")
  void unknownEndpoint() {
    var call = inbound("c-10").by("sip:trainee-7@pbx.example");
    given(SETTINGS)
        .when(call.answered()).thenPrints("""
            1. create-contact  name="+380441234567" phone=+380441234567 responsible=5000 fields=[field 771100=google]
            2. create-deal     name="Inbound call +380441234567" contact=new contact (from create-contact) pipeline=3383152 status=33831521 responsible=5000 fields=[UTM_SOURCE=google, UTM_CAMPAIGN=spring, field 771001=12345] tags=[ringostat, Context ads]
            3. create-task     for=5000 on=new deal (from create-deal) type=1 due=2024-05-07T09:00:15Z text="A call from +380441234567 was answered on an unknown number or SIP account 'sip:trainee-7@pbx.example': link it to an employee in the integration settings"
            """)
        .when(call.ended()).thenPrints("""
            1. record-call     on=deal #7002 inbound uniq=c-10 phone=+380441234567 at=2024-05-06T09:00:00Z duration=180s status=TALKED responsible=5000 result="Answered on sip:trainee-7@pbx.example, a number or SIP account not linked to any employee" link=https://records.example/c-10.mp3 source="ringostat"
            """);
  }

  @Test
  @DisplayName("R-V1 R-UNS a call from an existing client answered on an unknown number: the"
      + " record, and the senior-manager task")
  void unknownEndpointExistingClient() {
    given(SETTINGS).crm(crm -> crm.seed(existingClient()))
        .when(inbound("c-11").by("+380 50 000 00 00").ended())
        .then(plan -> assertThatPlan(plan).createsNothing().recordsOn(EntityType.DEAL)
            .hasTaskFor(OLENA)
            .hasEffectTypes(Effect.RecordCall.class, Effect.CreateTask.class));
  }

  @Test
  @DisplayName("R-MATRIX R-CLASS a client with only closed deals gets a new deal when a copied"
      + " matrix says IF_NO_OPEN_DEAL (for the answering Bohdan); its contact is kept, not"
      + " duplicated, and gets the record too")
  void closedDealsOnlyGetANewDealWithACopiedMatrix() {
    DecisionMatrix mine = MatrixPresets.RECOMMENDED.withName("mine").withCell(
        Scenario.INBOUND_ANSWERED_EXISTING,
        MatrixPresets.RECOMMENDED.cell(Scenario.INBOUND_ANSWERED_EXISTING)
            .withDeal(DealPolicy.IF_NO_OPEN_DEAL).withRecordCall(RecordTarget.BOTH));
    var call = inbound("c-12").by("bohdan");
    DecideSpec spec = given(settings(mine)).crm(crm -> crm.seed(clientWithClosedDealsOnly()))
        .when(call.answered()).thenPrints("""
            1. create-deal     name="Inbound call +380441234567" contact=contact #10001 pipeline=3383152 status=33831521 responsible=5002 fields=[UTM_SOURCE=google, UTM_CAMPAIGN=spring, field 771001=12345] tags=[ringostat, Context ads]
            """)
        .when(call.ended()).thenPrints("""
            1. record-call     on=deal #20003 inbound uniq=c-12 phone=+380441234567 at=2024-05-06T09:00:00Z duration=180s status=TALKED responsible=5002 author=5002 result="Answered by Bohdan Shevchenko" link=https://records.example/c-12.mp3 source="ringostat"
            2. record-call     on=contact #10001 inbound uniq=c-12 phone=+380441234567 at=2024-05-06T09:00:00Z duration=180s status=TALKED responsible=5002 author=5002 result="Answered by Bohdan Shevchenko" link=https://records.example/c-12.mp3 source="ringostat"
            """);
    assertThat(spec.crm().contactsWithPhone(CLIENT)).hasSize(1);
  }

  @Test
  @DisplayName("R-MATRIX with the preset itself, a client with only closed deals is existing: the"
      + " record goes to the contact, no new deal")
  void closedDealsOnlyWithThePreset() {
    given(SETTINGS).crm(crm -> crm.seed(clientWithClosedDealsOnly()))
        .when(inbound("c-13").by("anna").ended()).thenPrints("""
            1. record-call     on=contact #10001 inbound uniq=c-13 phone=+380441234567 at=2024-05-06T09:00:00Z duration=180s status=TALKED responsible=5001 author=5001 result="Answered by Anna Kovalenko" link=https://records.example/c-13.mp3 source="ringostat"
            """);
  }

  @Test
  @DisplayName("R-PHONE a missed call from an anonymous number: no lookup, a senior-manager task")
  void anonymousMissedCall() {
    given(SETTINGS).when(inbound("c-14").from("anonymous").missed()).thenPrints("""
        1. create-task     for=5000 on=- type=1 due=2024-05-06T11:00:40Z text="Missed call from a number that could not be recognized ('anonymous', dialled +380 44 111 00 01): check the call log"
        """);
  }

  @Test
  @DisplayName("R-PHONE an answered call from an anonymous number: nothing can be created or"
      + " recorded")
  void anonymousAnsweredCall() {
    given(SETTINGS).when(inbound("c-15").from("anonymous").by("anna").ended())
        .then(plan -> assertThatPlan(plan).hasNoAction(NoAction.INVALID_PHONE)
            .explains("could not be normalized (ANONYMOUS)"));
  }

  @Test
  @DisplayName("R-MATRIX nothing happens while the call rings, unless the popup is on")
  void ringing() {
    given(SETTINGS).when(inbound("c-16").ringing())
        .then(plan -> assertThatPlan(plan).hasNoAction(NoAction.RINGING));
    IntegrationSettings popup = ExampleWorld.builder(MatrixPresets.RECOMMENDED).callPopup(true)
        .build();
    given(popup).crm(crm -> crm.seed(existingClient()))
        .when(inbound("c-16").ringing()).thenPrints("""
            1. notify          phone=+380441234567 users=[5001]
            """)
        .when(inbound("c-16").ringing())
        .then(plan -> assertThatPlan(plan).hasNoAction(NoAction.ALREADY_DONE));
  }

  @Test
  @DisplayName("R-ONCE the same ENDED event delivered twice does nothing the second time")
  void repeatedEvent() {
    var ended = inbound("c-17").by("anna").ended();
    DecideSpec spec = given(SETTINGS).when(ended).then(plan -> assertThatPlan(plan)
        .hasEffectTypes(Effect.CreateContact.class, Effect.CreateDeal.class,
            Effect.RecordCall.class));
    spec.when(ended).then(plan -> assertThatPlan(plan).hasNoAction(NoAction.ALREADY_DONE));
    assertThat(spec.crm().contactsWithPhone(CLIENT)).hasSize(1);
    assertThat(spec.crm().deals()).hasSize(1);
    assertThat(spec.crm().callRecords()).hasSize(1);
    assertThat(spec.progress("c-17").created(
        io.ringostat.amo.core.plan.EffectKey.of("c-17", EffectKind.CREATE_CONTACT), EntityType.CONTACT))
        .isEqualTo(Optional.of(7001L));
  }
}
