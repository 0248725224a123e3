package io.ringostat.amo.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.testing.Covers;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.testing.DecisionInput;
import io.ringostat.amo.core.testing.Facts;
import io.ringostat.amo.core.testing.Generators;
import io.ringostat.amo.core.testing.Property;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Pipeline rules (R-PIPE) and tracking data in new entities (R-FIELDS), for any matrix. */
class PipelineAndFieldsProperties {
  /** Inputs where something gets created often: new clients, inbound mostly. */
  private static final Generators.Inputs CREATING = Generators.inputs().validPhones()
      .shapes(Generators.ViewShape.NO_CLIENT, Generators.ViewShape.CLOSED_DEALS_ONLY,
          Generators.ViewShape.CONTACT_WITH_CLOSED_DEALS);

  @Covers({"R-PIPE"})
  @TestFactory
  Stream<DynamicTest> pipelines() {
    return Stream.of(
        Property.forAll(CREATING.gen())
            .test("R-PIPE new deals go to the first matching rule's pipeline and status, else"
                + " the default pipeline", in -> {
              Plan plan = in.decide();
              Optional<PipelineTarget> expected = Facts.pipeline(in.settings(), in.event());
              for (Effect.CreateDeal d : plan.effects(Effect.CreateDeal.class)) {
                assertThat(d.pipelineId()).isEqualTo(expected.map(PipelineTarget::pipelineId));
                assertThat(d.statusId()).isEqualTo(expected.flatMap(PipelineTarget::statusId));
              }
            }),
        Property.forAll(CREATING.directions(CallDirection.INBOUND).gen())
            .test("R-PIPE unsorted requests go to the first matching rule's pipeline, else the"
                + " default pipeline", in -> {
              Optional<PipelineTarget> expected = Facts.pipeline(in.settings(), in.event());
              for (Effect.CreateUnsorted u : in.decide().effects(Effect.CreateUnsorted.class)) {
                assertThat(u.pipelineId()).isEqualTo(expected.map(PipelineTarget::pipelineId));
              }
            }),
        Property.forAll(CREATING.gen())
            .test("R-PIPE moving a matching rule to the front makes it win", in -> {
              if (in.settings().pipelineRules().size() < 2) {
                return;
              }
              var rules = new java.util.ArrayList<>(in.settings().pipelineRules());
              PipelineRule last = rules.remove(rules.size() - 1);
              rules.add(0, last);
              IntegrationSettings reordered = IntegrationSettings.builder().from(in.settings())
                  .pipelineRules(rules).build();
              Plan plan = new DecisionInput(reordered, in.event(), in.view(), in.progress())
                  .decide();
              if (last.matches(in.event())) {
                plan.effects(Effect.CreateDeal.class).forEach(d ->
                    assertThat(d.pipelineId()).contains(last.target().pipelineId()));
              }
            }));
  }

  @Covers({"R-FIELDS"})
  @TestFactory
  Stream<DynamicTest> trackingFields() {
    return Stream.of(
        Property.forAll(CREATING.gen())
            .test("R-FIELDS mapped call parameters land in the fields and tags of new contacts"
                + " and deals", in -> {
              Plan plan = in.decide();
              for (Effect.CreateContact c : plan.effects(Effect.CreateContact.class)) {
                assertThat(c.fields())
                    .isEqualTo(Facts.fields(in.settings(), in.event(), EntityType.CONTACT));
                assertThat(c.tags())
                    .isEqualTo(Facts.tags(in.settings(), in.event(), EntityType.CONTACT));
              }
              for (Effect.CreateDeal d : plan.effects(Effect.CreateDeal.class)) {
                assertThat(d.fields())
                    .isEqualTo(Facts.fields(in.settings(), in.event(), EntityType.DEAL));
                assertThat(d.tags())
                    .isEqualTo(Facts.tags(in.settings(), in.event(), EntityType.DEAL));
              }
              for (Effect.CreateUnsorted u : plan.effects(Effect.CreateUnsorted.class)) {
                assertThat(u.fields())
                    .isEqualTo(Facts.fields(in.settings(), in.event(), EntityType.DEAL));
                assertThat(u.tags())
                    .isEqualTo(Facts.tags(in.settings(), in.event(), EntityType.DEAL));
              }
            }),
        Property.forAll(CREATING.gen())
            .test("R-FIELDS a parameter the call does not carry writes nothing", in -> {
              Plan plan = in.decide();
              plan.effects().forEach(e -> {
                var fields = e instanceof Effect.CreateDeal d ? d.fields()
                    : e instanceof Effect.CreateContact c ? c.fields()
                    : e instanceof Effect.CreateUnsorted u ? u.fields()
                    : java.util.List.<io.ringostat.amo.core.plan.FieldValue>of();
                fields.forEach(f -> assertThat(f.value()).isNotBlank());
              });
            }));
  }
}
