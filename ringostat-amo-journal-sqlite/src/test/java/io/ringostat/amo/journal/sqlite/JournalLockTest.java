package io.ringostat.amo.journal.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journal directory held by another process fails the open with a typed exception. */
class JournalLockTest {
  @TempDir Path tmp;

  @Test
  void aDirectoryHeldByAnotherProcessIsReportedAsLocked() throws Exception {
    Path dir = tmp.resolve("journal");
    String classpath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-cp", classpath,
        "-Dorg.sqlite.tmpdir=" + tmp, Holder.class.getName(), dir.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).as("the child opened the journal").isEqualTo("READY");

      assertThatThrownBy(() -> SqliteJournal.open(dir))
          .isInstanceOfSatisfying(JournalLockedException.class,
              e -> assertThat(e.directory()).isEqualTo(dir))
          .hasMessageContaining(dir.toString())
          .hasMessageContaining("already open");
    } finally {
      child.getOutputStream().close(); // the child closes its journal and exits
      if (!child.waitFor(20, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
    SqliteJournal.open(dir).close();
  }

  /** The child: opens the journal in {@code args[0]}, says READY, holds it until stdin closes. */
  public static final class Holder {
    private Holder() {}

    public static void main(String[] args) throws Exception {
      try (SqliteJournal j = SqliteJournal.open(Path.of(args[0]))) {
        System.out.println("READY");
        System.out.flush();
        while (System.in.read() >= 0) {
          // Wait for the parent to close stdin.
        }
      }
    }
  }
}
