package io.ringostat.amo.core.settings;

import static io.ringostat.amo.core.testing.ExampleWorld.ADS_FIRST_STAGE;
import static io.ringostat.amo.core.testing.ExampleWorld.ADS_PIPELINE;
import static io.ringostat.amo.core.testing.ExampleWorld.ANNA_KOVALENKO;
import static io.ringostat.amo.core.testing.ExampleWorld.SALES_FIRST_STAGE;
import static io.ringostat.amo.core.testing.ExampleWorld.SALES_PIPELINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ringostat.amo.core.matrix.Assignee;
import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.matrix.Scenario;
import io.ringostat.amo.core.matrix.TaskRule;
import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.core.model.CallParameters;
import io.ringostat.amo.core.model.CrmDeal;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.testing.ExampleWorld;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Settings are validated on build, every problem listed with its path (R-IN-3). */
class SettingsValidatorTest {
  private static final List<AccountCatalog.Pipeline> PIPELINES = List.of(
      new AccountCatalog.Pipeline(SALES_PIPELINE, "Sales", true, List.of(
          new AccountCatalog.Status(SALES_FIRST_STAGE, "New"),
          new AccountCatalog.Status(CrmDeal.WON, "Won"),
          new AccountCatalog.Status(CrmDeal.LOST, "Lost"))),
      new AccountCatalog.Pipeline(ADS_PIPELINE, "Ads", false, List.of(
          new AccountCatalog.Status(ADS_FIRST_STAGE, "New lead"),
          new AccountCatalog.Status(CrmDeal.WON, "Won"),
          new AccountCatalog.Status(CrmDeal.LOST, "Lost"))));

  private static List<String> problems(IntegrationSettings.Builder builder) {
    InvalidSettingsException e =
        catchThrowableOfType(InvalidSettingsException.class, builder::build);
    assertThat(e).as("the settings were accepted").isNotNull();
    return e.problems().stream().map(SettingsProblem::toString).toList();
  }

  @Test
  @DisplayName("R-IN-3 the example settings are valid")
  void validSettings() {
    IntegrationSettings s = ExampleWorld.builder(MatrixPresets.RECOMMENDED).pipelines(PIPELINES)
        .build();
    assertThat(SettingsValidator.validate(s)).isEmpty();
  }

  @Test
  @DisplayName("R-IN-3 R-IN-2 R-PIPE R-PHONE every problem at once, each with its path: conflicting"
      + " endpoints, a rule's status outside its pipeline, an unknown template, a bad country")
  void everyProblemListedByPath() {
    Employee impostor = Employee.builder().code("900").name("Impostor").addSipLogin("anna")
        .amoUserId(6900).build();
    IntegrationSettings.Builder b = ExampleWorld.builder(MatrixPresets.RECOMMENDED.withCell(
            Scenario.INBOUND_MISSED_EXISTING, MatrixPresets.RECOMMENDED
                .cell(Scenario.INBOUND_MISSED_EXISTING)
                .withTask(Optional.of(new TaskRule(Assignee.RESPONSIBLE, "follow-up")))))
        .addEmployee(impostor)
        .pipelines(PIPELINES)
        .addPipelineRule(new PipelineRule(PipelineTarget.of(ADS_PIPELINE, SALES_FIRST_STAGE),
            CallParameters.UTM_SOURCE, "google"));
    assertThat(problems(b)).containsExactly(
        "ERROR employees: SIP login 'anna' belongs to employees 101 and 900",
        "ERROR matrix.cells.INBOUND_MISSED_EXISTING.task.template: no task template named"
            + " 'follow-up' (known: invalid-phone, missed-call, unknown-endpoint)",
        "ERROR pipelineRules[1].statusId: status 33831001 is not in pipeline 3383152 ('Ads')");

    b.defaultCountry("XX");
    assertThat(problems(b)).containsExactly(
        "ERROR defaultCountry: 'XX' is not an ISO country code known to libphonenumber",
        "ERROR matrix.cells.INBOUND_MISSED_EXISTING.task.template: no task template named"
            + " 'follow-up' (known: invalid-phone, missed-call, unknown-endpoint)",
        "ERROR pipelineRules[1].statusId: status 33831001 is not in pipeline 3383152 ('Ads')");
  }

