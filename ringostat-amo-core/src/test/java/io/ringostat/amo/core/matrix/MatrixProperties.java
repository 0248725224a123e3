package io.ringostat.amo.core.matrix;

import static io.ringostat.amo.core.testing.PlanAssert.assertThatPlan;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.testing.Covers;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.NoAction;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.testing.DecisionInput;
import io.ringostat.amo.core.testing.Facts;
import io.ringostat.amo.core.testing.Gen;
import io.ringostat.amo.core.testing.Generators;
import io.ringostat.amo.core.testing.Generators.EndpointKind;
import io.ringostat.amo.core.testing.Generators.ViewShape;
import io.ringostat.amo.core.testing.Property;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Properties of the three presets (R-V1, R-V2, R-UNS) over generated calls and CRM views. */
class MatrixProperties {
  private static final Set<ViewShape> NEW_CLIENT =
      EnumSet.of(ViewShape.NO_CLIENT, ViewShape.CLOSED_DEALS_ONLY);
  private static final Set<ViewShape> EXISTING_CLIENT =
      EnumSet.complementOf(EnumSet.copyOf(NEW_CLIENT));

  private static Generators.Inputs preset(DecisionMatrix m) {
    return Generators.inputs().matrix(m).validPhones();
  }

  private static long employeeUser(DecisionInput in) {
    return Facts.answeringEmployee(in).map(Employee::amoUserId).orElseThrow();
  }

  private static String missedCallTask(DecisionInput in) {
    return in.settings().effectiveTaskTemplates().get(MatrixPresets.MISSED_CALL_TASK).text()
        .replace("{client_phone}", in.phone().number().orElseThrow().e164())
        .replace("{pool}", in.event().tracking().pool().orElse("-"));
  }

