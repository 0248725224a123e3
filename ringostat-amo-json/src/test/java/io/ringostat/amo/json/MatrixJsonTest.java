package io.ringostat.amo.json;

import static io.ringostat.amo.json.Fixtures.paths;
import static io.ringostat.amo.json.Fixtures.problemAt;
import static io.ringostat.amo.json.Fixtures.settingsWith;
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
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** R-MATRIX: the matrix as a preset name or a copy-and-change object. */
class MatrixJsonTest {

  private static DecisionMatrix matrix(String json) {
    return SettingsJson.parse(settingsWith("\"matrix\": " + json)).matrix();
  }

  @ParameterizedTest
  @ValueSource(strings = {"RECOMMENDED", "UPDATE_ONLY", "UNSORTED", "unsorted"})
  void presetNameSelectsThePreset_R_V1_R_V2_R_UNS(String name) {
    assertThat(matrix("\"" + name + "\"")).isSameAs(MatrixPresets.byName(name).orElseThrow());
  }

  @Test
  void withoutMatrixKeyTheRecommendedPresetApplies_R_V1() {
    assertThat(SettingsJson.parse(Fixtures.MINIMAL).matrix()).isEqualTo(MatrixPresets.RECOMMENDED);
  }

  @Test
  void unknownPresetListsThePresets() {
    SettingsReport report = SettingsJson.check(settingsWith("\"matrix\": \"VARIANT_1\""));

    assertThat(problemAt(report, "matrix").reason())
        .startsWith("'VARIANT_1' is not a preset; use one of RECOMMENDED, UPDATE_ONLY, UNSORTED");
  }

  @Test
  void partialCellOverrideKeepsTheBaseCellsOtherKeys_R_MATRIX() {
    DecisionMatrix m = matrix("""
        {"basedOn": "RECOMMENDED", "name": "my-matrix",
         "cells": {"INBOUND_ANSWERED_EXISTING": {"deal": "IF_NO_OPEN_DEAL", "createOn": "ON_END"}}}
        """);

    MatrixCell base = MatrixPresets.RECOMMENDED.cell(Scenario.INBOUND_ANSWERED_EXISTING);
    assertThat(m.name()).isEqualTo("my-matrix");
    assertThat(m.cell(Scenario.INBOUND_ANSWERED_EXISTING))
        .isEqualTo(base.withDeal(DealPolicy.IF_NO_OPEN_DEAL).withCreateOn(Timing.ON_END));
    assertThat(m.cell(Scenario.INBOUND_ANSWERED_EXISTING).recordCall())
        .isEqualTo(RecordTarget.DEAL_ELSE_CONTACT);
    for (Scenario s : Scenario.values()) {
      if (s != Scenario.INBOUND_ANSWERED_EXISTING) {
        assertThat(m.cell(s)).as(s.name()).isEqualTo(MatrixPresets.RECOMMENDED.cell(s));
      }
    }
    assertThat(m.unknownEndpointTask()).isEqualTo(MatrixPresets.RECOMMENDED.unknownEndpointTask());
  }

  @Test
  void nullTaskRemovesTheCellsTaskAndKeepsTheRest_R_MATRIX() {
    DecisionMatrix m = matrix("""
        {"basedOn": "RECOMMENDED", "cells": {"INBOUND_MISSED_NEW": {"task": null}}}
        """);

    MatrixCell base = MatrixPresets.RECOMMENDED.cell(Scenario.INBOUND_MISSED_NEW);
    assertThat(base.task()).isPresent();
    assertThat(m.cell(Scenario.INBOUND_MISSED_NEW))
        .isEqualTo(base.withTask(java.util.Optional.empty()));
  }

  @Test
  void taskObjectReplacesTheCellsTask() {
    DecisionMatrix m = matrix("""
        {"basedOn": "RECOMMENDED", "cells": {"INBOUND_MISSED_EXISTING":
           {"task": {"assignee": "senior_manager", "template": "missed-call"}}}}
        """);

    assertThat(m.cell(Scenario.INBOUND_MISSED_EXISTING).task())
        .contains(new TaskRule(Assignee.SENIOR_MANAGER, "missed-call"));
  }

  @Test
  void unknownEndpointTaskNullRemovesItAndAbsentKeepsTheBases() {
    DecisionMatrix removed = matrix("{\"basedOn\": \"RECOMMENDED\", \"unknownEndpointTask\": null}");
    DecisionMatrix kept = matrix("{\"basedOn\": \"RECOMMENDED\"}");
    DecisionMatrix replaced = matrix("{\"basedOn\": \"UNSORTED\", \"unknownEndpointTask\":"
        + " {\"assignee\": \"RESPONSIBLE\", \"template\": \"unknown-endpoint\"}}");

    assertThat(removed.unknownEndpointTask()).isEmpty();
    assertThat(kept.unknownEndpointTask()).isEqualTo(MatrixPresets.RECOMMENDED.unknownEndpointTask());
    assertThat(kept.name()).isEqualTo("custom");
    assertThat(replaced.unknownEndpointTask())
        .contains(new TaskRule(Assignee.RESPONSIBLE, "unknown-endpoint"));
  }