  @Test
  @DisplayName("R-FILTER block-list entries in international form and minimum talk times of 0 to 10 min")
  void filters() {
    IntegrationSettings.Builder b = ExampleWorld.builder(MatrixPresets.RECOMMENDED)
        .addBlockedNumbers("+7800", "+38 (044) 123-45-67", "0800", "+", "+1234567890123456")
        .putMinTalkTime(io.ringostat.amo.core.model.CallDirection.INBOUND,
            java.time.Duration.ofSeconds(5))
        .putMinTalkTime(io.ringostat.amo.core.model.CallDirection.OUTBOUND,
            java.time.Duration.ofMinutes(11));
    String form = "must be a number or a prefix in international form, 1 to 15 digits after '+',"
        + " e.g. \"+380441234567\" or \"+7800\"";
    assertThat(problems(b)).containsExactly(
        "ERROR blockedNumbers[2]: " + form,
        "ERROR blockedNumbers[3]: " + form,
        "ERROR blockedNumbers[4]: " + form,
        "ERROR minTalkTime.outbound: must be 0 to 10 minutes");
  }

  @Test
  @DisplayName("R-PIPE a rule naming a pipeline the account lacks is reported")
  void unknownPipeline() {
    IntegrationSettings.Builder b = ExampleWorld.builder(MatrixPresets.RECOMMENDED)
        .pipelines(PIPELINES)
        .defaultPipeline(PipelineTarget.of(42))
        .addPipelineRule(new PipelineRule(PipelineTarget.of(43), CallParameters.POOL, " "));
    assertThat(problems(b)).containsExactly(
        "ERROR defaultPipeline.pipelineId: the account has no pipeline 42",
        "ERROR pipelineRules[1].value: must not be blank",
        "ERROR pipelineRules[1].pipelineId: the account has no pipeline 43");
  }

  @Test
  @DisplayName("R-PIPE without the account's pipelines, rules are checked on activation")
  void pipelinesCheckedAgainstTheAccount() {
    IntegrationSettings s = ExampleWorld.builder(MatrixPresets.RECOMMENDED)
        .addPipelineRule(new PipelineRule(PipelineTarget.of(ADS_PIPELINE, SALES_FIRST_STAGE),
            CallParameters.UTM_SOURCE, "google"))
        .build();
    AccountCatalog account = new AccountCatalog("acme", ZoneId.of("Europe/Kyiv"),
        List.of(new AccountCatalog.User(5000, "Olena", true),
            new AccountCatalog.User(5001, "Anna", true),
            new AccountCatalog.User(5002, "Bohdan", false)),
        PIPELINES,
        List.of(new AccountCatalog.CustomField(771_001, "leads", "roistat", Optional.empty(),
            "text")));
    assertThat(SettingsValidator.validateAgainst(s, account).stream().map(Object::toString))
        .containsExactly(
            "ERROR pipelineRules[1].statusId: status 33831001 is not in pipeline 3383152 ('Ads')",
            "ERROR fieldMappings[0]: the account has no leads field 'UTM_SOURCE'",
            "ERROR fieldMappings[1]: the account has no leads field 'UTM_CAMPAIGN'",
            "ERROR fieldMappings[4]: the account has no contacts field 771100",
            "WARNING employees[2].amoUserId: amoCRM user 5002 of employee 102 is deactivated;"
                + " calls they answer go to the senior manager");
  }

