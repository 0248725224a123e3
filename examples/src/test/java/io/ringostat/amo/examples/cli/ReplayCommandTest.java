package io.ringostat.amo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.journal.sqlite.SqliteJournal;
import io.ringostat.amo.json.SettingsJson;
import io.ringostat.amo.testkit.AmoEmulator;
import io.ringostat.amo.testkit.LoggedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay}: against the in-process emulator and, with {@code --amo-url}, any server. */
class ReplayCommandTest {
  private static final String MALFORMED =
      "{\"call_id\":\"c-2001\",\"phase\":\"ENDED\",\"direction\":\"IN\"}";

  private static IntegrationSettings settings;
  private static List<String> day;

  @TempDir
  Path dir;

  @BeforeAll
  static void load() throws IOException {
    settings = SettingsJson.load(Cli.SETTINGS);
    day = Files.readAllLines(Cli.DAY, StandardCharsets.UTF_8);
  }

  /** The first {@code n} lines of the bundled day, with {@code extra} lines inserted at 4. */
  private Path calls(int n, String... extra) throws IOException {
    List<String> lines = new ArrayList<>(day.subList(0, n));
    lines.addAll(Math.min(3, lines.size()), List.of(extra));
    Path f = dir.resolve("calls.jsonl");
    Files.write(f, lines, StandardCharsets.UTF_8);
    return f;
  }

  private static AmoEmulator emulator() {
    return AmoEmulator.builder().fromSettings(settings).rateLimit(0).start();
  }

