package io.ringostat.amo.examples.cli;

import io.ringostat.amo.core.Decider;
import io.ringostat.amo.engine.ActivationResult;
import io.ringostat.amo.engine.EngineState;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.engine.journal.Journal;
import io.ringostat.amo.engine.journal.JournalCounts;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.PhoneParse;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.plan.PlanPrinter;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.SettingsProblem;
import io.ringostat.amo.core.spi.CrmException;
import io.ringostat.amo.journal.sqlite.JournalLockedException;
import io.ringostat.amo.journal.sqlite.SqliteJournal;
import io.ringostat.amo.journal.sqlite.SqliteJournalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code replay}: sends the call events of a JSONL file through the engine to amoCRM (or the
 * emulator), printing what became of each; {@code --dry-run} only prints the plans.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Replays a calls file (JSON Lines, one call event per line, docs/events.md) "
        + "through the integration engine and prints a summary per event.",
        "Malformed lines are reported with their line number and skipped. With --dry-run the "
        + "plans are printed and nothing is written to the CRM."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every event delivered, nothing to do, or a duplicate",
        "1:an event failed or was not delivered, a line was malformed, amoCRM unreachable, "
            + "the journal is locked by another process",
        "2:usage error"})
final class ReplayCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  TargetOptions target;

  @Option(names = "--calls", paramLabel = "FILE", required = true,
      description = "The calls file: JSON Lines, one call event per line (docs/events.md).")
  Path calls;

  @Option(names = "--journal", paramLabel = "DIR",
      description = "Keep the durable SQLite journal in DIR (created if missing). Undelivered "
          + "events stay there and are delivered by the next run. Default: in memory.")
  Path journalDir;

  @Option(names = "--dry-run",
      description = "Look each client up (read-only) and print the plan with its explanation; "
          + "write nothing to the CRM.")
  boolean dryRun;

  @Option(names = {"-d", "--details"},
      description = "Print a block per event (explanation, effects, links) instead of one line.")
  boolean details;

  @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "60s",
      converter = DurationConverter.class,
      description = "How long to wait for an event whose delivery is being retried "
          + "(default: ${DEFAULT-VALUE}).")
  Duration wait;

  @Override
  public Integer call() throws IOException {
    Out out = RingostatAmo.out(spec);
    Out err = RingostatAmo.err(spec);
    IntegrationSettings settings = target.loadSettings(err);
    if (!Files.isRegularFile(calls)) {
      throw new ParameterException(spec.commandLine(), "--calls " + calls + ": no such file");
    }
    if (dryRun && journalDir != null) {
      throw new ParameterException(spec.commandLine(),
          "--journal and --dry-run exclude each other: a dry run journals nothing");
    }
    List<CallsFile.Line> lines = CallsFile.read(calls);
    try (Target t = target.open(settings, err)) {
      return dryRun ? dryRun(out, err, settings, t, lines) : replay(out, err, settings, t, lines);
    }
  }

  // --- replay -------------------------------------------------------------------------------

  private int replay(Out out, Out err, IntegrationSettings settings, Target t,
      List<CallsFile.Line> lines) throws IOException {
    Journal journal;
    if (journalDir != null) {
      try {
        journal = SqliteJournal.open(journalDir); // creates the directory, owner-only
      } catch (JournalLockedException e) {
        err.line("error: the journal " + journalDir + " is locked: another process (another"
            + " replay?) has it open. Wait for it to finish, or pass another --journal DIR.");
        return 1;
      } catch (SqliteJournalException e) {
        err.line("error: cannot open the journal " + journalDir + ": " + e.getMessage()
            + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
        return 1;
      }
    } else {
      journal = new InMemoryJournal();
    }
    Outcomes outcomes = new Outcomes(a -> err.line("ALERT " + a.kind() + ": " + a.message()));
    try (IntegrationEngine engine = t.engine(journal, Clock.systemUTC(), outcomes)) {
      out.line("Replaying " + lines.size() + " line(s) of " + calls + " to " + t.description());
      out.line("Journal: " + (journalDir != null ? journalDir + " (SQLite, durable)"
          : "in memory (--journal DIR keeps undelivered events for the next run)"));
      long leftOver = journal.counts().pending();
      ActivationResult activation = engine.activate();
      for (SettingsProblem p : activation.problems()) {
        err.line((p.isError() ? "error: " : "warning: ") + p);
      }
      if (!activation.isActive()) {
        err.line("amoCRM did not activate the integration (" + activation.state() + "): "
            + activation.message());
        return 1;
      }
      if (leftOver > 0) {
        out.line("The journal holds " + leftOver + " undelivered event(s) from an earlier run;"
            + " delivering them first.");
        awaitIdle(engine, wait);
        JournalCounts c = journal.counts();
        out.line("  now: " + c.delivered() + " delivered, " + c.failed() + " failed, "
            + c.pending() + " still pending, " + c.expired() + " expired");
      }
      ZoneId zone = engine.accountZone();
      Names names = new Names(settings, Optional.of(t.gateway().catalog(false)));
      ResultPrinter printer = new ResultPrinter(out, names, zone);
      Map<HandleResult.Status, Integer> counts = new EnumMap<>(HandleResult.Status.class);
      // The whole file is handed over first, without waiting for each event: the engine keeps
      // each phone's order and, under this backlog, sends compatible writes of different calls
      // together (R-BATCH). The report then follows the file's order.
      List<Optional<CompletableFuture<HandleResult>>> pending = new ArrayList<>();
      for (CallsFile.Line line : lines) {
        pending.add(line.event().map(engine::handleAsync));
      }
      int malformed = 0;
      int n = 0;
      int width = String.valueOf(lines.size()).length();
      for (int i = 0; i < lines.size(); i++) {
        CallsFile.Line line = lines.get(i);
        n++;
        String where = String.format(Locale.ROOT, "[%" + width + "d/%d] line %-" + width + "d",
            n, lines.size(), line.number());
        if (line.error().isPresent()) {
          malformed++;
          String why = line.error().get().getMessage();
          out.line(where + "  malformed, skipped: " + why);
          outcomes.settle(engine.reject(calls.getFileName() + " line " + line.number(), why),
              Duration.ZERO);
          continue;
        }
        CallEvent e = line.event().orElseThrow();
        HandleResult r = await(pending.get(i).orElseThrow(), e, wait);
        if (r.status() == HandleResult.Status.DEFERRED && engine.state() == EngineState.ACTIVE
            && r.seq() > 0) {
          r = outcomes.settle(r, wait);
        } else {
          outcomes.settle(r, Duration.ZERO);
        }
        counts.merge(r.status(), 1, Integer::sum);
        if (details) {
          out.blank();
          out.line(where);
          printer.block(printer.time(e, Optional.empty()), e, r, "");
        } else {
          out.line(where + "  " + Out.pad(e.callId(), 8) + " " + Out.pad(e.phase().name(), 8)
              + " " + printer.summary(e, r));
        }
      }
      int delivered = counts.getOrDefault(HandleResult.Status.DELIVERED, 0);
      int nothing = counts.getOrDefault(HandleResult.Status.NOTHING_TO_DO, 0);
      int duplicates = counts.getOrDefault(HandleResult.Status.DUPLICATE, 0);
      int kept = counts.getOrDefault(HandleResult.Status.DEFERRED, 0);
      int failed = counts.getOrDefault(HandleResult.Status.FAILED, 0)
          + counts.getOrDefault(HandleResult.Status.REJECTED, 0);
      out.blank();
      out.line(out.bold("Summary: ") + (n - malformed) + " event(s): " + delivered
          + " delivered, " + nothing + " nothing to do, " + duplicates + " duplicate(s), " + kept
          + " not delivered, " + failed + " failed; " + malformed + " malformed line(s) skipped");
      var m = engine.metrics().gateway();
      out.line("Requests: " + m.requests() + " (" + m.retries() + " retries, " + m.throttled()
          + " answered 429); integration " + engine.state());
      if (kept > 0) {
        err.line(kept + " event(s) were not delivered (the integration is " + engine.state()
            + "). " + (journalDir != null ? "They are kept in " + journalDir + ": run replay "
            + "again with the same --journal (and a new token if it was refused) to deliver them."
            : "Without --journal they are not kept: fix the cause and replay the file again."));
      }
      t.emulator().ifPresent(amo -> {
        out.heading("The emulated CRM after the replay");
        new Board(out, amo, names, zone).print();
      });
      return failed > 0 || malformed > 0 || kept > 0 ? 1 : 0;
    }
  }

  /**
   * The outcome of a handed-over event, waiting at most {@code max}; after that it is reported as
   * still being delivered (the journal keeps it).
   */
  private static HandleResult await(CompletableFuture<HandleResult> f, CallEvent e,
      Duration max) {
    try {
      return f.get(max.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException x) {
      return new HandleResult(0, e.callId(), HandleResult.Status.DEFERRED, Optional.empty(),
          List.of(), "journaled and still being delivered after " + max.toSeconds() + " s",
          Optional.empty());
    } catch (InterruptedException x) {
      Thread.currentThread().interrupt();
      return new HandleResult(0, e.callId(), HandleResult.Status.DEFERRED, Optional.empty(),
          List.of(), "journaled; interrupted while waiting for the delivery", Optional.empty());
    }
  }

  /** Waits until the journal has no pending event or {@code max} passed. */
  static void awaitIdle(IntegrationEngine engine, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (engine.metrics().journal().pending() > 0 && System.nanoTime() < deadline
        && engine.state() == EngineState.ACTIVE) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  // --- dry run ------------------------------------------------------------------------------

  private int dryRun(Out out, Out err, IntegrationSettings settings, Target t,
      List<CallsFile.Line> lines) {
    out.line("Dry run: planning " + lines.size() + " line(s) of " + calls + " against "
        + t.description() + ". Lookups only; nothing is written.");
    out.line("Each event is planned against the CRM as it is now, without what earlier events "
        + "would have created.");
    try {
      t.gateway().probe();
    } catch (CrmException e) {
      err.line("amoCRM did not answer the probe (" + e.kind() + "): " + e.getMessage());
      return 1;
    }
    ZoneId zone = settings.account().timeZone().orElse(ZoneId.of("UTC"));
    ResultPrinter printer = new ResultPrinter(out, new Names(settings, Optional.empty()), zone);
    int malformed = 0;
    int failed = 0;
    int planned = 0;
    for (CallsFile.Line line : lines) {
      out.blank();
      if (line.error().isPresent()) {
        malformed++;
        out.line("line " + line.number() + "  malformed, skipped: "
            + line.error().get().getMessage());
        continue;
      }
      CallEvent e = line.event().orElseThrow();
      out.line(out.bold("line " + line.number() + "  " + printer.time(e, Optional.empty()) + "  "
          + e.callId() + " " + e.phase() + " " + e.direction().name().toLowerCase(Locale.ROOT)
          + "  " + e.clientPhone()));
      PhoneParse phone = Decider.phone(e, settings);
      Optional<CrmView> view;
      try {
        view = phone.number().map(p -> t.gateway().lookup(p, Set.of()));
      } catch (CrmException ex) {
        failed++;
        out.line(out.red("  lookup failed (" + ex.kind() + "): " + ex.getMessage()));
        continue;
      }
      Plan plan = Decider.matrix().decide(e, view, settings, CallProgress.empty());
      planned++;
      view.ifPresent(v -> out.line("  CRM holds: " + v.contacts().size() + " contact(s), "
          + v.deals().size() + " deal(s) (" + v.openDeals().size() + " open)"));
      for (String l : PlanPrinter.print(plan).split("\n")) {
        out.line("  " + l);
      }
    }
    out.blank();
    out.line(out.bold("Dry run: ") + planned + " event(s) planned, " + failed
        + " lookup(s) failed, " + malformed + " malformed line(s) skipped; nothing was written.");
    return failed > 0 || malformed > 0 ? 1 : 0;
  }
}
