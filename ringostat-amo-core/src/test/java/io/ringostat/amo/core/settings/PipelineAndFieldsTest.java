package io.ringostat.amo.core.settings;

import static io.ringostat.amo.core.testing.DecideSpec.given;
import static io.ringostat.amo.core.testing.ExampleWorld.ADS_CLICK;
import static io.ringostat.amo.core.testing.ExampleWorld.inbound;
import static io.ringostat.amo.core.testing.ExampleWorld.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.model.CallParameters;
import io.ringostat.amo.core.model.Tracking;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.FieldValue;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.testing.ExampleWorld;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Pipeline rules (R-PIPE) and tracking data in new deals and contacts (R-FIELDS), by example. */
class PipelineAndFieldsTest {

  private static Plan missedCall(IntegrationSettings s, Tracking tracking) {
    var call = new ExampleWorld.Call("c-1", io.ringostat.amo.core.model.CallDirection.INBOUND,
        ExampleWorld.CLIENT_RAW, Optional.empty(), tracking);
    return given(s).when(call.missed()).plan();
  }

  private static Effect.CreateDeal deal(Plan plan) {
    return plan.effects(Effect.CreateDeal.class).get(0);
  }

  @Test
  @DisplayName("R-PIPE a call from the 'Context ads' pool goes to the ads pipeline and stage")
  void ruleMatches() {
    Effect.CreateDeal d = deal(missedCall(settings(MatrixPresets.RECOMMENDED), ADS_CLICK));
    assertThat(d.pipelineId()).contains(ExampleWorld.ADS_PIPELINE);
    assertThat(d.statusId()).contains(ExampleWorld.ADS_FIRST_STAGE);
  }

  @Test
  @DisplayName("R-PIPE values match ignoring case and surrounding spaces")
  void ruleMatchesIgnoringCase() {
    Tracking t = Tracking.builder().pool("  context ADS ").build();
    assertThat(deal(missedCall(settings(MatrixPresets.RECOMMENDED), t)).pipelineId())
        .contains(ExampleWorld.ADS_PIPELINE);
  }

  @Test
  @DisplayName("R-PIPE no rule matches: the default pipeline; no default: the account's main one")
  void defaultPipeline() {
    Tracking seo = Tracking.builder().pool("SEO").build();
    Effect.CreateDeal d = deal(missedCall(settings(MatrixPresets.RECOMMENDED), seo));
    assertThat(d.pipelineId()).contains(ExampleWorld.SALES_PIPELINE);
    assertThat(d.statusId()).contains(ExampleWorld.SALES_FIRST_STAGE);
    IntegrationSettings noDefault = ExampleWorld.builder(MatrixPresets.RECOMMENDED)
        .defaultPipeline(Optional.empty()).build();
    Effect.CreateDeal main = deal(missedCall(noDefault, seo));
    assertThat(main.pipelineId()).isEmpty();
    assertThat(main.statusId()).isEmpty();
  }

  @Test
  @DisplayName("R-PIPE the first matching rule wins, by any parameter: UTM tags, tracking number,"
      + " extra parameters")
  void firstMatchWins() {
    IntegrationSettings s = ExampleWorld.builder(MatrixPresets.RECOMMENDED)
        .pipelineRules(List.of(
            new PipelineRule(PipelineTarget.of(1), CallParameters.UTM_SOURCE, "facebook"),
            new PipelineRule(PipelineTarget.of(2), "roistat_visit_id", "12345"),
            new PipelineRule(PipelineTarget.of(3), CallParameters.POOL, "Context ads"),
            new PipelineRule(PipelineTarget.of(4), CallParameters.TRACKING_PHONE,
                "+380 44 111 00 01")))
        .build();
    assertThat(deal(missedCall(s, ADS_CLICK)).pipelineId()).contains(2L);
    Tracking onlyPool = Tracking.builder().pool("Context ads").build();
    assertThat(deal(missedCall(s, onlyPool)).pipelineId()).contains(3L);
    assertThat(deal(missedCall(s, Tracking.EMPTY)).pipelineId()).contains(4L);
    Plan plan = missedCall(s, onlyPool);
    assertThat(plan.explanation()).contains("Pipeline: rule #3 matched (pool = 'Context ads' →"
        + " pipeline 3)");
  }

  @Test
  @DisplayName("R-PIPE R-UNS unsorted requests follow the rules too")
  void unsortedRequests() {
    Plan plan = missedCall(settings(MatrixPresets.UNSORTED), ADS_CLICK);
    assertThat(plan.effects(Effect.CreateUnsorted.class).get(0).pipelineId())
        .contains(ExampleWorld.ADS_PIPELINE);
  }

  @Test
  @DisplayName("R-FIELDS UTM tags and roistat visit id in the deal's fields (by code and by id),"
      + " the pool as a tag, utm_source in the contact's field")
  void fields() {
    Plan plan = missedCall(settings(MatrixPresets.RECOMMENDED), ADS_CLICK);
    Effect.CreateDeal d = deal(plan);
    assertThat(d.fields()).containsExactly(FieldValue.byCode("UTM_SOURCE", "google"),
        FieldValue.byCode("UTM_CAMPAIGN", "spring"), FieldValue.byId(771_001, "12345"));
    assertThat(d.tags()).containsExactly("ringostat", "Context ads");
    Effect.CreateContact c = plan.effects(Effect.CreateContact.class).get(0);
    assertThat(c.fields()).containsExactly(FieldValue.byId(771_100, "google"));
    assertThat(c.tags()).isEmpty();
  }

  @Test
  @DisplayName("R-FIELDS a parameter the call does not carry, or carries blank, writes nothing")
  void missingParameters() {
    Tracking partial = Tracking.builder().utmSource(" ").pool("SEO").build();
    Plan plan = missedCall(settings(MatrixPresets.RECOMMENDED), partial);
    assertThat(deal(plan).fields()).isEmpty();
    assertThat(deal(plan).tags()).containsExactly("ringostat", "SEO");
    assertThat(plan.effects(Effect.CreateContact.class).get(0).fields()).isEmpty();
  }

  @Test
  @DisplayName("R-FIELDS contact tags come from contact tag mappings; repeated values once")
  void contactTags() {
    IntegrationSettings s = ExampleWorld.builder(MatrixPresets.RECOMMENDED)
        .addFieldMapping(new FieldMapping(CallParameters.POOL, EntityType.CONTACT,
            Optional.empty(), Optional.empty(), true))
        .addFieldMapping(new FieldMapping(CallParameters.POOL, EntityType.DEAL,
            Optional.empty(), Optional.empty(), true))
        .build();
    Plan plan = missedCall(s, ADS_CLICK);
    assertThat(plan.effects(Effect.CreateContact.class).get(0).tags())
        .containsExactly("Context ads");
    assertThat(deal(plan).tags()).containsExactly("ringostat", "Context ads");
  }

  @Test
  @DisplayName("R-FIELDS names of new entities come from templates with call placeholders")
  void nameTemplates() {
    IntegrationSettings s = ExampleWorld.builder(MatrixPresets.RECOMMENDED)
        .contactNameTemplate("Client {client_phone}")
        .dealNameTemplate("{pool}: {direction} call {call_id}").build();
    Plan plan = missedCall(s, ADS_CLICK);
    assertThat(plan.effects(Effect.CreateContact.class).get(0).name())
        .isEqualTo("Client +380441234567");
    assertThat(deal(plan).name()).isEqualTo("Context ads: Inbound call c-1");
    assertThat(inbound("c-1").missed().tracking()).isEqualTo(ADS_CLICK);
  }
}
