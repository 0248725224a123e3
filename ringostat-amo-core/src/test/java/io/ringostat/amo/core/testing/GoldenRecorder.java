package io.ringostat.amo.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Helps rewrite golden plans after a deliberate change of {@code PlanPrinter}: with {@code
 * -Dgolden.record=<file>}, every golden that differs is appended to the file as the test class,
 * the expected text and the actual text (see {@code bin/update-goldens}, docs/testing.md). The
 * test still fails; the file is for a person to review and apply, never read by a test.
 */
final class GoldenRecorder {
  private static final String SEPARATOR = "\n<<<golden>>>\n";

  private GoldenRecorder() {}

  static synchronized void record(String expected, String actual) {
    String file = System.getProperty("golden.record");
    if (file == null || file.isBlank()) {
      return;
    }
    String caller = StackWalker.getInstance().walk(frames -> frames
        .map(StackWalker.StackFrame::getClassName)
        .filter(c -> !c.startsWith("io.ringostat.amo.core.testing."))
        .findFirst().orElse("?"));
    try {
      Files.writeString(Path.of(file), caller + SEPARATOR + expected + SEPARATOR + actual
          + "\n<<<end>>>\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