  @Test
  void completeCallbackTasksComesFromTheBaseAndCanBeChanged_R_LIFE() {
    assertThat(matrix("{\"basedOn\": \"RECOMMENDED\"}").completeCallbackTasks()).isTrue();
    assertThat(matrix("{\"basedOn\": \"UPDATE_ONLY\"}").completeCallbackTasks()).isFalse();
    DecisionMatrix off = matrix("{\"basedOn\": \"RECOMMENDED\", \"completeCallbackTasks\": false}");
    DecisionMatrix on = matrix("{\"basedOn\": \"UNSORTED\", \"completeCallbackTasks\": true}");

    assertThat(off.completeCallbackTasks()).isFalse();
    assertThat(on.completeCallbackTasks()).isTrue();
  }

  @Test
  void withoutBasedOnEveryScenarioNeedsACell_R_MATRIX() {
    SettingsReport report = SettingsJson.check(settingsWith("""
        "matrix": {"cells": {"INBOUND_ANSWERED_NEW": {"createContact": true},
                             "INBOUND_MISSED_NEW": {}}}
        """));

    assertThat(paths(report.problems())).containsExactly("matrix.cells");
    assertThat(problemAt(report, "matrix.cells").reason())
        .contains("missing INBOUND_ANSWERED_EXISTING, INBOUND_MISSED_EXISTING, OUTBOUND_ANSWERED_NEW")
        .contains("add \"basedOn\": \"RECOMMENDED\"");
  }

  @Test
  void withoutBasedOnOrCellsTheMatrixIsIncomplete() {
    SettingsReport report = SettingsJson.check(settingsWith("\"matrix\": {\"name\": \"x\"}"));

    assertThat(problemAt(report, "matrix.cells").reason()).contains("every scenario needs a cell");
  }

  @Test
  void withoutBasedOnKeysACellLeavesOutTakeTheCellDefaults() {
    String cells = Arrays.stream(Scenario.values())
        .map(s -> "\"" + s + "\": " + (s == Scenario.INBOUND_ANSWERED_NEW
            ? "{\"createContact\": true, \"recordCall\": \"CONTACT\"}" : "{}"))
        .collect(Collectors.joining(", "));

    DecisionMatrix m = matrix("{\"name\": \"minimal\", \"cells\": {" + cells + "}}");

    assertThat(m.cell(Scenario.INBOUND_ANSWERED_NEW)).isEqualTo(
        MatrixCell.builder().createContact(true).recordCall(RecordTarget.CONTACT).build());
    assertThat(m.cell(Scenario.OUTBOUND_MISSED_EXISTING)).isEqualTo(MatrixCell.NOTHING);
    assertThat(m.unknownEndpointTask()).isEmpty();
  }

  @Test
  void unsortedRequestsOnlyForInboundNewClients_R_UNS() {
    SettingsReport report = SettingsJson.check(settingsWith("""
        "matrix": {"basedOn": "UNSORTED",
                   "cells": {"OUTBOUND_ANSWERED_NEW": {"createUnsorted": true},
                             "INBOUND_ANSWERED_EXISTING": {"createUnsorted": true}}}
        """));

    assertThat(paths(report.problems())).containsExactlyInAnyOrder(
        "matrix.cells.OUTBOUND_ANSWERED_NEW.createUnsorted",
        "matrix.cells.INBOUND_ANSWERED_EXISTING.createUnsorted");
  }

  @Test
  void unknownScenarioAndCellKeysListTheAllowedOnes() {
    SettingsReport report = SettingsJson.check(settingsWith("""
        "matrix": {"basedOn": "RECOMMENDED", "cells": {
           "INBOUND_ANSWERED": {},
           "INBOUND_MISSED_NEW": {"createDeal": true, "recordCall": "EVERYWHERE",
                                  "task": {"assignee": "RESPONSIBLE"}}}}
        """));

    assertThat(paths(report.problems())).containsExactlyInAnyOrder(
        "matrix.cells.INBOUND_ANSWERED",
        "matrix.cells.INBOUND_MISSED_NEW.createDeal",
        "matrix.cells.INBOUND_MISSED_NEW.recordCall",
        "matrix.cells.INBOUND_MISSED_NEW.task.template");
    assertThat(problemAt(report, "matrix.cells.INBOUND_ANSWERED").reason())
        .contains("allowed keys: INBOUND_ANSWERED_NEW, INBOUND_ANSWERED_EXISTING");
    assertThat(problemAt(report, "matrix.cells.INBOUND_MISSED_NEW.createDeal").reason())
        .contains("allowed keys: createContact, deal, createUnsorted, createOn, recordCall, task,"
            + " assignee, updateTracking");
    assertThat(problemAt(report, "matrix.cells.INBOUND_MISSED_NEW.recordCall").reason())
        .contains("is not one of NONE, CONTACT, DEAL, BOTH, DEAL_ELSE_CONTACT");
  }

  @Test
  void taskNamingAnUnknownTemplateIsReportedByTheCoreValidator() {
    SettingsReport report = SettingsJson.check(settingsWith("""
        "matrix": {"basedOn": "RECOMMENDED", "unknownEndpointTask":
                   {"assignee": "SENIOR_MANAGER", "template": "check-sip"}}
        """));

    assertThat(problemAt(report, "matrix.unknownEndpointTask.template").reason())
        .contains("no task template named 'check-sip'");
  }

  @Test
  void matrixOfWrongTypeSaysWhatIsAccepted() {
    SettingsReport report = SettingsJson.check(settingsWith("\"matrix\": 1"));

    assertThat(problemAt(report, "matrix").reason())
        .startsWith("expected a preset name (RECOMMENDED, UPDATE_ONLY, UNSORTED) or a matrix object");
  }
}
