package io.ringostat.amo.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every requirement of SPEC §2–§3 is covered by tests that cite its id in their name: the example
 * tests ({@code *Test}) and the property tests ({@code *Properties}) of this module.
 */
class RequirementCoverageTest {
  /** SPEC §2 (inputs) and §3 (decisions). */
  private static final List<String> INPUTS = List.of("R-IN-1", "R-IN-2", "R-IN-3");
  private static final List<String> DECISIONS = List.of("R-CLASS", "R-MATRIX", "R-V1", "R-V2",
      "R-UNS", "R-PIPE", "R-FIELDS", "R-PHONE");

  /** The first string of a test's name: @DisplayName("..."), .test("..."), name = "...". */
  private static final Pattern NAME =
      Pattern.compile("(?:@DisplayName\\(|\\.test(?:That)?\\(|name = )\\s*\"([^\"]*)\"");

  private static Map<String, List<String>> namesByKind() {
    Path root = Path.of(System.getProperty("user.dir"), "src", "test", "java");
    Map<String, List<String>> out = new LinkedHashMap<>();
    out.put("Test", new ArrayList<>());
    out.put("Properties", new ArrayList<>());
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String file = f.getFileName().toString();
        String kind = file.endsWith("Properties.java") ? "Properties"
            : file.endsWith("Test.java") ? "Test" : null;
        if (kind == null) {
          continue;
        }
        Matcher m = NAME.matcher(Files.readString(f, StandardCharsets.UTF_8));
        while (m.find()) {
          out.get(kind).add(m.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static long citing(List<String> names, String id) {
    Pattern cited = Pattern.compile("(^|\\s)" + Pattern.quote(id) + "(\\s|$)");
    return names.stream().filter(n -> cited.matcher(n).find()).count();
  }

  @Test
  @DisplayName("every requirement of SPEC §2-§3 is cited by example tests, and every decision"
      + " rule of §3 also by property tests")
  void everyRequirementIsCovered() {
    Map<String, List<String>> names = namesByKind();
    StringBuilder table = new StringBuilder("requirement  examples  properties\n");
    List<String> missing = new ArrayList<>();
    for (String id : Stream.concat(INPUTS.stream(), DECISIONS.stream()).toList()) {
      long examples = citing(names.get("Test"), id);
      long properties = citing(names.get("Properties"), id);
      table.append(String.format("%-12s %8d  %10d%n", id, examples, properties));
      if (examples == 0) {
        missing.add(id + " has no example test");
      }
      if (DECISIONS.contains(id) && properties == 0) {
        missing.add(id + " has no property test");
      }
    }
    System.out.print(table);
    assertThat(missing).as("requirements without tests%n%s", table).isEmpty();
  }
}
