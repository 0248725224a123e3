package io.ringostat.amo.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.json.internal.EventReader;
import io.ringostat.amo.json.internal.MatrixReader;
import io.ringostat.amo.json.internal.SettingsReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The documentation's examples are real: they load, and they match the example files. */
class DocsExamplesTest {
  private static final Pattern JSON_BLOCK = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL);
  private static final Pattern TEXT_BLOCK = Pattern.compile("```text\n(.*?)```", Pattern.DOTALL);

  private static final Path DEMO = Fixtures.repoFile("examples/src/main/resources/demo/settings.json");

  @Test
  void settingsDocExampleIsIdenticalToTheDemoFile_R_IN_3() throws Exception {
    List<String> blocks = blocks(JSON_BLOCK, Fixtures.repoFile("docs/settings.md"));

    assertThat(blocks).hasSize(1);
    assertThat(blocks.get(0)).isEqualTo(Files.readString(DEMO));
  }

  @Test
  void demoFileLoadsWithoutAnyProblem_R_IN_3() throws Exception {
    SettingsReport report = SettingsJson.check(DEMO);

    assertThat(report.problems()).isEmpty();
    IntegrationSettings demo = report.orElseThrow();
    assertThat(demo.account().host()).isEqualTo("demo.amocrm.ru");
    assertThat(demo.employees()).hasSize(4);
    assertThat(demo.seniorManagerUserId()).isEqualTo(504140);
    assertThat(demo.directory().byAmoUser(504140).orElseThrow().name()).isEqualTo("Iryna (senior)");
    assertThat(demo.pipelines()).extracting(p -> p.name()).containsExactly("Sales", "Context ads");
    assertThat(demo.pipelineRules()).singleElement()
        .satisfies(r -> assertThat(r.target().pipelineId()).isEqualTo(3383153));
  }

  @Test
  void settingsDocDocumentsEveryKey() throws Exception {
    String doc = Files.readString(Fixtures.repoFile("docs/settings.md"));

    Stream.of(SettingsReader.ROOT_KEYS, MatrixReader.MATRIX_KEYS, MatrixReader.CELL_KEYS)
        .flatMap(List::stream)
        .forEach(key -> assertThat(doc).as(key).contains("| `" + key + "` |"));
  }

  @Test
  void everyEventLineInTheEventsDocReads_R_IN_1() throws Exception {
    List<String> lines = blocks(JSON_BLOCK, Fixtures.repoFile("docs/events.md")).stream()
        .flatMap(String::lines).toList();

    assertThat(lines).hasSizeGreaterThanOrEqualTo(10);
    for (String line : lines) {
      CallEvent e = CallEventJson.read(line);
      assertThat(CallEventJson.read(CallEventJson.write(e))).isEqualTo(e);
    }
  }

  @Test
  void theEventsDocsMalformedExampleHasTheProblemsItShows() throws Exception {
    String bad = blocks(TEXT_BLOCK, Fixtures.repoFile("docs/events.md")).get(0).strip();

    assertThatThrownBy(() -> CallEventJson.read(bad))
        .isInstanceOfSatisfying(InvalidEventException.class, e ->
            assertThat(e.problems()).extracting(InvalidEventException.Problem::path)
                .containsExactly("direction", "started_at", "tracking.roistat_visit_id",
                    "disposition"))
        .hasMessageStartingWith("invalid call event 'c-2001', 4 problem(s): direction: 'IN' is not"
            + " one of INBOUND, OUTBOUND; started_at: too large for epoch seconds");
  }

  @Test
  void eventsDocDocumentsEveryKey() throws Exception {
    String doc = Files.readString(Fixtures.repoFile("docs/events.md"));

    Stream.of(EventReader.KEYS, EventReader.TRACKING_KEYS).flatMap(List::stream)
        .forEach(key -> assertThat(doc).as(key).contains("`" + key + "`"));
  }

  private static List<String> blocks(Pattern fence, Path file) throws Exception {
    Matcher m = fence.matcher(Files.readString(file));
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
