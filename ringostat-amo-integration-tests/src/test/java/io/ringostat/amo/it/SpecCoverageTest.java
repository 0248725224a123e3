package io.ringostat.amo.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.testing.Citations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every requirement of SPEC (§2–§5b) is checked by behavioural example tests: test methods that
 * cite its id in {@code @Covers} or their {@code @DisplayName}, read by reflection from the test
 * classes this suite sees — its own and those of the core, engine, OkHttp and Asterisk test jars.
 * Comments and strings do not count, nor do architecture, documentation-sync or coverage checks.
 * (The core's {@code RequirementCoverageTest} also asks for property tests of each §3 rule.)
 */
class SpecCoverageTest {
  /** Every requirement id of SPEC.md, in its order. */
  static final List<String> REQUIREMENTS = List.of(
      "R-IN-1", "R-IN-2", "R-IN-3",
      "R-CLASS", "R-MATRIX", "R-V1", "R-V2", "R-UNS", "R-PIPE", "R-FIELDS", "R-PHONE",
      "R-ROUTE", "R-CARD",
      "R-KEEP", "R-ONCE", "R-LIMITS", "R-OBS",
      "R-LIFE", "R-LANG", "R-HOURS", "R-FILTER", "R-PAUSE", "R-BATCH", "R-FLEET", "R-SOURCES");

  /** Checks of architecture, documents and coverage: they cover no requirement. */
  static final Set<String> NOT_BEHAVIOURAL = Set.of(
      "SpecCoverageTest", "ArchitectureTest", "RequirementCoverageTest", "CoreArchitectureTest",
      "MatrixDocTest", "PropertyTest", "GeneratorsProperties");

  @Test
  @DisplayName("every SPEC requirement is checked by behavioural example tests across the"
      + " modules (@Covers or @DisplayName, by reflection)")
  void everyRequirementHasExampleTests() {
    Map<String, List<String>> coverage = new TreeMap<>();
    List<Class<?>> classes = testClasses();
    assertThat(classes).as("test classes of every module this suite sees")
        .extracting(Class::getSimpleName)
        .contains("FaultSoakTest", "RecommendedMatrixTest",
            "IntegrationEngineTest", "AmoRateLimiterTest", "AmiCallSourceTest");
    for (Class<?> c : classes) {
      for (Method m : c.getDeclaredMethods()) {
        if (Citations.isTest(m)) {
          for (String id : Citations.ids(m)) {
            coverage.computeIfAbsent(id, k -> new ArrayList<>())
                .add(c.getSimpleName() + "." + m.getName());
          }
        }
      }
    }
    StringBuilder table = new StringBuilder(String.format("%d test classes read%n",
        classes.size()));
    List<String> uncovered = new ArrayList<>();
    for (String id : REQUIREMENTS) {
      List<String> tests = coverage.getOrDefault(id, List.of());
      table.append(String.format("%-10s %3d  %s%n", id, tests.size(),
          tests.stream().limit(3).toList()));
      if (tests.isEmpty()) {
        uncovered.add(id);
      }
    }
    System.out.print(table);
    assertThat(uncovered).as("requirements without an example test%n%s", table).isEmpty();
    Set<String> unknown = new TreeSet<>(coverage.keySet());
    REQUIREMENTS.forEach(unknown::remove);
    assertThat(unknown).as("tests cite ids that SPEC does not have").isEmpty();
  }

  /**
   * The example and property test classes ({@code *Test}, {@code *Properties}) under {@code
   * io/ringostat/amo} in every directory and jar of the class path, minus {@link
   * #NOT_BEHAVIOURAL}.
   */
  static List<Class<?>> testClasses() {
    Set<String> names = new TreeSet<>();
    try {
      for (URL root : Collections.list(
          SpecCoverageTest.class.getClassLoader().getResources("io/ringostat/amo"))) {
        if (root.getProtocol().equals("jar")) {
          JarURLConnection connection = (JarURLConnection) root.openConnection();
          connection.setUseCaches(false);
          try (JarFile jar = connection.getJarFile()) {
            jar.stream().map(e -> e.getName()).forEach(n -> addClassName(names, n));
          }
        } else {
          Path dir = Path.of(root.toURI()).getParent().getParent().getParent();
          try (Stream<Path> files = Files.walk(Path.of(root.toURI()))) {
            files.forEach(f -> addClassName(names, dir.relativize(f).toString()
                .replace('\\', '/')));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<Class<?>> out = new ArrayList<>();
    for (String name : names) {
      try {
        out.add(Class.forName(name, false, SpecCoverageTest.class.getClassLoader()));
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IllegalStateException("cannot read test class " + name, e);
      }
    }
    return out;
  }

  private static void addClassName(Set<String> names, String path) {
    if (!path.startsWith("io/ringostat/amo/") || !path.endsWith(".class")
        || path.contains("$")) {
      return;
    }
    String name = path.substring(0, path.length() - ".class".length()).replace('/', '.');
    String simple = name.substring(name.lastIndexOf('.') + 1);
    if ((simple.endsWith("Test") || simple.endsWith("Properties"))
        && !NOT_BEHAVIOURAL.contains(simple)) {
      names.add(name);
    }
  }
}
