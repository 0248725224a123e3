package io.ringostat.amo.json;

import static io.ringostat.amo.json.Fixtures.paths;
import static io.ringostat.amo.json.Fixtures.problemAt;
import static io.ringostat.amo.json.Fixtures.settingsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.InvalidSettingsException;
import io.ringostat.amo.core.settings.SettingsProblem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** R-IN-3: every problem of a settings file is reported at once, with its path and a fix. */
class SettingsJsonProblemsTest {

  @Test
  void severalProblemsInOneFileAreAllReported_R_IN_3() {
    SettingsReport report = SettingsJson.check("""
        {
          "account": {"subdomain": "demo", "zone": "AMO_RU"},
          "employees": [
            {"code": "100", "name": "Iryna", "amoUserId": 504140, "sipLogins": ["iryna"]},
            {"code": "101", "name": "Olena", "amoUserId": "504141"},
            {"code": "102", "name": "Andriy", "amoUserId": 504142, "sipLogins": ["andriy", 7]}
          ],
          "seniorManager": {"employee": "100"},
          "pipelineRules": [{"pipelineId": 1, "parameter": "pool"}],
          "routing": {"budget": "fast", "strategy": "RANDOM"},
          "callPopup": "yes",
          "colour": "blue"
        }
        """);

    assertThat(report.isValid()).isFalse();
    assertThat(paths(report.problems())).containsExactlyInAnyOrder(
        "account.zone",
        "employees[1].amoUserId",
        "employees[2].sipLogins[1]",
        "pipelineRules[0].value",
        "routing.strategy",
        "routing.budget",
        "callPopup",
        "colour");
    assertThat(report.problems()).allMatch(SettingsProblem::isError);
  }

  @Test
  void loadThrowsWithEveryProblem() {
    assertThatThrownBy(() -> SettingsJson.parse("{\"account\": {}, \"seniorManager\": {}}"))
        .isInstanceOfSatisfying(InvalidSettingsException.class, e ->
            assertThat(paths(e.problems())).containsExactly("account.subdomain", "seniorManager"))
        .hasMessageContaining("account.subdomain: required: add \"subdomain\"");
  }

  @Test
  void unknownKeyListsTheAllowedKeysAndSuggestsTheClosest() {
    SettingsReport report = SettingsJson.check(settingsWith(
        "\"employees\": [{\"code\": \"1\", \"name\": \"A\", \"amoUserId\": 5, \"sipLogin\": [\"a\"]}]"));

    assertThat(problemAt(report, "employees[0].sipLogin").reason())
        .contains("unknown key 'sipLogin'")
        .contains("did you mean 'sipLogins'?")
        .contains("allowed keys: code, name, email, sipLogins, extension, phones, amoUserId");
  }

  @Test
  void unknownTopLevelKeyIsAnError() {
    SettingsReport report = SettingsJson.check(settingsWith("\"employes\": []"));

    assertThat(problemAt(report, "employes").reason()).contains("did you mean 'employees'?");
    assertThat(report.isValid()).isFalse();
  }

  @Test
  void badEnumListsTheAllowedValues() {
    SettingsReport report = SettingsJson.check(
        "{\"account\": {\"subdomain\": \"demo\", \"zone\": \"amocrm.ru\"},"
            + " \"seniorManager\": {\"amoUserId\": 1}}");

    assertThat(problemAt(report, "account.zone").reason())
        .isEqualTo("'amocrm.ru' is not one of AMOCRM_RU, AMOCRM_COM, KOMMO_COM");
  }

  @Test
  void enumValuesAreCaseInsensitive() {
    IntegrationSettings s = SettingsJson.parse(
        "{\"account\": {\"subdomain\": \"demo\", \"zone\": \"kommo_com\"},"
            + " \"seniorManager\": {\"amoUserId\": 1}}");

    assertThat(s.account().host()).isEqualTo("demo.kommo.com");
  }

