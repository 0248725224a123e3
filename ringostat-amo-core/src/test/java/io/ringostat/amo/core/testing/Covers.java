package io.ringostat.amo.core.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The SPEC requirements (R-…) a behavioural test method checks: it decides, executes or routes
 * and asserts what a user would see. {@code RequirementCoverageTest} counts a requirement as
 * covered only through this annotation or the test's {@code @DisplayName}, read by reflection
 * (comments and strings elsewhere do not count), and only in behavioural test classes, not in
 * documentation-sync or architecture checks. Property tests, whose names are given at run time,
 * carry it on their {@code @TestFactory} method.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Covers {
  /** Requirement ids, e.g. {@code "R-V1"}. */
  String[] value();
}
