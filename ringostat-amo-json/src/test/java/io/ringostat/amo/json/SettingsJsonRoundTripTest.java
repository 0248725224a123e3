package io.ringostat.amo.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.matrix.Assignee;
import io.ringostat.amo.core.matrix.DealPolicy;
import io.ringostat.amo.core.matrix.DecisionMatrix;
import io.ringostat.amo.core.matrix.MatrixCell;
import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.matrix.RecordTarget;
import io.ringostat.amo.core.matrix.Scenario;
import io.ringostat.amo.core.matrix.TaskRule;
import io.ringostat.amo.core.matrix.Timing;
import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.routing.RoutingStrategy;
import io.ringostat.amo.core.routing.RoutingTarget;
import io.ringostat.amo.core.settings.AmoAccount;
import io.ringostat.amo.core.settings.AmoZone;
import io.ringostat.amo.core.settings.FieldMapping;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.PipelineRule;
import io.ringostat.amo.core.settings.PipelineTarget;
import io.ringostat.amo.core.settings.RoutingSettings;
import io.ringostat.amo.core.settings.TaskTemplate;
import java.time.Duration;
import java.time.ZoneId;
import io.ringostat.amo.core.text.Language;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** R-IN-3: settings written by {@link SettingsJson#write} read back equal. */
class SettingsJsonRoundTripTest {

  static Stream<IntegrationSettings> settings() {
    return Stream.of(
        minimal(),
        everythingChanged(MatrixPresets.UNSORTED),
        everythingChanged(MatrixPresets.UPDATE_ONLY),
        everythingChanged(customMatrix()),
        everythingChanged(customMatrix().withUnknownEndpointTask(Optional.empty())));
  }

  @ParameterizedTest
  @MethodSource("settings")
  void writtenSettingsReadBackEqual_R_IN_3(IntegrationSettings original) {
    String json = SettingsJson.write(original);

    IntegrationSettings read = SettingsJson.parse(json);

    assertThat(read).isEqualTo(original);
    assertThat(SettingsJson.write(read)).isEqualTo(json);
  }

  @Test
  void minimalSettingsWriteOnlyTheRequiredKeys() {
    assertThat(SettingsJson.write(minimal())).isEqualTo("""
        {
          "account": {
            "subdomain": "demo",
            "zone": "AMOCRM_RU"
          },
          "seniorManager": {
            "amoUserId": 504140
          }
        }
        """);
  }

  @Test
  void writerUsesShortDurationsAndPresetNames() {
    String json = SettingsJson.write(everythingChanged(MatrixPresets.UNSORTED));

    assertThat(json)
        .contains("\"matrix\": \"UNSORTED\"")
        .contains("\"budget\": \"750ms\"")
        .contains("\"cacheTtl\": \"5m\"")
        .contains("\"deadline\": \"1.5s\"")
        .contains("\"updateOnlyRetryDelay\": \"90s\"");
  }

  @Test
  void demoFileReadsWritesAndReadsBackEqual() throws Exception {
    IntegrationSettings demo =
        SettingsJson.load(Fixtures.repoFile("examples/src/main/resources/demo/settings.json"));

    assertThat(SettingsJson.parse(SettingsJson.write(demo))).isEqualTo(demo);
  }

  private static IntegrationSettings minimal() {
    return IntegrationSettings.builder().account(AmoAccount.of("demo", AmoZone.AMOCRM_RU))
        .seniorManagerUserId(504140).build();
  }

  private static DecisionMatrix customMatrix() {
    return MatrixPresets.RECOMMENDED
        .withCell(Scenario.INBOUND_ANSWERED_EXISTING, MatrixCell.builder()
            .deal(DealPolicy.ALWAYS).createOn(Timing.ON_END).recordCall(RecordTarget.BOTH)
            .assignee(Assignee.RESPONSIBLE).updateTracking(true)
            .task(new TaskRule(Assignee.RESPONSIBLE, "follow-up")).build())
        .withName("my-matrix");
  }

  private static IntegrationSettings everythingChanged(DecisionMatrix matrix) {
    return IntegrationSettings.builder()
        .account(AmoAccount.builder().subdomain("acme-2").zone(AmoZone.KOMMO_COM)
            .timeZone(ZoneId.of("Europe/Warsaw")).build())
        .addEmployee(Employee.builder().code("7").name("Only Code").amoUserId(9).build())
        .addEmployee(Employee.builder().code("8").name("Full").email("f@example.com")
            .addSipLogin("full").addSipLogin("full2").extension("808")
            .addPhone("+48 22 123 45 67").amoUserId(10).build())
        .seniorManagerUserId(9)
        .matrix(matrix)
        .language(Language.UK)
        .putMessage("uk", Map.of("task-missed-call", "Передзвоніть {client_phone}"))
        .putMessage("ru", Map.of("deal-name", "Звонок {client_phone}"))
        .ignoreInternalCalls(false)
        .addBlockedNumber("+7800").addBlockedNumber("+380 44 123 45 67")
        .recordBlockedOnExisting(true)
        .putMinTalkTime(io.ringostat.amo.core.model.CallDirection.INBOUND, Duration.ofSeconds(5))
        .putMinTalkTime(io.ringostat.amo.core.model.CallDirection.OUTBOUND,
            Duration.ofMillis(3500))
        .defaultPipeline(PipelineTarget.of(11))
        .addPipelineRule(new PipelineRule(PipelineTarget.of(12, 121), "utm_source", "google"))
        .addPipelineRule(new PipelineRule(PipelineTarget.of(11), "roistat_visit_id", "42"))
        .addPipeline(new AccountCatalog.Pipeline(11, "Main", true, List.of()))
        .addPipeline(new AccountCatalog.Pipeline(12, "Ads", false,
            List.of(new AccountCatalog.Status(121, "New"), new AccountCatalog.Status(142, "Won"))))
        .addFieldMapping(new FieldMapping("utm_source", EntityType.CONTACT, Optional.of(700L),
            Optional.of("UTM_SOURCE"), true))
        .addFieldMapping(FieldMapping.dealTag("pool"))
        .addTag("ringostat").addTag("calls")
        .putTaskTemplate("follow-up", new TaskTemplate("Call {client_phone} back",
            Duration.ofMillis(1500), 2))
        .putTaskTemplate("missed-call", new TaskTemplate("Missed {call_id}", Duration.ofHours(26),
            TaskTemplate.CALL))
        .contactNameTemplate("Client {client_phone}")
        .dealNameTemplate("Deal {pool}")
        .routing(RoutingSettings.builder().priority(List.of(RoutingTarget.UNSORTED,
                RoutingTarget.DEAL)).strategy(RoutingStrategy.LAST_TALKED)
            .budget(Duration.ofMillis(750)).cacheTtl(Duration.ofMinutes(5)).cacheSize(0).build())
        .defaultCountry("PL")
        .resendWindowDays(5)
        .updateOnlyRetryDelay(Duration.ofSeconds(90))
        .callPopup(true)
        .sourceName("pbx")
        .build();
  }
}