  @Test
  void wrongTypesSayWhatToWrite() {
    SettingsReport report = SettingsJson.check(settingsWith("""
        "employees": [{"code": 101, "name": "A", "amoUserId": "5"}],
        "tags": "ringostat",
        "resendWindowDays": 2.5,
        "callPopup": "false"
        """));

    assertThat(problemAt(report, "employees[0].code").reason())
        .isEqualTo("expected a string, got a number (put it in quotes)");
    assertThat(problemAt(report, "employees[0].amoUserId").reason())
        .isEqualTo("expected a positive whole number, got a string (remove the quotes)");
    assertThat(problemAt(report, "tags").reason()).isEqualTo("expected an array [...], got a string");
    assertThat(problemAt(report, "resendWindowDays").reason())
        .isEqualTo("expected a whole number, got a number");
    assertThat(problemAt(report, "callPopup").reason())
        .contains("expected true or false").contains("without quotes");
  }

  @Test
  void missingRequiredKeysAreNamedWithWhatToAdd() {
    SettingsReport report = SettingsJson.check(
        "{\"employees\": [{\"code\": \"1\"}], \"pipelines\": [{\"id\": 5}]}");

    assertThat(paths(report.problems())).containsExactlyInAnyOrder("account", "seniorManager",
        "employees[0].name", "employees[0].amoUserId", "pipelines[0].name");
    assertThat(problemAt(report, "employees[0].amoUserId").reason())
        .startsWith("required: add \"amoUserId\"");
  }

  @Test
  void nullCountsAsAbsentForOptionalKeysButNotForRequiredOnes() {
    SettingsReport optional = SettingsJson.check(settingsWith(
        "\"employees\": [{\"code\": \"1\", \"name\": \"A\", \"amoUserId\": 5, \"email\": null,"
            + " \"extension\": \"1\"}], \"routing\": null"));
    SettingsReport required = SettingsJson.check(
        "{\"account\": null, \"seniorManager\": {\"amoUserId\": 1}}");

    assertThat(optional.problems()).isEmpty();
    assertThat(paths(required.problems())).containsExactly("account");
  }

  @Test
  void badDurationShowsTheAcceptedForms() {
    SettingsReport report = SettingsJson.check(settingsWith(
        "\"routing\": {\"budget\": \"1.5 sec\"}, \"updateOnlyRetryDelay\": 10"));

    assertThat(problemAt(report, "routing.budget").reason())
        .isEqualTo("'1.5 sec' is not a duration: write e.g. \"30m\", \"1.5s\", \"250ms\","
            + " \"2h\", \"1d\" or ISO-8601 \"PT30M\"");
    assertThat(problemAt(report, "updateOnlyRetryDelay").reason())
        .contains("expected a string, got a number");
  }

  @Test
  void malformedJsonGivesLineAndColumn() {
    SettingsReport report = SettingsJson.check("{\n  \"account\": {\"subdomain\": \"demo\"},,\n}");

    assertThat(report.problems()).hasSize(1);
    assertThat(problemAt(report, "$").reason())
        .startsWith("malformed JSON at line 2, column 36:");
  }

  @Test
  void duplicateKeysAreMalformed() {
    SettingsReport report = SettingsJson.check(settingsWith("\"tags\": [], \"tags\": [\"x\"]"));

    assertThat(problemAt(report, "$").reason()).contains("Duplicate field 'tags'");
  }

  @Test
  void commentsAreAllowed() {
    IntegrationSettings s = SettingsJson.parse("""
        {
          // the account
          "account": {"subdomain": "demo"},
          /* who gets missed calls */
          "seniorManager": {"amoUserId": 504140}
        }
        """);

    assertThat(s.seniorManagerUserId()).isEqualTo(504140);
  }

  @Test
  void documentThatIsNotAnObjectOrIsEmptyIsReportedAtTheRoot() {
    assertThat(SettingsJson.check("[]").problems())
        .containsExactly(SettingsProblem.error("$", "expected an object {...}, got an array"));
    assertThat(SettingsJson.check("  ").problems())
        .containsExactly(SettingsProblem.error("$", "empty document: expected a JSON object {...}"));
  }

  @Test
  void subdomainMustBeOnlyTheSubdomain() {
    SettingsReport report = SettingsJson.check(
        "{\"account\": {\"subdomain\": \"demo.amocrm.ru\"}, \"seniorManager\": {\"amoUserId\": 1}}");

    assertThat(problemAt(report, "account.subdomain").reason())
        .contains("give only the subdomain, e.g. \"mycompany\"");
  }

