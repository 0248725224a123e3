package io.ringostat.amo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ami}: follows a (replayed) Asterisk into the emulator, stops cleanly; refused logins. */
class AmiCommandTest {
  /** Any variable set in every test environment, long enough to be a secret. */
  static final String SECRET_ENV = "PATH";
  static final String SECRET = System.getenv(SECRET_ENV);

  @Test
  void followsTheCallsOfAnAsteriskUntilStopped() throws Exception {
    try (AmiReplayServer pbx = new AmiReplayServer(DemoCommand.resource(DemoAmiCommand.SESSION),
        "ringostat", SECRET)) {
      CommandLine cl = RingostatAmo.commandLine(false);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("ami",
          "--settings", Cli.SETTINGS.toString(), "--emulator", "--rate-limit", "200",
          "--ami-host", "127.0.0.1", "--ami-port", String.valueOf(pbx.port()),
          "--ami-user", "ringostat", "--ami-secret-env", SECRET_ENV,
          "--trunk-context", "from-trunk", "--recording-url-prefix",
          "https://pbx.example.com/rec/"));
      await(out, exit, 25); // the session drops the connection once: reconnected
      AmiCommand ami = cl.getSubcommands().get("ami").getCommand();
      ami.stop.countDown();

      assertThat(exit.get(20, TimeUnit.SECONDS)).as(out + "\n" + err).isZero();
      assertThat(out.toString())
          .contains("Logged in; following calls (trunk contexts [from-trunk]")
          .contains("1795676400.1   ENDED    INBOUND_ANSWERED_NEW")
          .contains("1795676820.11  ENDED    INBOUND_MISSED_NEW")
          .contains("1795678920.71  ENDED    INBOUND_ANSWERED_NEW       DELIVERED     record on deal")
          .contains("Stopped; 0 event(s) still pending");
      assertThat(out.toString().lines().filter(l -> l.startsWith("17956"))).hasSize(25);
      assertThat(out + err.toString()).doesNotContain(SECRET);
    }
  }

  @Test
  void aRefusedLoginEndsWithExitOneAndNoSecret() throws Exception {
    try (AmiReplayServer pbx = new AmiReplayServer("", "someone-else", SECRET)) {
      Cli.Run run = Cli.run("ami", "--settings", Cli.SETTINGS.toString(), "--emulator",
          "--ami-host", "127.0.0.1", "--ami-port", String.valueOf(pbx.port()),
          "--ami-user", "ringostat", "--ami-secret-env", SECRET_ENV);

      assertThat(run.exit()).as(run.toString()).isEqualTo(1);
      assertThat(run.errText()).contains("refused the AMI login of user 'ringostat'");
      assertThat(run.out() + run.err()).doesNotContain(SECRET);
    }
  }

  /** Waits until {@code events} event lines were printed. */
  private static void await(StringWriter out, CompletableFuture<Integer> exit, int events)
      throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < end && !exit.isDone()) {
      if (out.toString().lines().filter(l -> l.startsWith("17956")).count() >= events) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("fewer than " + events + " event lines in:\n" + out);
  }
}