  @Covers({"R-V1"})
  @TestFactory
  Stream<DynamicTest> recommended() {
    Generators.Inputs v1 = preset(MatrixPresets.RECOMMENDED);
    return Stream.of(
        Property.forAll(v1.directions(CallDirection.INBOUND).answered(true)
                .endpoint(EndpointKind.KNOWN).shapes(NEW_CLIENT)
                .phases(CallPhase.ANSWERED, CallPhase.ENDED).gen())
            .test("R-V1 inbound answered new client: contact and deal when the employee picks up,"
                + " the answering employee responsible, one record, on the deal, after the call", in -> {
              Plan plan = in.decide();
              long answering = employeeUser(in);
              if (in.event().phase() == CallPhase.ANSWERED) {
                assertThatPlan(plan).hasEffectTypes(Effect.CreateContact.class,
                    Effect.CreateDeal.class);
              } else {
                assertThatPlan(plan).hasEffectTypes(Effect.CreateContact.class,
                    Effect.CreateDeal.class, Effect.RecordCall.class)
                    .recordsOn(EntityType.DEAL);
              }
              assertThatPlan(plan).assignsEverythingCreatedTo(answering).hasNoTask();
              Effect.CreateDeal deal = plan.effects(Effect.CreateDeal.class).get(0);
              assertThat(deal.contact()).contains(io.ringostat.amo.core.plan.EntityRef.createdBy(
                  EntityType.CONTACT, plan.effects(Effect.CreateContact.class).get(0).key()));
              assertThat(deal.tags()).containsAll(in.settings().tags());
            }),
        Property.forAll(v1.directions(CallDirection.INBOUND).answered(true)
                .endpoint(EndpointKind.KNOWN).shapes(EXISTING_CLIENT).phases(CallPhase.ENDED)
                .gen())
            .test("R-V1 inbound answered existing client: the record goes to the open deal (else"
                + " the contact) and names who answered when not the responsible; the"
                + " responsible does not change", in -> {
              Plan plan = in.decide();
              assertThatPlan(plan).createsNothing().hasNoTask();
              assertThat(plan.effects(Effect.UpdateFields.class)).isEmpty();
              CrmView view = in.view().orElseThrow();
              List<Effect.RecordCall> records = plan.effects(Effect.RecordCall.class);
              Optional<Long> target = Facts.primaryOpenDeal(view).map(d -> d.id())
                  .or(() -> Facts.primaryContact(view).map(c -> c.id()))
                  .or(() -> Facts.pendingUnsorted(view).flatMap(u -> u.leadId().or(u::contactId)));
              if (target.isEmpty()) {
                assertThat(records).isEmpty();
                return;
              }
              assertThat(records).hasSize(1);
              Effect.RecordCall record = records.get(0);
              assertThat(Facts.existingId(record.target())).isEqualTo(target);
              Employee answering = Facts.answeringEmployee(in).orElseThrow();
              assertThat(record.authorUserId()).contains(answering.amoUserId());
              Optional<Long> responsible = Facts.responsibleUser(in.view());
              if (responsible.isPresent() && responsible.get() != answering.amoUserId()) {
                assertThat(record.result()).contains(answering.name())
                    .contains("not by the responsible");
              } else {
                assertThat(record.result()).isEqualTo("Answered by " + answering.name());
              }
            }),
        Property.forAll(v1.directions(CallDirection.INBOUND).answered(false).shapes(NEW_CLIENT)
                .phases(CallPhase.ENDED).gen())
            .test("R-V1 inbound missed new client: contact and deal for the senior manager and a"
                + " call-back task for the senior manager", in -> {
              Plan plan = in.decide();
              long senior = in.settings().seniorManagerUserId();
              assertThatPlan(plan).hasEffectTypes(Effect.CreateContact.class,
                      Effect.CreateDeal.class, Effect.RecordCall.class, Effect.CreateTask.class)
                  .assignsEverythingCreatedTo(senior).hasTaskFor(senior).recordsOn(EntityType.DEAL);
              Effect.CreateTask task = plan.effects(Effect.CreateTask.class).get(0);
              assertThat(task.text()).isEqualTo(missedCallTask(in));
              assertThat(task.target()).isPresent();
            }),
        Property.forAll(v1.directions(CallDirection.INBOUND).answered(false)
                .shapes(EXISTING_CLIENT).phases(CallPhase.ENDED).gen())
            .test("R-V1 inbound missed existing client: a call-back task for the responsible"
                + " manager, the missed call recorded on the entity", in -> {
              Plan plan = in.decide();
              long expected = Facts.responsibleUser(in.view())
                  .or(() -> Facts.answeringEmployee(in).map(Employee::amoUserId))
                  .orElse(in.settings().seniorManagerUserId());
              assertThatPlan(plan).createsNothing().hasTaskFor(expected);
              assertThat(plan.effects(Effect.CreateTask.class)).hasSize(1);
              plan.effects(Effect.RecordCall.class).forEach(r ->
                  assertThat(r.result()).startsWith("Missed call: "));
            }),
        Property.forAll(v1.directions(CallDirection.OUTBOUND).answered(true)
                .endpoint(EndpointKind.KNOWN).shapes(EXISTING_CLIENT).phases(CallPhase.ENDED)
                .gen())
            .test("R-V1 outbound answered to an open deal or contact: the call record, nothing"
                + " else", in -> {
              Plan plan = in.decide();
              assertThatPlan(plan).createsNothing().hasNoTask();
              assertThat(plan.effects()).allMatch(e -> e instanceof Effect.RecordCall);
              assertThat(plan.effects(Effect.RecordCall.class)).allMatch(r ->
                  r.direction() == CallDirection.OUTBOUND
                      && r.authorUserId().equals(Optional.of(employeeUser(in))));
            }),
        Property.forAll(v1.directions(CallDirection.OUTBOUND).answered(true)
                .endpoint(EndpointKind.KNOWN).shapes(NEW_CLIENT).phases(CallPhase.ENDED).gen())
            .test("R-CLASS R-V1 outbound answered to an unknown number follows its own cell:"
                + " a contact for the caller, the record on it", in -> {
              Plan plan = in.decide();
              assertThat(plan.scenario()).contains(Scenario.OUTBOUND_ANSWERED_NEW);
              assertThatPlan(plan).hasEffectTypes(Effect.CreateContact.class,
                  Effect.RecordCall.class).recordsOn(EntityType.CONTACT)
                  .assignsEverythingCreatedTo(employeeUser(in));
            }));
  }

