package io.ringostat.amo.json;

import static io.ringostat.amo.json.Fixtures.paths;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.settings.CallCondition;
import io.ringostat.amo.core.settings.CallCondition.Operator;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.PipelineRule;
import io.ringostat.amo.core.settings.PipelineTarget;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R-PIPE condition groups in settings files, next to the older one-condition form. */
class PipelineGroupsJsonTest {
  private static final String BASE = """
        "account": {"subdomain": "demo"},
        "seniorManager": {"amoUserId": 504140},
      """;

  @Test
  @DisplayName("R-PIPE the old form and a condition group read, and write back as they were")
  void bothForms() {
    String json = "{" + BASE + """
          "pipelineRules": [
            {"pipelineId": 1, "parameter": "pool", "value": "Context ads"},
            {"pipelineId": 2, "statusId": 21, "when": [
              {"parameter": "utm_source", "equals": "google"},
              {"parameter": "utm_campaign", "prefix": "spring-"},
              {"parameter": "landing_page", "contains": "/promo"},
              {"parameter": "roistat_visit_id", "matches": "^\\\\d{4}$"}
            ]}
          ]
        }
        """;
    IntegrationSettings s = SettingsJson.parse(json);
    assertThat(s.pipelineRules()).containsExactly(
        new PipelineRule(PipelineTarget.of(1), "pool", "Context ads"),
        new PipelineRule(PipelineTarget.of(2, 21), List.of(
            new CallCondition("utm_source", Operator.EQUALS, "google"),
            new CallCondition("utm_campaign", Operator.PREFIX, "spring-"),
            new CallCondition("landing_page", Operator.CONTAINS, "/promo"),
            new CallCondition("roistat_visit_id", Operator.MATCHES, "^\\d{4}$"))));
    String written = SettingsJson.write(s);
    assertThat(written).contains("\"parameter\": \"pool\"", "\"value\": \"Context ads\"",
        "\"prefix\": \"spring-\"");
    assertThat(SettingsJson.parse(written)).isEqualTo(s);
  }

  @Test
  @DisplayName("R-PIPE every problem of a condition group is listed by path")
  void problems() {
    SettingsReport report = SettingsJson.check("{" + BASE + """
          "pipelineRules": [
            {"pipelineId": 1, "when": []},
            {"pipelineId": 2, "parameter": "pool", "value": "x", "when": [
              {"parameter": "pool", "equals": "x"}]},
            {"pipelineId": 3, "when": [
              {"parameter": "pool"},
              {"parameter": "pool", "equals": "a", "prefix": "b"},
              {"equals": "a"},
              {"parameter": "utm_campaign", "matches": "(a+)+$"},
              {"parameter": "utm_campaign", "matches": "[unclosed"},
              {"parameter": "utm_campaign", "like": "x"}
            ]},
            {"pipelineId": 4, "when": [{"parameter": "pool", "equals": " "}]}
          ]
        }
        """);
    assertThat(paths(report.problems())).containsExactlyInAnyOrder(
        "pipelineRules[0].when",
        "pipelineRules[1]",
        "pipelineRules[2].when[0]",
        "pipelineRules[2].when[1]",
        "pipelineRules[2].when[2].parameter",
        "pipelineRules[2].when[3].matches",
        "pipelineRules[2].when[4].matches",
        "pipelineRules[2].when[5].like",
        "pipelineRules[2].when[5]");
    SettingsReport blank = SettingsJson.check("{" + BASE + """
          "pipelineRules": [
            {"pipelineId": 4, "when": [{"parameter": "pool", "equals": " "},
              {"parameter": "pool", "contains": "x"}]}
          ]
        }
        """);
    assertThat(paths(blank.problems())).containsExactly("pipelineRules[0].when[0].equals");
  }
}
