package io.ringostat.amo.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the SDK as rules that fail the build (issue 11): the core decides and depends on
 * nothing of ours, the engine runs plans, the transport speaks amoCRM, and the two know only the
 * core; journals, the testkit and the JSON codecs sit above; no module reaches into another's
 * {@code internal} packages; no package cycles where the design promises none.
 */
class ArchitectureTest {
  private static final String BASE = "io.ringostat.amo";
  private static final List<String> MODULES =
      List.of("core", "engine", "okhttp", "json", "journal.sqlite", "testkit");
  private static JavaClasses classes;

  /** Production classes only: neither test-classes directories nor test-jars. */
  private static final ImportOption PRODUCTION = location ->
      !location.contains("/test-classes/") && !location.contains("-tests.jar");

  @BeforeAll
  static void importProduction() {
    classes = new ClassFileImporter().withImportOption(PRODUCTION).importPackages(BASE);
  }

  @Test
  void coreDependsOnNoModuleOfOursAndOnNoRuntimeApi() {
    noClasses().that().resideInAPackage(BASE + ".core..")
        .should().dependOnClassesThat().resideInAnyPackage(BASE + ".engine..",
            BASE + ".okhttp..", BASE + ".json..", BASE + ".journal..", BASE + ".testkit..",
            "okhttp3..", "okio..", "java.sql..", "javax.sql..", "com.fasterxml..", "org.slf4j..")
        .because("the core is values and pure functions")
        .check(classes);
    noClasses().that().resideInAPackage(BASE + ".core..")
        .should().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executor")
        .orShould().dependOnClassesThat()
        .haveFullyQualifiedName("java.util.concurrent.ExecutorService")
        .orShould().dependOnClassesThat()
        .haveFullyQualifiedName("java.util.concurrent.ScheduledExecutorService")
        .orShould().dependOnClassesThat()
        .haveFullyQualifiedName("java.util.concurrent.Executors")
        .orShould().dependOnClassesThat()
        .haveFullyQualifiedName("java.util.concurrent.CompletableFuture")
        .because("threads belong to the engine")
        .check(classes);
  }

  @Test
  void engineAndTransportKnowOnlyTheCore() {
    noClasses().that().resideInAPackage(BASE + ".engine..")
        .should().dependOnClassesThat().resideInAnyPackage(BASE + ".okhttp..",
            BASE + ".json..", BASE + ".journal..", BASE + ".testkit..", "okhttp3..",
            "com.fasterxml..")
        .check(classes);
    noClasses().that().resideInAPackage(BASE + ".okhttp..")
        .should().dependOnClassesThat().resideInAnyPackage(BASE + ".engine..",
            BASE + ".json..", BASE + ".journal..", BASE + ".testkit..")
        .check(classes);
  }

  @Test
  void lowerLayersNeverDependOnTheOnesAbove() {
    noClasses().that().resideInAnyPackage(BASE + ".json..", BASE + ".journal..")
        .should().dependOnClassesThat().resideInAnyPackage(BASE + ".okhttp..",
            BASE + ".testkit..", BASE + ".examples..", BASE + ".it..")
        .check(classes);
    noClasses().that().resideInAPackage(BASE + ".testkit..")
        .should().dependOnClassesThat().resideInAnyPackage(BASE + ".engine..",
            BASE + ".journal..", BASE + ".examples..", BASE + ".it..")
        .check(classes);
  }

  @Test
  void eventSourcesKnowOnlyWhatTheyFeed() {
    noClasses().that().resideInAPackage(BASE + ".asterisk..")
        .should().dependOnClassesThat().resideInAnyPackage(BASE + ".engine..",
            BASE + ".okhttp..", BASE + ".json..", BASE + ".journal..", BASE + ".testkit..",
            BASE + ".webhooks..", "com.fasterxml..", "okhttp3..")
        .because("the AMI adapter only makes CallEvents; the host hands them to any sink")
        .check(classes);
    noClasses().that().resideInAPackage(BASE + ".webhooks..")
        .should().dependOnClassesThat().resideInAnyPackage(BASE + ".journal..",
            BASE + ".testkit..", BASE + ".asterisk..")
        .because("the receiver hands events to the engine, never to a journal directly")
        .check(classes);
    noClasses().that().resideInAPackage(BASE + ".webhooks..")
        .and().haveSimpleNameEndingWith("Endpoint")
        .should().dependOnClassesThat().resideInAnyPackage(BASE + ".okhttp..", "okhttp3..")
        .because("posted call events and amoCRM's webhooks reach amoCRM only through the engine")
        .check(classes);
    noClasses().that().resideOutsideOfPackages(BASE + ".webhooks..", BASE + ".examples..")
        .should().dependOnClassesThat().resideInAPackage("org.eclipse.jetty..")
        .because("Jetty is the receiver's own dependency")
        .check(classes);
  }

  @Test
  void nothingOutsideAModuleUsesItsInternalPackages() {
    for (String module : MODULES) {
      String home = BASE + "." + module + "..";
      noClasses().that().resideOutsideOfPackage(home)
          .should().dependOnClassesThat().resideInAPackage(BASE + "." + module + ".internal..")
          .because(module + "'s internal packages are not API")
          .check(classes);
    }
  }

  @Test
  void coreAndEngineHaveNoPackageCycles() {
    slices().matching(BASE + ".core.(**)").should().beFreeOfCycles().check(classes);
    slices().matching(BASE + ".engine.(**)").should().beFreeOfCycles().check(classes);
  }
}
