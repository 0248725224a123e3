package io.ringostat.amo.core.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.model.CallDirection;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The matrix is a plain value: one cell per scenario, presets users copy and change (R-MATRIX). */
class DecisionMatrixTest {

  @Test
  @DisplayName("R-CLASS there are eight scenarios: direction x answered/missed x new/existing")
  void scenarios() {
    assertThat(Scenario.values()).hasSize(8);
    for (CallDirection d : CallDirection.values()) {
      for (boolean answered : new boolean[] {true, false}) {
        for (boolean existing : new boolean[] {true, false}) {
          Scenario s = Scenario.of(d, answered, existing);
          assertThat(s.direction()).isEqualTo(d);
          assertThat(s.answered()).isEqualTo(answered);
          assertThat(s.existingClient()).isEqualTo(existing);
        }
      }
    }
    assertThat(Scenario.OUTBOUND_MISSED_NEW.describe())
        .isEqualTo("outbound missed call, new client");
  }

  @ParameterizedTest(name = "R-MATRIX preset {0} has a cell for every scenario")
  @EnumSource(value = Scenario.class)
  void presetsAreComplete(Scenario s) {
    for (DecisionMatrix m : MatrixPresets.ALL) {
      assertThat(m.cell(s)).as("%s %s", m.name(), s).isNotNull();
    }
  }

  @Test
  @DisplayName("R-MATRIX presets are found by name, case-insensitively")
  void presetsByName() {
    assertThat(MatrixPresets.byName("recommended")).contains(MatrixPresets.RECOMMENDED);
    assertThat(MatrixPresets.byName("Update_Only")).contains(MatrixPresets.UPDATE_ONLY);
    assertThat(MatrixPresets.byName("UNSORTED")).contains(MatrixPresets.UNSORTED);
    assertThat(MatrixPresets.byName("v3")).isEmpty();
  }

  @Test
  @DisplayName("R-MATRIX a preset is copied and changed with withCell; the preset stays as it was")
  void copyAndChange() {
    MatrixCell before = MatrixPresets.RECOMMENDED.cell(Scenario.OUTBOUND_MISSED_NEW);
    DecisionMatrix mine = MatrixPresets.RECOMMENDED.withName("mine")
        .withCell(Scenario.OUTBOUND_MISSED_NEW, MatrixCell.NOTHING
            .withTask(Optional.of(new TaskRule(Assignee.ANSWERING_EMPLOYEE,
                MatrixPresets.MISSED_CALL_TASK))));
    assertThat(mine.name()).isEqualTo("mine");
    assertThat(mine.cell(Scenario.OUTBOUND_MISSED_NEW).description())
        .isEqualTo("task 'missed-call' for ANSWERING_EMPLOYEE");
    assertThat(MatrixPresets.RECOMMENDED.cell(Scenario.OUTBOUND_MISSED_NEW)).isEqualTo(before);
    for (Scenario s : Scenario.values()) {
      if (s != Scenario.OUTBOUND_MISSED_NEW) {
        assertThat(mine.cell(s)).isEqualTo(MatrixPresets.RECOMMENDED.cell(s));
      }
    }
    assertThat(mine.unknownEndpointTask()).isEqualTo(MatrixPresets.RECOMMENDED.unknownEndpointTask());
  }

  @Test
  @DisplayName("R-MATRIX a matrix missing a scenario is refused")
  void missingCell() {
    assertThatThrownBy(() -> DecisionMatrix.builder().name("x")
        .putCell(Scenario.INBOUND_ANSWERED_NEW, MatrixCell.NOTHING).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("matrix.cells: no cell for [INBOUND_ANSWERED_EXISTING");
  }

  @ParameterizedTest(name = "R-UNS R-MATRIX unsorted requests are refused in {0}")
  @EnumSource(value = Scenario.class, names = {"INBOUND_ANSWERED_EXISTING",
      "INBOUND_MISSED_EXISTING", "OUTBOUND_ANSWERED_NEW", "OUTBOUND_ANSWERED_EXISTING",
      "OUTBOUND_MISSED_NEW", "OUTBOUND_MISSED_EXISTING"})
  void unsortedOnlyForInboundNewClients(Scenario s) {
    assertThatThrownBy(() -> MatrixPresets.UNSORTED
        .withCell(s, MatrixCell.NOTHING.withCreateUnsorted(true)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("matrix.cells." + s + ".createUnsorted: unsorted requests are only for"
            + " inbound calls from new clients");
  }

  @Test
  @DisplayName("R-MATRIX a cell describes itself in one line")
  void descriptions() {
    assertThat(MatrixPresets.RECOMMENDED.cell(Scenario.INBOUND_ANSWERED_NEW).description())
        .isEqualTo("create contact + deal if none open on answer (assign ANSWERING_EMPLOYEE);"
            + " record call → DEAL_ELSE_CONTACT");
    assertThat(MatrixPresets.UPDATE_ONLY.cell(Scenario.INBOUND_MISSED_NEW).description())
        .isEqualTo("record call → DEAL_ELSE_CONTACT; update tracking fields");
    assertThat(MatrixCell.NOTHING.description()).isEqualTo("nothing");
    assertThat(MatrixCell.NOTHING.creates()).isFalse();
  }

  @Test
  @DisplayName("R-V2 the update-only preset creates nothing in any scenario")
  void updateOnlyCreatesNothing() {
    for (Scenario s : Scenario.values()) {
      assertThat(MatrixPresets.UPDATE_ONLY.cell(s).creates()).as("%s", s).isFalse();
    }
  }

  @Test
  @DisplayName("R-MATRIX task rules need a template")
  void taskRules() {
    assertThatThrownBy(() -> new TaskRule(Assignee.RESPONSIBLE, " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("template:");
    assertThat(new TaskRule(Assignee.RESPONSIBLE, "missed-call"))
        .hasToString("task 'missed-call' for RESPONSIBLE");
  }
}