  private static String[] remote(AmoEmulator amo, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--settings", Cli.SETTINGS.toString(), "--amo-url", amo.baseUrl(),
        "--token", amo.token(), "--allow-insecure-local", "--rate-limit", "200"));
    return all.toArray(String[]::new);
  }

  @Test
  void malformedLinesAreReportedWithTheirNumberSkippedAndExitOne() throws IOException {
    Path f = calls(5, MALFORMED, "not json");

    Cli.Run run = Cli.run("replay", "--settings", Cli.SETTINGS.toString(), "--calls",
        f.toString(), "--emulator", "--rate-limit", "200");

    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.text())
        .contains("line 4 malformed, skipped: invalid call event 'c-2001'")
        .contains("direction: 'IN' is not one of INBOUND, OUTBOUND")
        .contains("line 5 malformed, skipped: invalid call event, 1 problem(s): $: malformed JSON")
        .contains("line 7 c-103 ENDED INBOUND_ANSWERED_NEW")
        .contains("Summary: 5 event(s): 4 delivered, 1 nothing to do, 0 duplicate(s), 0 not "
            + "delivered, 0 failed; 2 malformed line(s) skipped")
        .contains("Contacts (3)");
  }

  @Test
  void aLineThatIsNotUtf8IsMalformedNotMergedIntoAnotherCall() throws IOException {
    // Two calls whose ids differ only in the last byte: U+FFFD spelled in UTF-8, and a byte that
    // is not UTF-8 at all. Decoded leniently both were "c-101\uFFFD", the second a duplicate.
    String first = day.get(0);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(first.replace("\"c-101\"", "\"c-101\uFFFD\"")
        .getBytes(StandardCharsets.UTF_8));
    bytes.write('\n');
    String[] around = first.split("c-101", 2);
    bytes.writeBytes(around[0].getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(new byte[] {'c', '-', '1', '0', '1', (byte) 0xFF});
    bytes.writeBytes(around[1].getBytes(StandardCharsets.UTF_8));
    bytes.write('\n');
    Path f = Files.write(dir.resolve("latin1.jsonl"), bytes.toByteArray());

    Cli.Run run = Cli.run("replay", "--settings", Cli.SETTINGS.toString(), "--calls",
        f.toString(), "--emulator", "--rate-limit", "200");

    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.text())
        .contains("line 2 malformed, skipped: invalid call event: the line is not valid UTF-8"
            + " (byte 18 of the line)")
        .contains("Summary: 1 event(s):")
        .contains("0 duplicate(s)")
        .contains("1 malformed line(s) skipped");
  }

  @Test
  void aFileIsABacklogItsCallsShareRequestsAndTheReportKeepsFileOrder() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      lines.add(String.format(java.util.Locale.ROOT, "{\"call_id\":\"m-%02d\",\"phase\":\"ENDED\","
          + "\"direction\":\"INBOUND\",\"disposition\":\"NO_ANSWER\","
          + "\"client_phone\":\"+3806755500%02d\",\"tracking_phone\":\"+380443334455\","
          + "\"started_at\":\"2026-11-25T09:%02d:00+02:00\","
          + "\"ended_at\":\"2026-11-25T09:%02d:30+02:00\"}", i, i, i, i));
    }
    Path f = Files.write(dir.resolve("backlog.jsonl"), lines, StandardCharsets.UTF_8);

    Cli.Run run = Cli.run("replay", "--settings", Cli.SETTINGS.toString(), "--calls",
        f.toString(), "--emulator", "--rate-limit", "7");

    assertThat(run.exit()).as(run.toString()).isZero();
    String text = run.text();
    for (int i = 1; i < 24; i++) {
      assertThat(text.indexOf(String.format(java.util.Locale.ROOT, "m-%02d", i)))
          .as("line %d after line %d", i + 1, i)
          .isGreaterThan(text.indexOf(String.format(java.util.Locale.ROOT, "m-%02d", i - 1)));
    }
    // One by one each new client's missed call costs a lookup, leads/complex, a note and a
    // task: 96 requests. Handed over at once, their writes share requests.
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("Requests: (\\d+)")
        .matcher(text);
    assertThat(m.find()).as(text).isTrue();
    assertThat(Integer.parseInt(m.group(1))).isLessThan(24 * 4);
  }

  @Test
  void aCleanFileExitsZero() throws IOException {
    Cli.Run run = Cli.run("replay", "--settings", Cli.SETTINGS.toString(), "--calls",
        calls(3).toString(), "--emulator", "--rate-limit", "200", "--details");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.text()).contains("done create-contact contact #")
        .contains("https://demo.amocrm.ru/contacts/detail/");
  }

  @Test
  void withAmoUrlItDeliversToAnyServerThatSpeaksTheApi() throws IOException {
    try (AmoEmulator amo = emulator()) {
      Cli.Run run = Cli.run(remote(amo, "replay", "--calls", calls(5).toString()));

      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(amo.contactsByPhone("+380671234567")).hasSize(1);
      assertThat(amo.notesByUniq("c-101")).hasSize(1);
      assertThat(amo.notesByUniq("c-103")).hasSize(1);
      assertThat(run.text()).doesNotContain("The emulated CRM"); // not our emulator: no board
    }
  }

  @Test
  void dryRunOnlyReads() throws IOException {
    try (AmoEmulator amo = emulator()) {
      Cli.Run run = Cli.run(remote(amo, "replay", "--dry-run", "--calls",
          calls(5, "not json").toString()));

      assertThat(run.exit()).as(run.toString()).isEqualTo(1); // the malformed line
      assertThat(run.text())
          .contains("1. create-contact name=\"+380671234567\"")
          .contains("line 4 malformed, skipped")
          .contains("5 event(s) planned, 0 lookup(s) failed, 1 malformed line(s) skipped;"
              + " nothing was written");
      assertThat(amo.requestLog()).isNotEmpty()
          .extracting(LoggedRequest::method).containsOnly("GET");
      assertThat(amo.contacts()).isEmpty();
      assertThat(amo.notes()).isEmpty();
    }
  }

  @Test
  void theJournalKeepsWhatWasDoneAcrossRuns() throws IOException {
    Path journal = dir.resolve("journal");
    try (AmoEmulator amo = emulator()) {
      Path f = calls(3);
      Cli.Run first = Cli.run(remote(amo, "replay", "--calls", f.toString(), "--journal",
          journal.toString()));
      Cli.Run second = Cli.run(remote(amo, "replay", "--calls", f.toString(), "--journal",
          journal.toString()));

      assertThat(first.exit()).as(first.toString()).isZero();
      assertThat(second.exit()).as(second.toString()).isZero();
      assertThat(second.text()).contains("3 duplicate(s)");
      assertThat(amo.contactsByPhone("+380671234567")).hasSize(1);
      assertThat(amo.notesByUniq("c-101")).hasSize(1);
      assertThat(Files.exists(journal.resolve("journal.db"))).isTrue();
    }
  }

  @Test
  void aRefusedTokenIsReportedAndExitsOne() throws IOException {
    try (AmoEmulator amo = emulator()) {
      amo.revokeToken(amo.token());

      Cli.Run run = Cli.run(remote(amo, "replay", "--calls", calls(3).toString()));

      assertThat(run.exit()).as(run.toString()).isEqualTo(1);
      assertThat(run.errText()).contains("did not activate the integration (BROKEN)")
          .doesNotContain(amo.token());
    }
  }

  @Test
  void plainHttpToAnotherHostIsRefused() throws IOException {
    String f = calls(1).toString();
    Cli.Run plain = Cli.run("replay", "--settings", Cli.SETTINGS.toString(), "--calls", f,
        "--amo-url", "http://example.com", "--token", "t0ken");
    Cli.Run optIn = Cli.run("replay", "--settings", Cli.SETTINGS.toString(), "--calls", f,
        "--amo-url", "http://example.com", "--token", "t0ken", "--allow-insecure-local");

    assertThat(plain.exit()).isEqualTo(2);
    assertThat(plain.errText()).contains("plain http is refused");
    assertThat(optIn.exit()).isEqualTo(2);
    assertThat(optIn.errText()).contains("plain http is refused");
  }

  @Test
  void aLocalServerNeedsTheExplicitOptIn() throws IOException {
    try (AmoEmulator amo = emulator()) {
      Cli.Run run = Cli.run("replay", "--settings", Cli.SETTINGS.toString(), "--calls",
          calls(1).toString(), "--amo-url", amo.baseUrl(), "--token", amo.token());

      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.errText()).contains("add --allow-insecure-local");
      assertThat(amo.requestLog()).isEmpty();
    }
  }

  @Test
  void aLockedJournalIsOneClearLineAndExitOne() throws IOException {
    Path journal = dir.resolve("journal");
    // Another journal holds the directory (in another process the lock fails the same way).
    try (SqliteJournal other = SqliteJournal.open(journal)) {
      Cli.Run run = Cli.run("replay", "--settings", Cli.SETTINGS.toString(), "--calls",
          calls(3).toString(), "--emulator", "--rate-limit", "200", "--journal",
          journal.toString());

      assertThat(run.exit()).as(run.toString()).isEqualTo(1);
      // One message (Out wraps it at the terminal width), no stack trace.
      assertThat(run.errText().strip()).as(run.toString())
          .startsWith("error: the journal " + journal + " is locked")
          .contains("another process")
          .contains("--journal");
      assertThat(run.err()).containsOnlyOnce("error:");
      assertThat(run.out() + run.err()).doesNotContain("Exception").doesNotContain("\tat ");
      assertThat(other.counts().pending()).isZero();
    }
  }

  @Test
  void aSecretInTheUrlsUserInfoIsNeverPrinted() throws IOException {
    String canary = "CANARY-s3cr3t-7f1d";
    for (String url : List.of("https://acme:" + canary + "@demo.amocrm.ru",
        "https://acme:" + canary + "@demo_x.amocrm.ru", "http://u:" + canary + "@127.0.0.1:8080")) {
      Cli.Run run = Cli.run("replay", "--settings", Cli.SETTINGS.toString(), "--calls",
          calls(1).toString(), "--amo-url", url, "--token", "t", "--allow-insecure-local");

      assertThat(run.exit()).as(run.toString()).isEqualTo(2);
      assertThat(run.errText()).as(run.toString())
          .contains("must not contain a user name or password");
      assertThat(run.out() + run.err()).as(run.toString()).doesNotContain(canary);
    }
  }

  @Test
  void usageErrorsExitTwo() throws IOException {
    assertThat(Cli.run("replay", "--settings", "no-such.json", "--calls", "x", "--emulator")
        .err()).contains("--settings no-such.json: no such file");
    assertThat(Cli.run("replay", "--settings", Cli.SETTINGS.toString(), "--calls",
        calls(1).toString()).exit()).isEqualTo(2); // no target
    assertThat(Cli.run("replay", "--settings", Cli.SETTINGS.toString(), "--calls",
        calls(1).toString(), "--emulator", "--amo-url", "https://demo.amocrm.ru").exit())
        .isEqualTo(2);
    assertThat(Cli.run("replay", "--bogus").exit()).isEqualTo(2);
  }
}
