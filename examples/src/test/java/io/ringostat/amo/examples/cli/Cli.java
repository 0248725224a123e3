package io.ringostat.amo.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the command line in-process with captured output, as the tests' one entry point. */
final class Cli {
  /** The bundled demo settings, from the examples module's directory (surefire's cwd). */
  static final Path SETTINGS = Path.of("src/main/resources/demo/settings.json");
  static final Path DAY = Path.of("src/main/resources/demo/day.jsonl");

  /** What a run printed and returned. */
  record Run(int exit, String out, String err) {
    /** The standard output with every run of whitespace (line wraps) as one space. */
    String text() {
      return out.replaceAll("\\s+", " ");
    }

    /** The error output, likewise. */
    String errText() {
      return err.replaceAll("\\s+", " ");
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- out\n" + out + "\n--- err\n" + err;
    }
  }

  private Cli() {}

  static Run run(String... args) {
    CommandLine cl = RingostatAmo.commandLine(false);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
