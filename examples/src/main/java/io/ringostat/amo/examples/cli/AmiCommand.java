package io.ringostat.amo.examples.cli;

import io.ringostat.amo.asterisk.AmiCallSource;
import io.ringostat.amo.asterisk.AmiConfig;
import io.ringostat.amo.asterisk.AmiLoginException;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.journal.Journal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ami}: follows an Asterisk's calls over AMI ({@code ringostat-amo-asterisk}) and delivers
 * them to amoCRM (or the emulator), a summary line per event, until SIGTERM or Ctrl-C. What a host
 * embeds in Java (docs/sources.md), runnable as it is.
 */
@Command(name = "ami", mixinStandardHelpOptions = true,
    description = {"Connects to an Asterisk Manager Interface, follows the calls and delivers their "
        + "events to amoCRM (or the emulator), a line per event. Runs until SIGTERM or Ctrl-C; "
        + "reconnects with backoff when the connection drops (docs/sources.md#asterisk-ami).",
        "The AMI secret comes from an environment variable, never from the command line."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped by a signal", "1:amoCRM did not activate, Asterisk refused the "
        + "login, or the journal is locked", "2:usage error"})
final class AmiCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  TargetOptions target;

  @Option(names = "--journal", paramLabel = "DIR",
      description = "Keep the durable SQLite journal in DIR (created if missing). Default: in "
          + "memory.")
  Path journalDir;

  @Option(names = "--ami-host", paramLabel = "HOST", required = true,
      description = "Asterisk's address (manager.conf bindaddr).")
  String amiHost;

  @Option(names = "--ami-port", paramLabel = "PORT", defaultValue = "5038",
      description = "The AMI port (default: ${DEFAULT-VALUE}).")
  int amiPort;

  @Option(names = "--ami-user", paramLabel = "NAME", required = true,
      description = "The manager.conf user (read = call,dialplan,agent).")
  String amiUser;

  @Option(names = "--ami-secret-env", paramLabel = "NAME", required = true,
      description = "The environment variable holding that user's secret.")
  String amiSecretEnv;

  @Option(names = "--trunk-context", paramLabel = "CONTEXT", split = ",",
      description = "Dialplan contexts where inbound calls start (default: from-trunk,from-pstn).")
  List<String> trunkContexts;

  @Option(names = "--internal-context", paramLabel = "CONTEXT", split = ",",
      description = "Dialplan contexts of the employees' phones (default: from-internal).")
  List<String> internalContexts;

  @Option(names = "--trunk-endpoint", paramLabel = "ENDPOINT", split = ",",
      description = "Trunk endpoints, for trunks whose context is not a trunk context.")
  List<String> trunkEndpoints;

  @Option(names = "--recording-url-prefix", paramLabel = "URL",
      description = "Where the recordings are served: MixMonitor's file name is appended "
          + "(e.g. https://pbx.example.com/rec/). Without it no link is sent.")
  String recordingUrlPrefix;

  /** Counted down to stop; the shutdown hook (SIGTERM, Ctrl-C) and tests use it. */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() {
    Out out = RingostatAmo.out(spec);
    Out err = RingostatAmo.err(spec);
    AmiConfig config = config(env(amiSecretEnv));
    IntegrationSettings settings = target.loadSettings(err);
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
        out.line("Delivering to " + t.description());
        out.line("Journal: " + (journalDir != null ? journalDir + " (SQLite, durable)"
            : "in memory (--journal DIR keeps the events across restarts)"));
        ResultPrinter printer = new ResultPrinter(out, new Names(settings,
            t.emulator().map(a -> a.catalog())),
            settings.account().timeZone().orElse(ZoneId.of("UTC")));
        return follow(config, engine, printer, out, err);
      }
    }
  }

  private int follow(AmiConfig config, IntegrationEngine engine, ResultPrinter printer, Out out,
      Out err) {
    AmiCallSource source = AmiCallSource.create(config, e -> engine.handleAsync(e)
        .thenAccept(r -> print(out, printer, e, r)));
    Thread hook = new Thread(stop::countDown, "ringostat-amo-ami-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try (source) {
      out.line("Connecting to Asterisk AMI at " + config.host() + ":" + config.port() + " as "
          + config.username() + " (retrying with backoff until it answers). Stop with Ctrl-C.");
      CompletableFuture<Void> login = source.start();
      login.whenComplete((ok, failure) -> {
        if (failure == null) {
          out.line("Logged in; following calls (trunk contexts " + config.trunkContexts()
              + ", internal " + config.internalContexts() + ")");
        } else {
          stop.countDown();
        }
      });
      stop.await();
      if (login.isCompletedExceptionally()) {
        Throwable why = cause(login);
        err.line("error: " + why.getMessage());
        return why instanceof AmiLoginException ? 1 : 0;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
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

  private static void print(Out out, ResultPrinter printer, CallEvent e, HandleResult r) {
    synchronized (out) {
      out.line(Out.pad(e.callId(), 14) + " " + Out.pad(e.phase().name(), 8) + " "
          + printer.summary(e, r));
    }
  }

  private AmiConfig config(String secret) {
    AmiConfig.Builder b = AmiConfig.builder().host(amiHost).port(amiPort).username(amiUser)
        .secret(secret);
    Optional.ofNullable(trunkContexts).map(Set::copyOf).ifPresent(b::trunkContexts);
    Optional.ofNullable(internalContexts).map(Set::copyOf).ifPresent(b::internalContexts);
    Optional.ofNullable(trunkEndpoints).map(Set::copyOf).ifPresent(b::trunkEndpoints);
    if (recordingUrlPrefix != null) {
      String prefix = recordingUrlPrefix;
      b.recordingUrl(f -> prefix + f.substring(f.lastIndexOf('/') + 1));
    }
    try {
      return b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static Throwable cause(CompletableFuture<Void> f) {
    try {
      f.get();
      return new IllegalStateException("not failed");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e;
    }
  }

  private String env(String name) {
    String v = System.getenv(name);
    if (v == null || v.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--ami-secret-env " + name
          + ": the environment variable is not set");
    }
    return v;
  }
}
