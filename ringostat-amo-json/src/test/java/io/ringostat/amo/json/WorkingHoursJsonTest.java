package io.ringostat.amo.json;

import static io.ringostat.amo.json.Fixtures.paths;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.hours.Schedules;
import io.ringostat.amo.core.hours.WorkingHours;
import io.ringostat.amo.core.matrix.Assignee;
import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.matrix.Scenario;
import io.ringostat.amo.core.settings.IntegrationSettings;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R-HOURS in settings files: working hours, holidays, employees' hours, the night cells. */
class WorkingHoursJsonTest {
  private static final String BASE = """
        "account": {"subdomain": "demo", "timeZone": "Europe/Kyiv"},
        "employees": [{"code": "101", "name": "Olena", "amoUserId": 504141, "sipLogins": ["olena"]}],
        "seniorManager": {"amoUserId": 504140},
      """;

  @Test
  @DisplayName("R-HOURS a week, holidays, an employee's own hours and a night cell read back"
      + " equal")
  void readsAndWrites() {
    IntegrationSettings s = SettingsJson.parse("{" + BASE + """
          "matrix": {"basedOn": "RECOMMENDED", "outsideHours": {
            "INBOUND_MISSED_EXISTING": {"task": {"assignee": "SENIOR_MANAGER",
              "template": "missed-call"}}}},
          "workingHours": {
            "week": {"WEEKDAYS": ["09:00-13:00", "14:00-18:00"], "SATURDAY": ["10:00-14:00"]},
            "holidays": ["2026-01-01", "2026-01-07"],
            "employees": {"504141": {"week": {"WEEKDAYS": ["12:00-20:00"]}}}
          }
        }
        """);
    WorkingHours office = s.schedules().orElseThrow().account();
    assertThat(office.zone()).isEqualTo(ZoneId.of("Europe/Kyiv"));
    assertThat(office.week().get(DayOfWeek.MONDAY)).hasSize(2);
    assertThat(office.week().get(DayOfWeek.SATURDAY)).hasSize(1);
    assertThat(office.week().get(DayOfWeek.SUNDAY)).isEmpty();
    assertThat(office.holidays()).contains(LocalDate.of(2026, 1, 7));
    assertThat(s.schedules().get().forUser(504141).week().get(DayOfWeek.FRIDAY).get(0)
        .toString()).isEqualTo("12:00-20:00");
    assertThat(s.matrix().outsideHours().get(Scenario.INBOUND_MISSED_EXISTING).task()
        .orElseThrow().assignee()).isEqualTo(Assignee.SENIOR_MANAGER);
    // the night cell starts from the ordinary one: it still records the call
    assertThat(s.matrix().outsideHours().get(Scenario.INBOUND_MISSED_EXISTING).recordCall())
        .isEqualTo(s.matrix().cell(Scenario.INBOUND_MISSED_EXISTING).recordCall());
    assertThat(SettingsJson.parse(SettingsJson.write(s))).isEqualTo(s);
  }

  @Test
  @DisplayName("R-HOURS the night-queue preset written and read back is the same matrix")
  void nightQueueRoundTrip() {
    IntegrationSettings s = SettingsJson.parse("{" + BASE + """
          "workingHours": {"week": {"WEEKDAYS": ["09:00-18:00"]}}
        }
        """);
    IntegrationSettings night = IntegrationSettings.builder().from(s)
        .matrix(MatrixPresets.withNightQueue(MatrixPresets.RECOMMENDED))
        .workingHours(Schedules.of(WorkingHours.builder(ZoneId.of("Europe/Kyiv"))
            .weekdays("09:00-18:00").holiday(LocalDate.of(2026, 8, 24)).build()))
        .build();
    assertThat(SettingsJson.parse(SettingsJson.write(night))).isEqualTo(night);
  }

  @Test
  @DisplayName("R-HOURS every problem of working hours is listed by path")
  void problems() {
    SettingsReport report = SettingsJson.check("{" + BASE + """
          "matrix": {"basedOn": "RECOMMENDED", "outsideHours": {"INBOUND_MISSED": {}}},
          "workingHours": {
            "week": {"MONDAY": ["09:00-18:00", "17:00-19:00"], "TUESDAY": ["18:00-09:00"],
              "WEDNESDAY": ["9-18"], "FUNDAY": []},
            "holidays": ["2026-02-30", "24.08.2026"],
            "employees": {"olena": {"week": {}}, "504141": {}}
          }
        }
        """);
    assertThat(paths(report.problems())).containsExactlyInAnyOrder(
        "matrix.outsideHours.INBOUND_MISSED",
        "workingHours.week.WEDNESDAY[0]",
        "workingHours.week.FUNDAY",
        "workingHours.holidays[0]",
        "workingHours.holidays[1]",
        "workingHours.employees.olena",
        "workingHours.employees.olena.week",
        "workingHours.employees.504141.week");
  }

  @Test
  @DisplayName("R-HOURS overlapping and inverted intervals are listed by day and index")
  void scheduleProblems() {
    SettingsReport report = SettingsJson.check("{" + BASE + """
          "workingHours": {
            "week": {"MONDAY": ["09:00-18:00", "17:00-19:00"], "TUESDAY": ["18:00-09:00"]},
            "employees": {"504999": {"week": {"SUNDAY": ["10:00-12:00"]}}}
          }
        }
        """);
    assertThat(paths(report.problems())).containsExactlyInAnyOrder(
        "workingHours.week.MONDAY[1]", "workingHours.week.TUESDAY[0]");
    SettingsReport unknownEmployee = SettingsJson.check("{" + BASE + """
          "workingHours": {
            "week": {"MONDAY": ["09:00-18:00"]},
            "employees": {"504999": {"week": {"SUNDAY": ["10:00-12:00"]}}}
          }
        }
        """);
    assertThat(paths(unknownEmployee.problems())).containsExactly("workingHours.employees.504999");
  }
}
