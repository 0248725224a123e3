package io.ringostat.amo.examples.cli;

import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.SettingsProblem;
import io.ringostat.amo.json.SettingsJson;
import io.ringostat.amo.json.SettingsReport;
import io.ringostat.amo.testkit.AmoEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options {@code replay}, {@code route} and {@code card} share: the settings file and the
 * amoCRM to talk to, either an emulator started in the process or a real account (or any server
 * that speaks amoCRM's API v4 on 127.0.0.1).
 */
final class TargetOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--settings", paramLabel = "FILE", required = true,
      description = "The integration settings (JSON, docs/settings.md), e.g. "
          + "examples/src/main/resources/demo/settings.json.")
  Path settings;

  @Option(names = "--emulator",
      description = "Talk to a fresh amoCRM emulator (the testkit) started in this process and "
          + "seeded with the settings' employees, pipelines and fields.")
  boolean emulator;

  @Option(names = "--amo-url", paramLabel = "URL",
      description = "The amoCRM account, e.g. https://mycompany.amocrm.ru (also .amocrm.com, "
          + ".kommo.com); or http://127.0.0.1:PORT with --allow-insecure-local.")
  String amoUrl;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "The account's long-lived token. Default: the AMO_TOKEN environment variable "
          + "(preferred: a command line is visible to other users of the machine).")
  String token;

  @Option(names = "--allow-insecure-local",
      description = "Allow --amo-url to be a local server (127.0.0.1 or localhost), over plain "
          + "http; nothing else is ever allowed over http.")
  boolean allowInsecureLocal;

  @Option(names = "--rate-limit", paramLabel = "N", defaultValue = "7",
      description = "Requests per second to amoCRM (default: ${DEFAULT-VALUE}, amoCRM's limit). "
          + "With --emulator the emulator enforces the same limit.")
  double rateLimit;

  @Option(names = "--seed-calls", paramLabel = "FILE",
      description = "With --emulator: first replay this calls file into the emulator, quietly, "
          + "so that its CRM holds the contacts and deals those calls create.")
  Path seedCalls;

  /** Applied to the emulator's builder before it starts (e.g. serve registers its OAuth client). */
  java.util.function.Consumer<AmoEmulator.Builder> emulatorSetup = b -> { };

  private static AmoEmulator.Builder with(AmoEmulator.Builder b,
      java.util.function.Consumer<AmoEmulator.Builder> setup) {
    setup.accept(b);
    return b;
  }

  /** Loads the settings, printing warnings; errors are a usage error listing every problem. */
  IntegrationSettings loadSettings(Out err) {
    if (!Files.isRegularFile(settings)) {
      throw usage("--settings " + settings + ": no such file");
    }
    SettingsReport report;
    try {
      report = SettingsJson.check(settings);
    } catch (IOException e) {
      throw usage("--settings " + settings + ": cannot read it (" + e.getMessage() + ")");
    }
    for (SettingsProblem w : report.warnings()) {
      err.line("warning: " + settings + ": " + w);
    }
    if (!report.isValid()) {
      StringBuilder b = new StringBuilder("--settings " + settings + ": "
          + report.errors().size() + " error(s):");
      report.errors().forEach(p -> b.append("\n  ").append(p));
      throw usage(b.toString());
    }
    return report.settings().orElseThrow();
  }

  /** Checks the target options together and opens the target. */
  Target open(IntegrationSettings s, Out err) {
    if (!(rateLimit > 0) || rateLimit > 1000) {
      throw usage("--rate-limit: must be above 0 and at most 1000, was " + rateLimit);
    }
    if (emulator == (amoUrl != null)) {
      throw usage(emulator ? "--emulator and --amo-url exclude each other: choose one"
          : "choose where to send the calls: --emulator, or --amo-url URL with --token TOKEN");
    }
    if (emulator) {
      if (token != null || allowInsecureLocal) {
        throw usage("--token and --allow-insecure-local go with --amo-url, not --emulator");
      }
      Target t = Target.emulator(s, rateLimit, with(AmoEmulator.builder().fromSettings(s),
          emulatorSetup));
      if (seedCalls != null) {
        if (!Files.isRegularFile(seedCalls)) {
          t.close();
          throw usage("--seed-calls " + seedCalls + ": no such file");
        }
        int n = t.seed(seedCalls);
        err.line("seeded the emulator with " + n + " event(s) from " + seedCalls);
      }
      return t;
    }
    if (seedCalls != null) {
      throw usage("--seed-calls works only with --emulator (it would write to your amoCRM)");
    }
    AmoUrl url;
    try {
      url = AmoUrl.parse(amoUrl, allowInsecureLocal);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    String secret = Optional.ofNullable(token).orElse(System.getenv("AMO_TOKEN"));
    if (secret == null || secret.isBlank()) {
      throw usage("--amo-url needs a token: --token TOKEN, or set AMO_TOKEN");
    }
    url.account().filter(a -> !a.host().equals(s.account().host())).ifPresent(a ->
        err.line("warning: --amo-url is " + a.host() + " but the settings' account is "
            + s.account().host() + "; links will point at the settings' account"));
    try {
      return Target.remote(s, url, secret, rateLimit);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw usage(e.getMessage());
    }
  }

  ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