  @Covers({"R-V1", "R-UNS"})
  @TestFactory
  Stream<DynamicTest> unknownEndpoints() {
    Gen<io.ringostat.amo.core.settings.IntegrationSettings> withTask = Generators.settings(
        Generators.matrices().filter(m -> m.unknownEndpointTask().isPresent()));
    return Stream.of(
        Property.forAll(Generators.inputs().settings(withTask).answered(true)
                .endpoint(EndpointKind.UNKNOWN).phases(CallPhase.ANSWERED, CallPhase.ENDED).gen())
            .test("R-V1 R-UNS a call answered on an unknown endpoint: a senior-manager task"
                + " naming the endpoint, everything created assigned to the senior manager", in -> {
              Plan plan = in.decide();
              long senior = in.settings().seniorManagerUserId();
              String endpoint = in.event().employeeEndpoint().orElseThrow();
              assertThatPlan(plan).hasTaskFor(senior).assignsEverythingCreatedTo(senior);
              String template = in.settings().matrix().unknownEndpointTask().orElseThrow()
                  .template();
              boolean namesEndpoint = in.settings().effectiveTaskTemplates().get(template).text()
                  .contains("{endpoint}");
              assertThat(plan.effects(Effect.CreateTask.class)).anyMatch(t ->
                  t.assigneeUserId() == senior && t.key().target().equals(template)
                      && (!namesEndpoint || t.text().contains(endpoint)));
            }),
        Property.forAll(Generators.inputs().settings(withTask).answered(true)
                .endpoint(EndpointKind.KNOWN).phases(CallPhase.ANSWERED, CallPhase.ENDED).gen())
            .test("R-V1 a call answered by a known employee gets no settings-check task", in -> {
              String template = in.settings().matrix().unknownEndpointTask().orElseThrow()
                  .template();
              MatrixCell cell = in.settings().matrix().cell(in.decide().scenario().orElseThrow());
              if (cell.task().map(t -> t.template().equals(template)).orElse(false)) {
                return; // the cell itself asks for a task with that template
              }
              assertThat(in.decide().effects(Effect.CreateTask.class))
                  .noneMatch(t -> t.key().target().equals(template));
            }));
  }

  @Covers({"R-V2"})
  @TestFactory
  Stream<DynamicTest> updateOnly() {
    Generators.Inputs v2 = Generators.inputs().matrix(MatrixPresets.UPDATE_ONLY);
    return Stream.of(
        Property.forAll(v2.randomProgress(30).gen())
            .test("R-V2 update-only never creates a contact, deal or unsorted request", in ->
                assertThatPlan(in.decide()).createsNothing()),
        Property.forAll(v2.validPhones().shapes(NEW_CLIENT).phases(CallPhase.ENDED).gen())
            .test("R-V2 nothing found by phone: nothing done, 'no target entity', and a lookup"
                + " retry when configured", in -> {
              Plan plan = in.decide();
              assertThatPlan(plan).hasNoAction(NoAction.NO_TARGET_ENTITY);
              assertThat(plan.retryLookupAfter()).isEqualTo(in.settings().updateOnlyRetryDelay());
            }),
        Property.forAll(v2.validPhones().shapes(ViewShape.CONTACT_ONLY,
                ViewShape.CONTACT_WITH_OPEN_DEALS, ViewShape.CONTACT_WITH_CLOSED_DEALS,
                ViewShape.CONTACT_WITH_OPEN_AND_CLOSED_DEALS, ViewShape.SEVERAL_CONTACTS,
                ViewShape.OPEN_DEAL_WITHOUT_CONTACT).phases(CallPhase.ENDED).gen())
            .test("R-V2 an entity found by phone gets the call record and the tracking data", in -> {
              Plan plan = in.decide();
              CrmView view = in.view().orElseThrow();
              long target = Facts.primaryOpenDeal(view).map(d -> d.id())
                  .orElseGet(() -> Facts.primaryContact(view).orElseThrow().id());
              assertThat(plan.effects(Effect.RecordCall.class)).singleElement()
                  .satisfies(r -> assertThat(Facts.existingId(r.target())).contains(target));
              EntityType type = Facts.primaryOpenDeal(view).isPresent() ? EntityType.DEAL
                  : EntityType.CONTACT;
              var fields = Facts.fields(in.settings(), in.event(), type);
              var tags = Facts.trackingTags(in.settings(), in.event(), type);
              if (fields.isEmpty() && tags.isEmpty()) {
                assertThat(plan.effects(Effect.UpdateFields.class)).isEmpty();
              } else {
                assertThat(plan.effects(Effect.UpdateFields.class)).singleElement()
                    .satisfies(u -> {
                      assertThat(Facts.existingId(u.target())).contains(target);
                      assertThat(u.fields()).isEqualTo(fields);
                      assertThat(u.tags()).isEqualTo(tags);
                    });
              }
            }));
  }

