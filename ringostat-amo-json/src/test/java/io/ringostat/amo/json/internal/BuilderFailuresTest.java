package io.ringostat.amo.json.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A core {@code @Value.Check} failure never leaks: it becomes a problem at the field's path. */
class BuilderFailuresTest {

  @Test
  void relativeFieldGoesUnderTheBasePathRenamed() {
    Problems p = new Problems(10);

    BuilderFailures.report(new IllegalStateException("endedAt: 2026 is before 2027"), Paths.ROOT,
        EventReader::snakeCase, p);

    assertThat(p.list()).containsExactly(new Problems.Problem("ended_at", "2026 is before 2027"));
  }

  @Test
  void absoluteFieldIsKept() {
    Problems p = new Problems(10);

    BuilderFailures.report(new IllegalStateException("matrix.cells: no cell for [X]"), "matrix", p);
    BuilderFailures.report(new IllegalStateException("code: must not be blank"), "employees[3]", p);

    assertThat(p.list()).containsExactly(
        new Problems.Problem("matrix.cells", "no cell for [X]"),
        new Problems.Problem("employees[3].code", "must not be blank"));
  }

  @Test
  void messageWithoutFieldIsReportedAtTheBasePath() {
    Problems p = new Problems(10);

    BuilderFailures.report(new IllegalStateException("Cannot build, some of required attributes"
        + " are not set [callId]"), Paths.ROOT, p);

    assertThat(p.list()).singleElement().satisfies(x -> assertThat(x.path()).isEqualTo("$"));
  }
}