  @Test
  void subdomainInUpperCaseIsLowerCased() {
    IntegrationSettings s = SettingsJson.parse(
        "{\"account\": {\"subdomain\": \"Demo\"}, \"seniorManager\": {\"amoUserId\": 1}}");

    assertThat(s.account().subdomain()).isEqualTo("demo");
  }

  @Test
  void unknownTimeZoneIsReported() {
    SettingsReport report = SettingsJson.check(
        "{\"account\": {\"subdomain\": \"demo\", \"timeZone\": \"Kyiv\"},"
            + " \"seniorManager\": {\"amoUserId\": 1}}");

    assertThat(problemAt(report, "account.timeZone").reason()).contains("\"Europe/Kyiv\"");
  }

  @Test
  void seniorManagerByEmployeeCodeTakesThatEmployeesUser_R_IN_2() {
    IntegrationSettings s = SettingsJson.parse("""
        {"account": {"subdomain": "demo"},
         "employees": [{"code": "100", "name": "Iryna", "amoUserId": 504140, "extension": "100"}],
         "seniorManager": {"employee": "100"}}
        """);

    assertThat(s.seniorManagerUserId()).isEqualTo(504140);
  }

  @Test
  void seniorManagerNamingNoEmployeeListsTheCodes_R_IN_2() {
    SettingsReport report = SettingsJson.check("""
        {"account": {"subdomain": "demo"},
         "employees": [{"code": "100", "name": "Iryna", "amoUserId": 504140, "extension": "100"}],
         "seniorManager": {"employee": "200"}}
        """);

    assertThat(problemAt(report, "seniorManager.employee").reason())
        .isEqualTo("no employee has code '200'; codes: 100");
  }

  @Test
  void seniorManagerNeedsExactlyOneForm() {
    SettingsReport both = SettingsJson.check(
        "{\"account\": {\"subdomain\": \"demo\"}, \"seniorManager\": {\"amoUserId\": 1,"
            + " \"employee\": \"1\"}}");
    SettingsReport neither = SettingsJson.check(
        "{\"account\": {\"subdomain\": \"demo\"}, \"seniorManager\": {}}");

    assertThat(problemAt(both, "seniorManager").reason()).contains("not both");
    assertThat(problemAt(neither, "seniorManager").reason()).startsWith("required:");
  }

  @Test
  void coreValidationErrorsAreReportedWithTheirPaths_R_PIPE_R_IN_2() {
    SettingsReport report = SettingsJson.check(settingsWith("""
        "employees": [
          {"code": "1", "name": "A", "amoUserId": 5, "sipLogins": ["shared"]},
          {"code": "2", "name": "B", "amoUserId": 6, "sipLogins": ["SHARED"], "phones": ["abc"]}
        ],
        "pipelines": [{"id": 10, "name": "Sales", "statuses": [{"id": 100, "name": "New"}]},
                      {"id": 20, "name": "Ads", "statuses": [{"id": 200, "name": "New"}]}],
        "pipelineRules": [{"pipelineId": 10, "parameter": "pool", "value": "x"},
                          {"pipelineId": 20, "statusId": 100, "parameter": "pool", "value": "y"},
                          {"pipelineId": 30, "parameter": "pool", "value": "z"}],
        "fieldMappings": [{"parameter": "utm_source"}],
        "matrix": {"basedOn": "RECOMMENDED",
                   "cells": {"INBOUND_MISSED_NEW": {"task": {"assignee": "SENIOR_MANAGER",
                                                             "template": "call-back"}}}},
        "taskTemplates": {"x": {"text": "Hi {client_name}", "deadline": "-5m"}},
        "routing": {"budget": "45s"},
        "resendWindowDays": 0
        """));

    assertThat(report.isValid()).isFalse();
    assertThat(paths(report.problems())).contains(
        "employees",
        "employees[1].phones[0]",
        "pipelineRules[1].statusId",
        "pipelineRules[2].pipelineId",
        "fieldMappings[0]",
        "matrix.cells.INBOUND_MISSED_NEW.task.template",
        "taskTemplates.x.text",
        "taskTemplates.x.deadline",
        "routing.budget",
        "resendWindowDays");
    assertThat(problemAt(report, "pipelineRules[1].statusId").reason())
        .isEqualTo("status 100 is not in pipeline 20 ('Ads')");
    assertThat(problemAt(report, "employees").reason())
        .contains("SIP login 'shared' belongs to employees 1 and 2");
  }