  @Covers({"R-UNS"})
  @TestFactory
  Stream<DynamicTest> unsorted() {
    Generators.Inputs uns = preset(MatrixPresets.UNSORTED).directions(CallDirection.INBOUND);
    return Stream.of(
        Property.forAll(uns.answered(true).endpoint(EndpointKind.KNOWN).shapes(NEW_CLIENT)
                .phases(CallPhase.ANSWERED, CallPhase.ENDED).gen())
            .test("R-UNS inbound answered new client: an unsorted request when the employee picks"
                + " up, for the senior manager, never a contact or deal", in -> {
              Plan plan = in.decide();
              long senior = in.settings().seniorManagerUserId();
              assertThat(plan.effects(Effect.CreateUnsorted.class)).hasSize(1);
              assertThat(plan.effects(Effect.CreateContact.class)).isEmpty();
              assertThat(plan.effects(Effect.CreateDeal.class)).isEmpty();
              assertThatPlan(plan).assignsEverythingCreatedTo(senior);
              Effect.CreateUnsorted u = plan.effects(Effect.CreateUnsorted.class).get(0);
              assertThat(u.callId()).isEqualTo(in.event().callId());
              assertThat(u.phone()).isEqualTo(in.phone().number().orElseThrow());
            }),
        Property.forAll(uns.answered(false).shapes(NEW_CLIENT).phases(CallPhase.ENDED).gen())
            .test("R-UNS inbound missed new client: an unsorted request and a task for the senior"
                + " manager", in -> {
              Plan plan = in.decide();
              long senior = in.settings().seniorManagerUserId();
              assertThatPlan(plan).hasEffectTypes(Effect.CreateUnsorted.class,
                  Effect.CreateTask.class).hasTaskFor(senior).assignsEverythingCreatedTo(senior);
              assertThat(plan.effects(Effect.CreateTask.class).get(0).text())
                  .isEqualTo(missedCallTask(in));
            }),
        Property.forAll(uns.shapes(EXISTING_CLIENT).phases(CallPhase.ENDED).gen())
            .test("R-UNS a repeat call from a client with a contact or deal: the record goes into"
                + " the existing entity, a missed one also gets a task for the responsible", in -> {
              Plan plan = in.decide();
              assertThatPlan(plan).createsNothing();
              plan.effects(Effect.RecordCall.class).forEach(r ->
                  assertThat(r.target()).isInstanceOf(
                      io.ringostat.amo.core.plan.EntityRef.Existing.class));
              if (in.event().isMissed()) {
                long expected = Facts.responsibleUser(in.view())
                    .or(() -> Facts.answeringEmployee(in).map(Employee::amoUserId))
                    .orElse(in.settings().seniorManagerUserId());
                assertThatPlan(plan).hasTaskFor(expected);
              }
            }));
  }
}
