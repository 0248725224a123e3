package io.ringostat.amo.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.testing.Citations;
import io.ringostat.amo.core.testing.Covers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every requirement of SPEC §2–§3 is covered by behavioural tests: test methods ({@code @Test},
 * {@code @ParameterizedTest}, {@code @TestFactory}) that cite its id in a {@link Covers}
 * annotation or in their {@code @DisplayName}, read by reflection from the compiled test classes.
 * Comments, javadoc and strings elsewhere do not count, nor do the test classes that check
 * documentation, architecture or this harness ({@link #NOT_BEHAVIOURAL}). Example tests are the
 * {@code *Test} classes, property tests the {@code *Properties} classes.
 */
class RequirementCoverageTest {
  /** SPEC §2 (inputs) and §3 (decisions). */
  private static final List<String> INPUTS = List.of("R-IN-1", "R-IN-2", "R-IN-3");
  private static final List<String> DECISIONS = List.of("R-CLASS", "R-MATRIX", "R-V1", "R-V2",
      "R-UNS", "R-PIPE", "R-FIELDS", "R-PHONE");

  /** Docs-sync, architecture and harness checks: they cover no requirement. */
  private static final Set<String> NOT_BEHAVIOURAL = Set.of(
      "io.ringostat.amo.core.RequirementCoverageTest",
      "io.ringostat.amo.core.CoreArchitectureTest",
      "io.ringostat.amo.core.matrix.MatrixDocTest",
      "io.ringostat.amo.core.testing.PropertyTest",
      "io.ringostat.amo.core.testing.GeneratorsProperties");

  /** Per kind ("Test", "Properties"): per requirement, the test methods that cover it. */
  static Map<String, Map<String, List<String>>> coverage() {
    Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
    out.put("Test", new LinkedHashMap<>());
    out.put("Properties", new LinkedHashMap<>());
    for (Class<?> c : testClasses()) {
      String kind = c.getSimpleName().endsWith("Properties") ? "Properties"
          : c.getSimpleName().endsWith("Test") ? "Test" : null;
      if (kind == null || NOT_BEHAVIOURAL.contains(c.getName())) {
        continue;
      }
      for (Method m : c.getDeclaredMethods()) {
        if (!Citations.isTest(m)) {
          continue;
        }
        for (String id : ids(m)) {
          out.get(kind).computeIfAbsent(id, k -> new ArrayList<>())
              .add(c.getSimpleName() + "." + m.getName());
        }
      }
    }
    return out;
  }

  /** The ids a test method cites in {@code @Covers} and {@code @DisplayName}. */
  static Set<String> ids(Method m) {
    return Citations.ids(m);
  }

  private static List<Class<?>> testClasses() {
    Path root;
    try {
      root = Path.of(RequirementCoverageTest.class.getProtectionDomain().getCodeSource()
          .getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = root.relativize(f).toString().replace('/', '.').replace('\\', '.');
        name = name.substring(0, name.length() - ".class".length());
        if (name.contains("$") || !name.startsWith("io.ringostat.amo.core")) {
          continue;
        }
        out.add(Class.forName(name, false, RequirementCoverageTest.class.getClassLoader()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  @Test
  @DisplayName("every requirement of SPEC §2-§3 is covered by behavioural example tests, and every"
      + " decision rule of §3 also by property tests (@Covers or @DisplayName, by reflection)")
  void everyRequirementIsCovered() {
    Map<String, Map<String, List<String>>> coverage = coverage();
    StringBuilder table = new StringBuilder("requirement  examples  properties\n");
    List<String> missing = new ArrayList<>();
    for (String id : Stream.concat(INPUTS.stream(), DECISIONS.stream()).toList()) {
      int examples = coverage.get("Test").getOrDefault(id, List.of()).size();
      int properties = coverage.get("Properties").getOrDefault(id, List.of()).size();
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

  @Test
  @DisplayName("a comment or a string outside @Covers/@DisplayName cites nothing")
  void onlyAnnotationsCount() throws NoSuchMethodException {
    assertThat(ids(Fixture.class.getDeclaredMethod("commentOnly"))).isEmpty();
    assertThat(ids(Fixture.class.getDeclaredMethod("annotated")))
        .containsExactly("R-V1", "R-UNS", "R-IN-2");
  }

  /** Not run: methods whose citations the coverage reads. */
  static final class Fixture {
    /** R-V2 is cited in this comment only. */
    void commentOnly() {
      String name = "R-V2";
      assertThat(name).isNotEmpty();
    }

    @Covers("R-V1")
    @DisplayName("R-UNS and R-IN-2, not R-V1-like words such as R-V1x")
    void annotated() {}
  }
}
