package io.ringostat.amo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code demo-ami}: the bundled AMI session goes through the adapter, the engine and the emulator,
 * and the board shows each call where it belongs.
 */
class DemoAmiCommandTest {
  private static Cli.Run run;

  @BeforeAll
  static void runDemo() {
    run = Cli.run("demo-ami", "--rate-limit", "200");
  }

  @Test
  void completesWithEveryCallOnTheBoard() {
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.text())
        .contains("AmiCallSource.start(): logged in to 127.0.0.1:")
        .contains("Contacts (9)")                      // 4 clients before + 5 new callers
        .contains("Deals by pipeline and status (9)")
        .contains("Tasks by assignee (2)")             // the missed and the busy call
        .contains("Call records by entity (9)")
        .contains("AMI: 143 events in the session, 1 dropped connection, 9 calls, 25 call "
            + "events: 12 delivered, 13 nothing to do");
  }

  @Test
  void eachRecordedCallEndsWhereItBelongs() {
    assertThat(run.text())
        // a new client answered by Olena: contact and deal for her, 60 s
        .contains("contact #", "\"+380954441122\" for Olena Kovalenko")
        .contains("TALKED 60s, \"Answered by Olena Kovalenko\"")
        // missed and busy: the senior manager's tasks
        .contains("NO_ANSWER 0s, \"Missed call: no answer\"")
        .contains("BUSY 0s, \"Missed call: busy\"")
        .contains("missed-call for Iryna (senior): \"Missed call from +380661234321")
        // outbound to an existing client: on her open deal
        .contains("TALKED 30s, \"Called by Andriy Shevchenko\"")
        // the queue: answered by Maksym, not by the client's manager
        .contains("from AMI: queue support")
        .contains("TALKED 88s, \"Answered by Maksym Bondarenko, not by the responsible manager "
            + "(Olena Kovalenko)\"")
        // the attended transfer: one record for the whole call, the legs from AMI
        .contains("from AMI: attended transfer; 2 legs: olena (Olena Kovalenko) 40 s, andriy "
            + "(Andriy Shevchenko) 80 s")
        .contains("TALKED 120s")
        // the recording: its link from MixMonitor's file
        .contains("from AMI: recording https://pbx.example.com/records/in-380441234500-0442223344"
            + "-20261126-094200-1795678920.71.wav");
  }

  @Test
  void theCallCutByTheDropIsFinishedFromWhatWasKnownThenTheAdapterReconnects() {
    assertThat(run.text())
        .contains("09:50:00 1795679340.81 ENDED inbound 0687770011 olena (Olena Kovalenko) "
            + "DELIVERED from AMI: incomplete: connection lost")
        .contains("TALKED 53s, \"Answered by Olena Kovalenko\"")   // answered 09:49:06, cut 09:50
        // after the reconnection the same client calls again: his deal, not a new one
        .contains("1795679340.91 ENDED inbound 0687770011 olena (Olena Kovalenko) DELIVERED")
        .contains("scenario INBOUND_ANSWERED_EXISTING")
        .contains("TALKED 23s");
  }

  @Test
  void theSecretIsNeverPrinted() {
    assertThat(run.out() + run.err()).doesNotContainPattern(
        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  }

  @Test
  void linesFitOneHundredColumns() {
    assertThat(run.out().lines().filter(l -> l.length() > Out.WIDTH)).isEmpty();
  }
}
