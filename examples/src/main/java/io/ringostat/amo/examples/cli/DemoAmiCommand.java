package io.ringostat.amo.examples.cli;

import io.ringostat.amo.asterisk.AmiCallSource;
import io.ringostat.amo.asterisk.AmiConfig;
import io.ringostat.amo.asterisk.AmiExtras;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.engine.ActivationResult;
import io.ringostat.amo.engine.Alert;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.json.SettingsJson;
import io.ringostat.amo.testkit.AmoEmulator;
import io.ringostat.amo.testkit.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code demo-ami}: an Asterisk PBX's calls end to end (R-SOURCES). A loopback {@link
 * AmiReplayServer} plays a recorded AMI session ({@code demo/ami/session.txt}) as Asterisk would;
 * the {@code ringostat-amo-asterisk} adapter logs in to it, follows the calls and hands each {@link
 * CallEvent} to {@code engine::handleAsync}; the engine writes to the embedded amoCRM emulator;
 * then the CRM board. Needs nothing but the JVM.
 */
@Command(name = "demo-ami", mixinStandardHelpOptions = true,
    description = {"Replays a recorded Asterisk Manager Interface session (answered, missed, busy, "
        + "outbound, a queue, an attended transfer, a recording, a connection dropped mid-call) "
        + "through the AMI adapter into the engine and the embedded amoCRM emulator; then the CRM "
        + "board.",
        "No Asterisk, no amoCRM account, no network: everything runs in this process."})
final class DemoAmiCommand implements Callable<Integer> {
  static final String SESSION = "demo/ami/session.txt";
  private static final String AMI_USER = "ringostat";
  private static final Duration QUIET = Duration.ofMillis(500);
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Spec
  CommandSpec spec;

  @Option(names = "--rate-limit", paramLabel = "N", defaultValue = "50",
      description = "Requests per second in the emulator and the gateway (default: "
          + "${DEFAULT-VALUE}; amoCRM itself allows 7).")
  double rateLimit;

  private final List<Handled> handled = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Alert> alerts = new ConcurrentLinkedQueue<>();

