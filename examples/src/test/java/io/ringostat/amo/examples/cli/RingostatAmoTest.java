package io.ringostat.amo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RingostatAmoTest {
  @Test
  void helpListsTheCommandsAndExitCodes() {
    Cli.Run run = Cli.run("--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("demo", "replay", "route", "card", "Exit codes:");
  }

  @Test
  void noCommandPrintsTheUsage() {
    assertThat(Cli.run().out()).contains("Usage: ringostat-amo");
  }

  @Test
  void unknownCommandsAreUsageErrors() {
    Cli.Run run = Cli.run("replya");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("replay");
  }
}