  @Test
  @DisplayName("R-FIELDS R-IN-3 mappings that write nowhere or into companies, unknown"
      + " placeholders and broken task templates are reported")
  void fieldMappingsAndTemplates() {
    IntegrationSettings.Builder b = ExampleWorld.builder(MatrixPresets.RECOMMENDED)
        .addFieldMapping(new FieldMapping(CallParameters.UTM_TERM, EntityType.DEAL,
            Optional.empty(), Optional.empty(), false))
        .addFieldMapping(new FieldMapping(" ", EntityType.COMPANY, Optional.of(1L),
            Optional.empty(), false))
        .dealNameTemplate("Call from {caller_name}")
        .putTaskTemplate("missed-call", new TaskTemplate(" ", Duration.ofMinutes(-1), 0));
    assertThat(problems(b)).containsExactly(
        "ERROR taskTemplates.missed-call.text: must not be blank",
        "ERROR taskTemplates.missed-call.deadline: must not be negative",
        "ERROR taskTemplates.missed-call.taskTypeId: must be positive (1 = call)",
        "ERROR dealNameTemplate: unknown placeholder {caller_name} (known: client_phone,"
            + " employee_name, endpoint, tracking_phone, call_id, pool, direction)",
        "ERROR fieldMappings[5]: needs a fieldId, a fieldCode or asTag",
        "ERROR fieldMappings[6].parameter: must name a call parameter",
        "ERROR fieldMappings[6].entity: must be DEAL or CONTACT");
  }

  @Test
  @DisplayName("R-IN-3 R-IN-2 a senior manager is required; an employee without any endpoint is a"
      + " warning, not an error")
  void seniorManagerAndWarnings() {
    assertThat(problems(ExampleWorld.builder(MatrixPresets.RECOMMENDED).seniorManagerUserId(0)))
        .containsExactly("ERROR seniorManagerUserId: must be an amoCRM user id (positive)");
    IntegrationSettings s = ExampleWorld.builder(MatrixPresets.RECOMMENDED)
        .addEmployee(Employee.builder().code("103").name("Silent").amoUserId(5003).build())
        .build();
    assertThat(SettingsValidator.validate(s).stream().map(Object::toString)).containsExactly(
        "WARNING employees[3]: employee 103 has no SIP login, extension or phone: calls can't"
            + " name them");
  }

  @Test
  @DisplayName("R-IN-3 R-V2 settings keep their values; the update-only retry delay is bounded")
  void boundedValues() {
    assertThat(problems(ExampleWorld.builder(MatrixPresets.UPDATE_ONLY)
        .updateOnlyRetryDelay(Duration.ofMinutes(6)).resendWindowDays(0)))
        .containsExactly("ERROR resendWindowDays: must be 1 to 30 days",
            "ERROR updateOnlyRetryDelay: must be 0 to 5 minutes");
    IntegrationSettings s = ExampleWorld.settings(MatrixPresets.UPDATE_ONLY);
    assertThat(s.matrix()).isEqualTo(MatrixPresets.UPDATE_ONLY);
    assertThat(s.employees()).contains(ANNA_KOVALENKO);
    assertThat(s.effectiveTaskTemplates()).containsKeys(MatrixPresets.MISSED_CALL_TASK,
        MatrixPresets.UNKNOWN_ENDPOINT_TASK, MatrixPresets.INVALID_PHONE_TASK);
  }

  @Test
  @DisplayName("R-LANG custom messages are checked by path: unknown language, unknown key, unknown"
      + " placeholder")
  void messagesCheckedByPath() {
    assertThat(problems(ExampleWorld.builder(MatrixPresets.RECOMMENDED)
        .putMessage("de", java.util.Map.of("deal-name", "Anruf"))
        .putMessage("ru", java.util.Map.of("deal-nam", "Звонок", "task-missed-call",
            "Перезвонить {client}"))))
        .anySatisfy(p -> assertThat(p).startsWith("ERROR messages.de").contains("unknown language"))
        .anySatisfy(p -> assertThat(p).startsWith("ERROR messages.ru.deal-nam")
            .contains("unknown text key"))
        .anySatisfy(p -> assertThat(p).startsWith("ERROR messages.ru.task-missed-call")
            .contains("unknown placeholder {client}"));
  }
}