  /** An event the adapter made, and what the engine answered. */
  private record Handled(CallEvent event, CompletableFuture<HandleResult> result) {}

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    Out out = RingostatAmo.out(spec);
    if (!(rateLimit > 0) || rateLimit > 1000) {
      throw new ParameterException(spec.commandLine(),
          "--rate-limit: must be above 0 and at most 1000");
    }
    IntegrationSettings settings = SettingsJson.parse(DemoCommand.resource("demo/settings.json"));
    ZoneId zone = settings.account().timeZone().orElse(ZoneId.of("UTC"));
    String session = DemoCommand.resource(SESSION);
    String secret = UUID.randomUUID().toString();
    AmoEmulator.Builder crm = AmoEmulator.builder().fromSettings(settings);
    DemoClients.seed(crm);
    // One clock for the engine and the adapter, following the calls' times (as in `demo`); at the
    // drop it moves to the drop's moment, so a call cut by it ends then, on the calls' day.
    ManualClock clock = ManualClock.at(Instant.parse("2026-11-26T06:00:00Z"));
    try (Target target = Target.emulator(settings, rateLimit, crm);
        AmiReplayServer pbx = new AmiReplayServer(session, AMI_USER, secret,
            at -> advance(clock, at))) {
      AmoEmulator amo = target.emulator().orElseThrow();
      Names names = new Names(settings, Optional.of(amo.catalog()));
      AmiConfig config = AmiConfig.builder().host("127.0.0.1").port(pbx.port())
          .username(AMI_USER).secret(secret)
          .trunkContexts(Set.of("from-trunk")).internalContexts(Set.of("from-internal"))
          .recordingUrl(f -> "https://pbx.example.com/records/"
              + f.substring(f.lastIndexOf('/') + 1))
          .clock(clock)
          .build();
      intro(out, settings, amo, names, pbx, config, zone);

      Outcomes outcomes = new Outcomes(alerts::add);
      try (IntegrationEngine engine = target.engine(new InMemoryJournal(), clock, outcomes)) {
        ActivationResult a = engine.activate();
        out.line("engine.activate(): " + a.state() + (a.problems().isEmpty() ? ""
            : " " + a.problems()));
        follow(out, pbx, config, clock, engine);
        return report(out, outcomes, names, zone, amo, pbx, started);
      }
    }
  }

  private void intro(Out out, IntegrationSettings s, AmoEmulator amo, Names names,
      AmiReplayServer pbx, AmiConfig config, ZoneId zone) {
    out.heading("ringostat-amo demo-ami: an Asterisk PBX's calls, end to end, on an emulated "
        + "amoCRM");
    out.para("A stand-in for Asterisk on 127.0.0.1 plays a recorded Manager Interface session ("
        + SESSION + ", " + pbx.size() + " AMI events, in the wire format Asterisk sends). The "
        + "ringostat-amo-asterisk adapter (AmiCallSource) logs in, follows every call by its "
        + "Linkedid and hands its CallEvents to engine::handleAsync; the engine journals them, "
        + "looks the callers up and writes to the amoCRM emulator. During the ninth call the "
        + "stand-in drops the connection, as a restarting Asterisk would: the adapter finishes "
        + "that call from what it knew, marked incomplete, and reconnects after a backoff. No "
        + "Asterisk, no account, nothing leaves this machine.");
    out.blank();
    out.line("Asterisk    AMI at 127.0.0.1:" + pbx.port() + " (" + AmiReplayServer.BANNER
        + "), user " + config.username() + "; trunk contexts " + config.trunkContexts()
        + ", internal " + config.internalContexts());
    out.line("Account     " + s.account().host() + " (" + zone + "), emulated at "
        + amo.baseUrl());
    out.line("Employees   " + s.employees().stream().map(e -> e.name() + " " + e.sipLogins())
        .collect(Collectors.joining(", ")));
    out.line("Matrix      " + s.matrix().name() + "; missed calls of new clients go to "
        + names.user(s.seniorManagerUserId()));
    out.section("The CRM before the calls: clients from earlier weeks");
    for (DemoClients.Client c : DemoClients.CLIENTS) {
      out.line("  " + Out.pad(c.name(), 16) + Out.pad(c.phone(), 15) + " responsible "
          + Out.pad(names.user(c.responsible()), 18) + " deal in " + names.pipeline(c.pipeline())
          + " / " + names.status(c.pipeline(), c.status()));
    }
  }

  /** Runs the adapter until the whole session was sent and the events stopped coming. */
  private void follow(Out out, AmiReplayServer pbx, AmiConfig config, ManualClock clock,
      IntegrationEngine engine) throws InterruptedException {
    AmiCallSource source = AmiCallSource.create(config, e -> {
      advance(clock, e.occurredAt());
      handled.add(new Handled(e, engine.handleAsync(e)));
    });
    try {
      try {
        source.start().get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("the AMI adapter did not log in: " + e.getMessage(), e);
      }
      out.line("AmiCallSource.start(): logged in to " + config.host() + ":" + config.port()
          + " as " + config.username() + " (the secret is never printed or logged)");
      if (!pbx.awaitSent(WAIT.toSeconds(), TimeUnit.SECONDS)) {
        throw new IllegalStateException("the AMI replay did not finish within " + WAIT);
      }
      // The reader thread works through what was sent: done when every call it reported has
      // ended and nothing more came for a while (every call of the session ends).
      int seen = -1;
      long deadline = System.nanoTime() + WAIT.toNanos();
      while ((seen != handled.size() || !allEnded()) && System.nanoTime() < deadline) {
        seen = handled.size();
        Thread.sleep(QUIET.toMillis());
      }
    } finally {
      source.close();
    }
  }

  private boolean allEnded() {
    Set<String> open = new java.util.HashSet<>();
    for (Handled h : handled) {
      if (h.event().phase() == CallPhase.ENDED) {
        open.remove(h.event().callId());
      } else {
        open.add(h.event().callId());
      }
    }
    return open.isEmpty();
  }

  private static void advance(ManualClock clock, Instant to) {
    synchronized (clock) {
      if (clock.instant().isBefore(to)) {
        clock.set(to);
      }
    }
  }

  private int report(Out out, Outcomes outcomes, Names names, ZoneId zone, AmoEmulator amo,
      AmiReplayServer pbx, long started) {
    ResultPrinter printer = new ResultPrinter(out, names, zone);
    Map<HandleResult.Status, Integer> counts = new EnumMap<>(HandleResult.Status.class);
    List<String> calls = new ArrayList<>();
    LocalDate day = handled.isEmpty() ? LocalDate.now(zone)
        : handled.get(0).event().startedAt().atZone(zone).toLocalDate();
    out.heading(day + ": the calls as the AMI adapter reported them, and what the engine did");
    for (Handled h : handled) {
      CallEvent e = h.event();
      HandleResult r = outcomes.settle(h.result().join(), WAIT);
      counts.merge(r.status(), 1, Integer::sum);
      if (!calls.contains(e.callId())) {
        calls.add(e.callId());
        out.blank();
      }
      printer.block(printer.time(e, Optional.of(day)), e, r, adapterNote(e, names));
      for (Alert a = alerts.poll(); a != null; a = alerts.poll()) {
        out.line(out.red("  ALERT " + a.kind() + ": " + a.message()));
      }
    }
    out.heading("The CRM board: what the emulated amoCRM holds now (read through the emulator's "
        + "inspection API)");
    new Board(out, amo, names, zone).print();
    int bad = counts.getOrDefault(HandleResult.Status.FAILED, 0)
        + counts.getOrDefault(HandleResult.Status.REJECTED, 0)
        + counts.getOrDefault(HandleResult.Status.DEFERRED, 0);
    out.blank();
    out.line(out.bold("AMI: ") + pbx.size() + " events in the session, " + pbx.drops()
        + " dropped connection, " + calls.size() + " calls, " + handled.size()
        + " call events: " + counts.entrySet().stream()
            .filter(x -> x.getValue() != 0)
            .map(x -> x.getValue() + " " + x.getKey().name().toLowerCase(Locale.ROOT)
                .replace('_', ' '))
            .collect(Collectors.joining(", ")));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    out.line(out.bold("Done") + " in " + String.format(Locale.ROOT, "%.1f", millis / 1000.0)
        + " s. Connect your Asterisk: docs/sources.md#asterisk-ami.");
    return bad > 0 ? 1 : 0;
  }

  /** What the adapter learned beyond the event's fields: queue, transfer legs, recording. */
  private static String adapterNote(CallEvent e, Names names) {
    Map<String, String> x = e.tracking().extra();
    List<String> parts = new ArrayList<>();
    Optional.ofNullable(x.get(AmiExtras.QUEUE)).ifPresent(q -> parts.add("queue " + q));
    Optional.ofNullable(x.get(AmiExtras.TRANSFER)).ifPresent(t -> parts.add(t + " transfer"));
    String legs = x.get(AmiExtras.LEGS);
    if (legs != null) {
      List<String> each = new ArrayList<>();
      for (int n = 1; x.containsKey(AmiExtras.LEG_PREFIX + n + "_endpoint"); n++) {
        String p = AmiExtras.LEG_PREFIX + n + "_";
        each.add(names.endpoint(x.get(p + "endpoint")) + " " + x.get(p + "seconds") + " s");
      }
      parts.add(legs + " legs: " + String.join(", ", each));
    }
    Optional.ofNullable(x.get(AmiExtras.INCOMPLETE)).ifPresent(i -> parts.add("incomplete: " + i));
    if (e.phase() == CallPhase.ENDED) {
      e.recordingUrl().ifPresent(u -> parts.add("recording " + u));
    }
    return parts.isEmpty() ? "" : "from AMI: " + String.join("; ", parts);
  }
}
