package io.ringostat.amo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.json.CallEventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The calls files and the docs that quote them agree. */
class DocsTest {
  private static final Path DEMO = Path.of("src/main/resources/demo");

  @Test
  void everyBundledLineIsAValidEvent() throws IOException {
    for (String name : List.of("day.jsonl", "unsorted.jsonl", "update-only.jsonl")) {
      List<CallsFile.Line> lines = CallsFile.read(DEMO.resolve(name));
      assertThat(lines).as(name).isNotEmpty()
          .allSatisfy(l -> assertThat(l.error()).as(name + " line " + l.number()).isEmpty());
    }
  }

  @Test
  void theScenarioExamplesOfEventsMdAreLinesOfTheBundledDay() throws IOException {
    List<String> bundled = new ArrayList<>();
    for (String name : List.of("day.jsonl", "unsorted.jsonl", "update-only.jsonl")) {
      bundled.addAll(Files.readAllLines(DEMO.resolve(name), StandardCharsets.UTF_8));
    }
    String doc = Files.readString(Path.of("../docs/events.md"), StandardCharsets.UTF_8);
    String section = doc.substring(doc.indexOf("## Every scenario"),
        doc.indexOf("## Malformed lines"));
    List<String> quoted = section.lines().filter(l -> l.startsWith("{\"call_id\"")).toList();

    assertThat(quoted).hasSizeGreaterThan(15);
    for (String line : quoted) {
      CallEventJson.read(line);
      assertThat(bundled).as("docs/events.md quotes a line the bundled files lack").contains(line);
    }
  }
}