  @Test
  void warningsDoNotStopLoadingAndAreExposed_R_IN_3() {
    String json = settingsWith(
        "\"employees\": [{\"code\": \"1\", \"name\": \"No endpoints\", \"amoUserId\": 5}]");

    SettingsReport report = SettingsJson.check(json);

    assertThat(report.isValid()).isTrue();
    assertThat(report.errors()).isEmpty();
    assertThat(report.warnings()).extracting(SettingsProblem::path).containsExactly("employees[0]");
    assertThat(SettingsJson.parse(json).employees()).hasSize(1);
  }

  @Test
  void fileOverOneMebibyteIsRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("settings.json");
    Files.writeString(file, settingsWith("\"sourceName\": \"" + "x".repeat(1 << 20) + "\""));

    SettingsReport report = SettingsJson.check(file);

    assertThat(problemAt(report, "$").reason()).contains("at most 1048576 bytes (1 MiB)");
    assertThatThrownBy(() -> SettingsJson.load(file)).isInstanceOf(InvalidSettingsException.class);
  }

  @Test
  void fileThatIsNotUtf8IsRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("settings.json");
    byte[] latin1 = settingsWith("\"sourceName\": \"café\"").getBytes(StandardCharsets.ISO_8859_1);
    Files.write(file, latin1);

    assertThat(problemAt(SettingsJson.check(file), "$").reason()).contains("not UTF-8");
  }

  @Test
  void byteOrderMarkIsIgnored(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("settings.json");
    Files.writeString(file, "\uFEFF" + Fixtures.MINIMAL);

    assertThat(SettingsJson.load(file).account().subdomain()).isEqualTo("demo");
  }

  @Test
  void languageAndMessagesAreCheckedByPath_R_LANG() {
    SettingsReport report = SettingsJson.check(settingsWith("""
        "language": "de",
        "messages": {"ru": {"task-missed-call": 5, "deal-nam": "Звонок"}, "en": "x"}
        """));

    assertThat(problemAt(report, "language").reason()).contains("\"ru\", \"uk\" or \"en\"");
    assertThat(problemAt(report, "messages.ru.task-missed-call").reason())
        .startsWith("expected a string");
    assertThat(problemAt(report, "messages.en").reason()).startsWith("expected an object");
  }

  @Test
  void unknownMessageKeysAreReportedAtTheirPath_R_LANG() {
    SettingsReport report = SettingsJson.check(settingsWith("""
        "language": "uk",
        "messages": {"uk": {"deal-nam": "Дзвінок"}}
        """));

    assertThat(problemAt(report, "messages.uk.deal-nam").reason()).contains("unknown text key");
  }

  @Test
  void callFiltersAreCheckedByPath_R_FILTER() {
    SettingsReport report = SettingsJson.check(settingsWith("""
        "ignoreInternalCalls": "yes",
        "blockedNumbers": ["+7800", "8800"],
        "minTalkTime": {"inbound": "PT5S", "outbound": "soon", "internal": "1s"}
        """));

    assertThat(problemAt(report, "ignoreInternalCalls").reason()).startsWith("expected");
    assertThat(problemAt(report, "minTalkTime.outbound").reason()).contains("not a duration");
    assertThat(problemAt(report, "minTalkTime.internal")).isNotNull();
  }

  @Test
  void blockListEntriesNeedTheInternationalForm_R_FILTER() {
    SettingsReport report = SettingsJson.check(settingsWith("""
        "blockedNumbers": ["+7800", "8800"],
        "minTalkTime": {"inbound": "PT5S", "outbound": "3s"}
        """));

    assertThat(problemAt(report, "blockedNumbers[1]").reason())
        .contains("international form");
  }
}
