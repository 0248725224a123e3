package io.ringostat.amo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.json.SettingsJson;
import io.ringostat.amo.testkit.AmoEmulator;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code route} and {@code card} against a CRM that knows one client. */
class RouteCardCommandTest {
  private AmoEmulator amo;

  @BeforeEach
  void start() throws IOException {
    IntegrationSettings settings = SettingsJson.load(Cli.SETTINGS);
    amo = AmoEmulator.builder().fromSettings(settings).rateLimit(0)
        .existingContact("Taras Melnyk", "+380671112200", 504141)
        .existingDeal("+380671112200", 3383152, 33929755, 504141)
        .start();
  }

  @AfterEach
  void stop() {
    amo.close();
  }

  private Cli.Run run(String command, String... phones) {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command,
        "--settings", Cli.SETTINGS.toString(), "--amo-url", amo.baseUrl(), "--token",
        amo.token(), "--allow-insecure-local", "--rate-limit", "200"));
    for (String p : phones) {
      args.add("--phone");
      args.add(p);
    }
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void routeNamesTheResponsibleEmployeeAndHerDestinations() {
    Cli.Run run = run("route", "067 111 22 00", "+380679990000");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.text())
        .contains("route 067 111 22 00 -> Olena Kovalenko (employee 101, amoCRM user 504141)")
        .contains("destinations: olena, olena_mobile, 101, +380501112233")
        .contains("route +380679990000 -> fall through (NOT_FOUND)");
  }

  @Test
  void cardShowsTheContactTheResponsibleAndLinks() {
    Cli.Run run = run("card", "+380671112200", "+380679990000");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.text())
        .contains("card +380671112200: Taras Melnyk")
        .contains("https://demo.amocrm.ru/contacts/detail/20000001")
        .contains("responsible Olena Kovalenko (employee 101)")
        .contains("Sales / Contacted")
        .contains("https://demo.amocrm.ru/leads/detail/30000001")
        .contains("card +380679990000: nothing known");
  }

  @Test
  void aRefusedTokenExitsOne() {
    amo.revokeToken(amo.token());

    Cli.Run run = run("route", "+380671112200");

    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.errText()).contains("did not activate");
  }

  @Test
  void theEmulatorTargetCanBeSeededWithCalls() {
    Cli.Run run = Cli.run("route", "--settings", Cli.SETTINGS.toString(), "--emulator",
        "--rate-limit", "200", "--seed-calls", Cli.DAY.toString(), "--phone", "+380661112233");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.text()).contains("-> Maksym Bondarenko");
    assertThat(run.errText()).contains("seeded the emulator with 47 event(s)");
  }
}
