package io.ringostat.amo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code demo}: the whole bundled day runs and the board shows what SPEC §3 promises. */
class DemoCommandTest {
  private static Cli.Run run;

  @BeforeAll
  static void runDemo() {
    run = Cli.run("demo", "--rate-limit", "200");
  }

  @Test
  void completesWithEveryEventDeliveredAndTheBoard() {
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.text())
        .contains("Contacts (23)")
        .contains("Deals by pipeline and status (22)")
        // 14: the second missed call of u-202's client finds its call-back task open (R-LIFE);
        // the night call c-136 adds one for the senior manager (R-HOURS)
        .contains("Tasks by assignee (14)")
        // 41: the day's transfer c-133, call back c-134 and night call c-136 add one record
        // each; c-133's late recording edits its record instead of adding one (R-LIFE); the
        // internal call c-135 records nothing (R-FILTER)
        .contains("Call records by entity (41)")
        .contains("[done: ")
        .contains("Unsorted requests (4)")
        .contains("0 answered 429 (rate limit)")
        .contains("Events: 58 in the calls files: 49 delivered, 7 nothing to do, 1 duplicate,"
            + " 1 expired");
  }

  @Test
  void theLateRecordingEditsTheTransferredCallsRecord() {
    assertThat(run.text().replaceAll("\\s+", " "))
        .contains("c-133 in 300s (edited 1x, recording c-133.mp3)");
  }

  @Test
  void everyScenarioOfSpecSection3Appears() {
    for (String scenario : List.of("INBOUND_ANSWERED_NEW", "INBOUND_ANSWERED_EXISTING",
        "INBOUND_MISSED_NEW", "INBOUND_MISSED_EXISTING", "OUTBOUND_ANSWERED_NEW",
        "OUTBOUND_ANSWERED_EXISTING", "OUTBOUND_MISSED_NEW", "OUTBOUND_MISSED_EXISTING")) {
      assertThat(run.text()).contains("scenario " + scenario);
    }
    assertThat(run.text())
        .contains("Matrix RECOMMENDED", "Matrix UNSORTED", "Matrix UPDATE_ONLY")
        .contains("rule #1 matched (pool = 'Context ads'")            // R-PIPE
        .contains("create-unsorted")                                   // R-UNS
        .contains("NO_TARGET_ENTITY")                                  // R-V2
        .contains("а не відповідальний менеджер")                      // answered by another
        .contains("DUPLICATE");
  }

  @Test
  void twoSimultaneousCallsFromOneNewNumberMakeOneContact() {
    assertThat(boardLines("Contacts").stream().filter(l -> l.trim().startsWith("#2")
        && l.contains("+380991234567"))).hasSize(1);
    assertThat(run.text()).contains("arrived in the same second as c-115");
  }

  @Test
  void theUnknownEndpointGetsATaskForTheSeniorManager() {
    List<String> tasks = boardLines("Tasks by assignee");
    int senior = indexOf(tasks, "  Iryna (senior) (");
    int next = indexOf(tasks, "  Olena Kovalenko (");
    assertThat(senior).isLessThan(next);
    assertThat(String.join("\n", tasks.subList(senior, next)))
        .contains("невідомим номером temp_sip_77").contains("невідомим номером reception_desk");
  }

  @Test
  void theDayIsInUkrainianOnTheUkrainianAccount() {
    assertThat(run.text()).contains("CRM texts in uk (the account's)")
        .contains("Вхідний дзвінок +380671234567")
        .contains("Пропущений дзвінок з номера +380951112233: передзвоніть клієнту");
  }

  @Test
  void aNightCallGoesToTheSeniorManagersMorningQueue() {
    assertThat(run.text())
        .contains("INBOUND_MISSED_EXISTING, outside working hours (started Wed 25.11 22:40")
        .contains("task 'missed-call' for Iryna (senior) (user 504140)");
    List<String> tasks = boardLines("Tasks by assignee");
    assertThat(tasks).anyMatch(l -> l.contains("due Nov 26 09:30")
        && l.contains("+380505556677"));
  }

  @Test
  void anInternalCallIsIgnoredWithTheReason() {
    assertThat(run.text()).contains("Internal call: the client phone is a phone of employee"
        + " Andriy Shevchenko").contains("INTERNAL_CALL (an internal call between employees)");
  }

  @Test
  void routingAtNightSkipsTheResponsibleManagerAndSaysWhy() {
    assertThat(run.text()).contains("route +380671112200 -> fall through"
        + " (RESPONSIBLE_NOT_WORKING)").contains("is not working at Wed 25.11 22:40");
  }

  @Test
  void pauseAndResumeShowTheirState() {
    assertThat(run.text()).contains("engine.pause(): PAUSED").contains("ALERT PAUSED")
        .contains("route +380671112200 -> fall through (INTEGRATION_PAUSED)")
        .contains("engine.resume(true): ACTIVE; 0 event(s) resent, 0 expired")
        .contains("ALERT RESUMED");
  }

  @Test
  void languageOptionShowsTheOtherLanguages() {
    Cli.Run ru = Cli.run("demo", "--rate-limit", "200", "--language", "ru");
    assertThat(ru.exit()).as(ru.toString()).isZero();
    assertThat(ru.text()).contains("CRM texts in ru")
        .contains("Пропущенный звонок с номера +380951112233: перезвоните клиенту");
    Cli.Run bad = Cli.run("demo", "--language", "de");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.errText()).contains("--language: 'de' is not ru, uk or en");
  }

  @Test
  void theBrokenTokenKeepsCallsAndReactivationResendsThem() {
    assertThat(run.text())
        .contains("ALERT AUTHORIZATION_PROBLEM")
        .contains("the integration stopped (AUTHENTICATION)")
        .contains("reactivated: ACTIVE; 3 event(s) resent in original order; 1 expired")
        .contains("expired: c-090 ENDED of 2026-11-21")
        .contains("ALERT EVENTS_EXPIRED");
    assertThat(run.out().split("resent after the reactivation", -1)).hasSize(4);
    assertThat(run.text()).contains("1 answered 401 (revoked token)");
  }

  @Test
  void routingAndCardsAnswerFromTheDay() {
    assertThat(run.text())
        .contains("route +380671112200 -> Olena Kovalenko")
        .contains("route +380679990000 -> fall through (NOT_FOUND)")
        .contains("card +380671112200: Taras Melnyk")
        .contains("https://demo.amocrm.ru/leads/detail/");
  }

  @Test
  void linesFitOneHundredColumns() {
    assertThat(run.out().lines().filter(l -> l.length() > Out.WIDTH)).isEmpty();
  }

  /** The lines of a section of the board, from its heading to the blank line after it. */
  private static List<String> boardLines(String section) {
    List<String> lines = Arrays.asList(run.out().split("\n"));
    int board = find(lines, 0, l -> l.startsWith("The CRM board"));
    int start = find(lines, board, l -> l.startsWith(section + " ("));
    int end = start + 2;
    while (end < lines.size() && !lines.get(end).isEmpty()) {
      end++;
    }
    return lines.subList(start, end);
  }

  private static int indexOf(List<String> lines, String prefix) {
    return find(lines, 0, l -> l.startsWith(prefix));
  }

  private static int find(List<String> lines, int from, Predicate<String> p) {
    for (int i = from; i < lines.size(); i++) {
      if (p.test(lines.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no line matches after line " + from + ":\n" + run);
  }
}
