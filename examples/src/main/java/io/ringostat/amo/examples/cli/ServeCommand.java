package io.ringostat.amo.examples.cli;

import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.journal.Journal;
import io.ringostat.amo.webhooks.WebhookServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: runs the HTTP receiver ({@code ringostat-amo-webhooks}) in front of an engine on
 * the target: signed call events in, amoCRM's webhooks refreshing routing; until SIGTERM or Ctrl-C.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Receives call events over HTTP (POST /calls, HMAC-signed, docs/sources.md) and "
        + "amoCRM's webhooks (POST /amocrm/webhook/<token>), and delivers the events to amoCRM "
        + "(or the emulator). With --oauth-client-id it also installs accounts from amoCRM "
        + "(GET /amocrm/install, GET /amocrm/disconnect; docs/install.md). Runs until SIGTERM "
        + "or Ctrl-C.",
        "The secrets come from environment variables, never from the command line."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped by a signal", "1:amoCRM did not activate, the journal is locked, "
        + "or the port cannot be bound", "2:usage error"})
final class ServeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  TargetOptions target;

  @Mixin
  InstallOptions install;

  @Option(names = "--journal", paramLabel = "DIR",
      description = "Keep the durable SQLite journal in DIR (created if missing). Strongly "
          + "advised: a 2xx promises the sender the event is kept. Default: in memory.")
  Path journalDir;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "The address to listen on (default: ${DEFAULT-VALUE}; put a TLS proxy in "
          + "front, or 0.0.0.0 behind a firewall).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
      description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--secret-env", paramLabel = "NAME", required = true,
      description = "The environment variable holding the shared HMAC secret (at least 16 "
          + "characters, e.g. from `openssl rand -hex 32`).")
  String secretEnv;

  @Option(names = "--amo-token-env", paramLabel = "NAME",
      description = "The environment variable holding the path token of the amoCRM webhook URL "
          + "(/amocrm/webhook/<token>; 16 to 128 of A-Z a-z 0-9 _ -). Without it amoCRM "
          + "webhooks are accepted at /amocrm/webhook.")
  String amoTokenEnv;

  @Option(names = "--amo-account-id", paramLabel = "ID",
      description = "Also require amoCRM webhooks to carry this account[id].")
  Long amoAccountId;

  @Option(names = "--require-timestamp",
      description = "Refuse posts without a signed X-Ringostat-Timestamp (replay protection).")
  boolean requireTimestamp;

  /** Counted down to stop serving; the shutdown hook (SIGTERM, Ctrl-C) and tests use it. */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() {
    Out out = RingostatAmo.out(spec);
    Out err = RingostatAmo.err(spec);
    byte[] secret = env(secretEnv, "--secret-env").getBytes(StandardCharsets.UTF_8);
    String amoToken = amoTokenEnv == null ? null : env(amoTokenEnv, "--amo-token-env");
    IntegrationSettings settings = target.loadSettings(err);
    if (install.enabled()) {
      String clientSecret;
      try {
        clientSecret = install.secret();
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      if (install.redirectUri != null) {
        target.emulatorSetup = b -> b.oauthClient(install.clientId, clientSecret,
            install.redirectUri, null);
      }
    }
    try (Target t = target.open(settings, err)) {
      Optional<Journal> opened = Startup.journal(journalDir, err);
      if (opened.isEmpty()) {
        return 1;
      }
      Journal journal = opened.get();
      try (IntegrationEngine engine = t.engine(journal, Clock.systemUTC(),
          new Outcomes(a -> err.line("ALERT " + a.kind() + ": " + a.message())))) {
        if (!Startup.activate(engine, err)) {
          return 1;
        }
        WebhookServer.Builder b = WebhookServer.builder().engine(engine).host(host).port(port)
            .requireTimestamp(requireTimestamp);
        try {
          b.secret(secret);
          if (amoToken != null) {
            b.amoPathToken(amoToken);
          }
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (amoAccountId != null) {
          b.amoAccountId(amoAccountId);
        }
        InstallOptions.Running installs = null;
        if (install.enabled()) {
          try {
            installs = install.open(settings, java.util.Optional.ofNullable(journalDir)
                .map(d -> d.resolve("installed")),
                t.emulator().map(io.ringostat.amo.testkit.AmoEmulator::baseUrl), err);
          } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
          }
          b.oauthInstall(installs.install());
        }
        WebhookServer server;
        try {
          server = b.build().start();
        } catch (IllegalArgumentException e) {
          closeQuietly(installs);
          throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (IllegalStateException e) {
          closeQuietly(installs);
          err.line("error: " + e.getMessage());
          return 1;
        }
        Thread hook = new Thread(stop::countDown, "ringostat-amo-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (server) {
          out.line("Delivering to " + t.description());
          out.line("Journal: " + (journalDir != null ? journalDir + " (SQLite, durable)"
              : "in memory (--journal DIR keeps what was accepted across restarts)"));
          out.line("Listening on " + server.uri() + ": POST /calls" + ", POST /amocrm/webhook"
              + (amoToken != null ? "/<token>" : "") + (installs != null
              ? ", GET /amocrm/install, GET /amocrm/disconnect" : "") + ". Stop with Ctrl-C.");
          if (installs != null) {
            out.line("Install link (single use, 15 minutes):");
            out.writer().println(installs.installLink()); // unwrapped: it must stay copyable
            out.writer().flush();
          }
          stop.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          closeQuietly(installs);
          try {
            Runtime.getRuntime().removeShutdownHook(hook);
          } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting through the hook
          }
        }
        out.line("Stopped; " + engine.metrics().journal().pending() + " event(s) still pending"
            + (journalDir != null ? " in " + journalDir : ""));
        return 0;
      }
    }
  }

  private static void closeQuietly(InstallOptions.Running installs) {
    if (installs != null) {
      installs.close();
    }
  }

  private String env(String name, String option) {
    String v = System.getenv(name);
    if (v == null || v.isBlank()) {
      throw new ParameterException(spec.commandLine(), option + " " + name
          + ": the environment variable is not set");
    }
    return v;
  }
}
