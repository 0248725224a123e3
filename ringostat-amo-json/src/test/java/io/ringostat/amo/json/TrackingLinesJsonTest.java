package io.ringostat.amo.json;

import static io.ringostat.amo.json.Fixtures.paths;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.TrackingLine;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R-FILTER tracking lines in settings files: ignored lines and lines with their own matrix. */
class TrackingLinesJsonTest {
  private static final String BASE = """
        "account": {"subdomain": "demo"},
        "seniorManager": {"amoUserId": 504140},
      """;

  @Test
  @DisplayName("R-FILTER an ignored line and a support line with its own matrix read back equal")
  void readsAndWrites() {
    IntegrationSettings s = SettingsJson.parse("{" + BASE + """
          "trackingLines": [
            {"name": "test bench", "numbers": ["+380 44 000 00 01"], "ignore": true},
            {"name": "support", "numbers": ["+380443334455"], "trunks": ["support-trunk"],
             "matrix": "UPDATE_ONLY"}
          ]
        }
        """);
    assertThat(s.trackingLines()).containsExactly(
        TrackingLine.ignored("test bench", java.util.List.of("+380 44 000 00 01"),
            java.util.List.of()),
        TrackingLine.withMatrix("support", java.util.List.of("+380443334455"),
            java.util.List.of("support-trunk"), MatrixPresets.UPDATE_ONLY));
    assertThat(SettingsJson.parse(SettingsJson.write(s))).isEqualTo(s);
  }

  @Test
  @DisplayName("R-FILTER every problem of a tracking line is listed by path")
  void problems() {
    SettingsReport report = SettingsJson.check("{" + BASE + """
          "trackingLines": [
            {"name": "a", "numbers": ["+380443334455"]},
            {"name": "b", "numbers": ["+380443334455"], "ignore": true, "matrix": "UPDATE_ONLY"},
            {"name": "c", "trunks": ["x"], "matrix": "NIGHTLY"},
            {"name": " ", "numbers": [5], "ignore": true, "colour": "red"}
          ]
        }
        """);
    assertThat(paths(report.problems())).containsExactlyInAnyOrder(
        "trackingLines[0]", "trackingLines[1]", "trackingLines[2].matrix",
        "trackingLines[3].name", "trackingLines[3].numbers[0]", "trackingLines[3].colour");
    SettingsReport meaning = SettingsJson.check("{" + BASE + """
          "trackingLines": [
            {"name": "a", "numbers": ["not a phone"], "ignore": true},
            {"name": "b", "ignore": true}
          ]
        }
        """);
    assertThat(paths(meaning.problems())).containsExactlyInAnyOrder(
        "trackingLines[0].numbers[0]", "trackingLines[1]");
  }
}
