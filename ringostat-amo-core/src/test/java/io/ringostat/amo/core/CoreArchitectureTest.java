package io.ringostat.amo.core;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The core is the pure half of the SDK (STYLE.md §1, §6): its packages form no cycle, and it
 * depends on no transport, storage, JSON, logging or concurrency runtime, and never reads the
 * clock (time arrives with the event).
 */
@AnalyzeClasses(packages = "io.ringostat.amo.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {
  private static final String CORE = "io.ringostat.amo.core";

  @ArchTest
  static final ArchRule packagesFormNoCycle = slices()
      .assignedFrom(new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
          String pkg = c.getPackageName();
          return pkg.equals(CORE) || pkg.startsWith(CORE + ".")
              ? SliceIdentifier.of(pkg) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
          return "the packages of " + CORE;
        }
      })
      .should().beFreeOfCycles();

  @ArchTest
  static final ArchRule noTransportStorageJsonOrLogging = noClasses()
      .that().resideInAPackage(CORE + "..")
      .should().dependOnClassesThat(resideInAnyPackage(
          "okhttp3..", "java.sql..", "javax.sql..", "com.fasterxml.jackson..", "org.slf4j.."))
      .because("the core is pure: HTTP, JDBC, JSON and logging live in the modules around it");

  @ArchTest
  static final ArchRule noConcurrencyRuntime = noClasses()
      .that().resideInAPackage(CORE + "..")
      .should().dependOnClassesThat(
          resideInAPackage("java.util.concurrent").and(simpleNameStartingWith("Executor"))
              .or(belongToAnyOf(Thread.class, CompletableFuture.class,
                  ScheduledExecutorService.class)))
      .because("the core decides; the engine runs things on threads");

  @ArchTest
  static final ArchRule noClockReads = noClasses()
      .that().resideInAPackage(CORE + "..")
      .should().callMethodWhere(readsTheClock())
      .because("decisions are pure: time arrives with the event");

  private static com.tngtech.archunit.base.DescribedPredicate<JavaMethodCall> readsTheClock() {
    return describe("a clock read (Clock.system*, *.now(), System.currentTimeMillis/nanoTime)",
        call -> {
          JavaClass owner = call.getTargetOwner();
          String name = call.getName();
          return (owner.getPackageName().equals("java.time") && name.equals("now"))
              || (owner.isEquivalentTo(Clock.class) && name.startsWith("system"))
              || (owner.isEquivalentTo(System.class)
                  && (name.equals("currentTimeMillis") || name.equals("nanoTime")));
        });
  }
}
