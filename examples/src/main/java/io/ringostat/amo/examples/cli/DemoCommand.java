package io.ringostat.amo.examples.cli;

import io.ringostat.amo.engine.ActivationResult;
import io.ringostat.amo.engine.Alert;
import io.ringostat.amo.engine.EngineState;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.ReactivationResult;
import io.ringostat.amo.engine.journal.JournalEntry;
import io.ringostat.amo.core.hours.Schedules;
import io.ringostat.amo.core.hours.WorkInterval;
import io.ringostat.amo.core.hours.WorkingHours;
import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.text.Language;
import java.time.DayOfWeek;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.PipelineRule;
import io.ringostat.amo.journal.sqlite.SqliteJournal;
import io.ringostat.amo.json.SettingsJson;
import io.ringostat.amo.okhttp.LongLivedToken;
import io.ringostat.amo.testkit.AmoEmulator;
import io.ringostat.amo.testkit.ManualClock;
import io.ringostat.amo.testkit.StoredUnsorted;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: a day of calls at a small shop on an emulated amoCRM, covering every scenario of
 * SPEC §3 (R-V1, R-V2, R-UNS, R-PIPE, R-KEEP), then the CRM board. Needs nothing but the JVM.
 *
 * <p>The day ({@code demo/day.jsonl}) runs with the RECOMMENDED matrix; in the middle the token
 * is revoked (the seed's "the user changed the password"), calls are journaled while the
 * integration is BROKEN, and a new token reactivates it and resends them. Two short sections then
 * switch the same account to UNSORTED ({@code demo/unsorted.jsonl}) and UPDATE_ONLY ({@code
 * demo/update-only.jsonl}).
 *
 * <p>The engine runs on a replay clock that follows the calls' times, so the resend window
 * (R-KEEP) is judged on the day of the calls, whatever today's date is.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Replays a bundled day of calls on an embedded amoCRM emulator and prints, per "
        + "call, the scenario, the plan's explanation and what was done; then the CRM board.",
        "No amoCRM account, no network: everything runs in this process."})
final class DemoCommand implements java.util.concurrent.Callable<Integer> {
  /** Where the demo day happens: the settings' time zone. */
  private static final LocalTime REVOKE_AT = LocalTime.of(13, 0);
  private static final LocalTime REACTIVATE_AT = LocalTime.of(14, 30);
  private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm");
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Spec
  CommandSpec spec;

  @Option(names = "--rate-limit", paramLabel = "N", defaultValue = "50",
      description = "Requests per second in the emulator and the gateway (default: "
          + "${DEFAULT-VALUE}; amoCRM itself allows 7, which makes the day take a minute).")
  double rateLimit;

  @Option(names = "--language", paramLabel = "ru|uk|en",
      description = "The language of the CRM texts (default: the account's; the demo account is "
          + "Ukrainian, so Ukrainian).")
  String language;

  private Out out;
  private Outcomes outcomes;
  private ResultPrinter printer;
  private ZoneId zone;
  private final ConcurrentLinkedQueue<Alert> alerts = new ConcurrentLinkedQueue<>();
  private final Map<HandleResult.Status, Integer> counts =
      new EnumMap<>(HandleResult.Status.class);
  private int step;
  private int steps;  // events in the bundled files, for the [n/N] progress
  private int expiredCount;

  @Override
  public Integer call() throws IOException {
    long started = System.nanoTime();
    out = RingostatAmo.out(spec);
    if (!(rateLimit > 0) || rateLimit > 1000) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--rate-limit: must be above 0 and at most 1000");
    }
    IntegrationSettings file = SettingsJson.parse(resource("demo/settings.json"));
    zone = file.account().timeZone().orElse(ZoneId.of("UTC"));
    IntegrationSettings settings = daySettings(file, language());
    List<CallEvent> day = events("demo/day.jsonl");
    List<CallEvent> unsorted = events("demo/unsorted.jsonl");
    List<CallEvent> updateOnly = events("demo/update-only.jsonl");
    steps = day.size() + unsorted.size() + updateOnly.size();
    Path dir = Files.createTempDirectory("ringostat-amo-demo-");
    ManualClock clock = ManualClock.at(day.get(0).startedAt().minus(Duration.ofHours(1)));
    AmoEmulator.Builder crm = AmoEmulator.builder().fromSettings(settings);
    DemoClients.seed(crm);
    try (Target target = Target.emulator(settings, rateLimit, crm)) {
      AmoEmulator amo = target.emulator().orElseThrow();
      Names names = new Names(settings, Optional.of(amo.catalog()));
      printer = new ResultPrinter(out, names, zone);
      intro(settings, amo, names, dir);

      // --- 1. the day, RECOMMENDED, with a broken token in the middle -----------------------
      LocalDate date = day.get(0).startedAt().atZone(zone).toLocalDate();
      out.heading("1. " + date + ": a day of calls with the RECOMMENDED matrix (R-V1, R-PIPE, "
          + "R-KEEP)");
      outcomes = new Outcomes(alerts::add);
      try (IntegrationEngine engine = target.engine(SqliteJournal.open(dir.resolve("day")), clock,
          outcomes)) {
        activate(engine);
        runDay(engine, amo, day, clock, date);
        routing(engine, clock, date);
      }

      // --- 2. UNSORTED ------------------------------------------------------------------------
      IntegrationSettings unsortedSettings = IntegrationSettings.builder().from(settings)
          .matrix(MatrixPresets.UNSORTED).build();
      LocalDate date2 = unsorted.get(0).startedAt().atZone(zone).toLocalDate();
      out.heading("2. " + date2 + " morning: the account switches to the UNSORTED matrix (R-UNS)");
      out.para("New clients become unsorted (SIP) requests for the senior manager, which any "
          + "manager can accept in amoCRM; repeat callers go into their entities.");
      Target unsortedTarget = target.withSettings(unsortedSettings);
      outcomes = new Outcomes(alerts::add);
      try (IntegrationEngine engine = unsortedTarget.engine(
          SqliteJournal.open(dir.resolve("unsorted")), clock, outcomes)) {
        activate(engine);
        for (CallEvent e : unsorted) {
          if (e.callId().equals("u-203") && e.phase() == CallPhase.ENDED) {
            acceptFirstRequest(amo, names);
          }
          play(engine, List.of(e), clock, date2, "");
        }
      }

      // --- 3. UPDATE_ONLY ---------------------------------------------------------------------
      IntegrationSettings updateSettings = IntegrationSettings.builder().from(settings)
          .matrix(MatrixPresets.UPDATE_ONLY).updateOnlyRetryDelay(Duration.ofSeconds(1)).build();
      out.heading("3. " + date2 + " afternoon: the UPDATE_ONLY matrix (R-V2)");
      out.para("Another integration creates the entities; the SDK only finds them by phone and "
          + "adds call records and tracking data. It never creates a contact or a deal; with "
          + "nothing found it looks again once after updateOnlyRetryDelay (1 s here).");
      outcomes = new Outcomes(alerts::add);
      try (IntegrationEngine engine = target.withSettings(updateSettings).engine(
          SqliteJournal.open(dir.resolve("update-only")), clock, outcomes)) {
        activate(engine);
        for (CallEvent e : updateOnly) {
          play(engine, List.of(e), clock, date2, "");
        }
      }

      // --- the board --------------------------------------------------------------------------
      out.heading("The CRM board: what the emulated amoCRM holds now (read through the emulator's "
          + "inspection API)");
      Board board = new Board(out, amo, names, zone);
      board.print();
      int bad = counts.getOrDefault(HandleResult.Status.FAILED, 0)
          + counts.getOrDefault(HandleResult.Status.REJECTED, 0)
          + counts.getOrDefault(HandleResult.Status.DEFERRED, 0);
      out.blank();
      out.line(out.bold("Events: ") + steps + " in the calls files: " + counts.entrySet().stream()
          .filter(x -> x.getValue() != 0)
          .map(x -> x.getValue() + " " + x.getKey().name().toLowerCase(Locale.ROOT)
              .replace('_', ' '))
          .collect(Collectors.joining(", ")) + ", " + expiredCount
          + " expired (older than the resend window)");
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      out.line(out.bold("Done") + " in " + String.format(Locale.ROOT, "%.1f", millis / 1000.0)
          + " s. Replay your own calls: bin/ringostat-amo replay --settings FILE --calls "
          + "FILE.jsonl --emulator (docs/cli.md).");
      return bad > 0 ? 1 : 0;
    } finally {
      deleteQuietly(dir);
    }
  }

  // --- sections -----------------------------------------------------------------------------

  private void intro(IntegrationSettings s, AmoEmulator amo, Names names, Path dir) {
    out.heading("ringostat-amo demo: a day of calls at a furniture shop, on an emulated amoCRM");
    out.para("A telephony host sends call events (docs/events.md) to the SDK's IntegrationEngine. "
        + "The engine journals each event, looks the caller up in amoCRM, decides with the matrix "
        + "(docs/matrix.md) and carries the plan out through amoCRM's REST API v4. Here amoCRM is "
        + "the testkit's emulator on 127.0.0.1: no account, nothing leaves this machine.");
    out.blank();
    out.line("Account     " + s.account().host() + " (" + zone + "), emulated at "
        + amo.baseUrl());
    out.line("Employees   " + s.employees().stream().map(e -> e.name() + " " + e.sipLogins())
        .collect(Collectors.joining(", ")));
    out.line("Senior      " + names.user(s.seniorManagerUserId()) + ": missed calls of new "
        + "clients and settings problems go to her");
    out.line("Matrix      " + s.matrix().name() + " (R-V1); sections 2 and 3 switch to UNSORTED "
        + "(R-UNS) and UPDATE_ONLY (R-V2)");
    out.line("Hours       " + s.schedules().map(h -> hours(h.account())).orElse("always open")
        + "; outside them missed calls go to the senior manager's morning queue and deadlines "
        + "count working time (R-HOURS)");
    out.line("Texts       " + s.language().map(l -> l.code() + " (--language)")
        .orElse("the account's language, chosen at activation (R-LANG); --language ru|uk|en "
            + "shows another"));
    out.line("Filters     internal calls ignored (ignoreInternalCalls); block list "
        + (s.blockedNumbers().isEmpty() ? "empty" : s.blockedNumbers()) + " (R-FILTER)");
    out.line("Pipelines   " + s.pipelines().stream().map(p -> p.name()).collect(
        Collectors.joining(", ")) + "; rules: " + s.pipelineRules().stream()
            .map(DemoCommand::rule).collect(Collectors.joining(", ")));
    out.line("Rate limit  " + Target.fmt(rateLimit) + " requests/s in the emulator and the "
        + "gateway (amoCRM allows 7/s; raised so that the day replays in seconds)");
    out.line("Journal     SQLite in " + dir + " (deleted at the end)");
    out.line("Clock       the engine's clock follows the calls' times, so the resend window "
        + "(today and 2 days before) is judged on the day of the calls");
    out.section("The CRM before the day: clients from earlier weeks");
    for (DemoClients.Client c : DemoClients.CLIENTS) {
      out.line("  " + Out.pad(c.name(), 16) + Out.pad(c.phone(), 15) + " responsible "
          + Out.pad(names.user(c.responsible()), 18) + " deal in " + names.pipeline(c.pipeline())
          + " / " + names.status(c.pipeline(), c.status()));
    }
  }

  /**
   * The bundled settings as the demo day runs them: the office's working hours with a night
   * queue for missed calls (R-HOURS), and the CRM texts in {@code language}, else the account's
   * (R-LANG; the file pins English for the tests that share it).
   */
  static IntegrationSettings daySettings(IntegrationSettings file, Optional<Language> language) {
    ZoneId z = file.account().timeZone().orElse(ZoneId.of("UTC"));
    return IntegrationSettings.builder().from(file)
        .language(language)
        .matrix(MatrixPresets.withNightQueue(file.matrix()))
        .workingHours(Schedules.of(WorkingHours.builder(z).weekdays("09:00-19:00")
            .day(DayOfWeek.SATURDAY, "10:00-16:00")
            .holiday(LocalDate.of(2026, 12, 25)).holiday(LocalDate.of(2027, 1, 1)).build()))
        .build();
  }

  private Optional<Language> language() {
    if (language == null) {
      return Optional.empty();
    }
    return Optional.of(Language.fromCode(language.trim()).orElseThrow(() ->
        new picocli.CommandLine.ParameterException(spec.commandLine(),
            "--language: '" + language + "' is not ru, uk or en")));
  }

  private static String rule(PipelineRule r) {
    String when = r.isSimple()
        ? r.conditions().get(0).parameter() + " = \"" + r.conditions().get(0).value() + "\""
        : r.conditions().stream().map(Object::toString)
            .collect(java.util.stream.Collectors.joining(" and "));
    return when + " -> pipeline " + r.target().pipelineId();
  }

  /** "Mon-Fri 09:00-19:00, Sat 10:00-16:00; holidays 2026-12-25, 2027-01-01". */
  private static String hours(WorkingHours h) {
    List<String> days = new ArrayList<>();
    List<WorkInterval> weekday = h.week().get(DayOfWeek.MONDAY);
    boolean sameWeekdays = Stream.of(DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
        DayOfWeek.FRIDAY).allMatch(d -> h.week().get(d).equals(weekday));
    for (DayOfWeek d : DayOfWeek.values()) {
      List<WorkInterval> i = h.week().get(d);
      if (i.isEmpty() || sameWeekdays && d.getValue() > 1 && d.getValue() < 6) {
        continue;
      }
      String name = sameWeekdays && d == DayOfWeek.MONDAY ? "Mon-Fri"
          : d.getDisplayName(java.time.format.TextStyle.SHORT, Locale.ROOT);
      days.add(name + " " + i.stream().map(WorkInterval::toString)
          .collect(Collectors.joining(" ")));
    }
    return String.join(", ", days) + (h.holidays().isEmpty() ? "" : "; holidays "
        + h.holidays().stream().map(LocalDate::toString).collect(Collectors.joining(", ")));
  }

  private void activate(IntegrationEngine engine) {
    ActivationResult a = engine.activate();
    out.line("engine.activate(): " + a.state() + (a.problems().isEmpty() ? ""
        : " " + a.problems()) + "; CRM texts in " + engine.settings().effectiveLanguage().code()
        + (engine.settings().language().isPresent() && language == null
            ? " (the account's)" : ""));
    drainAlerts();
  }

  private void runDay(IntegrationEngine engine, AmoEmulator amo, List<CallEvent> day,
      ManualClock clock, LocalDate date) {
    Instant revokeAt = date.atTime(REVOKE_AT).atZone(zone).toInstant();
    Instant reactivateAt = date.atTime(REACTIVATE_AT).atZone(zone).toInstant();
    boolean revoked = false;
    boolean reactivated = false;
    List<Kept> kept = new ArrayList<>();
    int i = 0;
    while (i < day.size()) {
      CallEvent e = day.get(i);
      if (!revoked && !e.occurredAt().isBefore(revokeAt)) {
        revoked = true;
        clock.set(max(clock.instant(), revokeAt));
        narrate(revokeAt, "Iryna changes her amoCRM password: the integration's long-lived token "
            + "is revoked (the emulator now answers 401). The next call finds out.");
        amo.revokeToken(amo.token());
      }
      if (revoked && !reactivated && !e.occurredAt().isBefore(reactivateAt)) {
        reactivated = true;
        clock.set(max(clock.instant(), reactivateAt));
        reactivate(engine, amo, kept, date);
      }
      int j = i + 1;
      while (j < day.size() && day.get(j).occurredAt().equals(e.occurredAt())
          && !day.get(j).callId().equals(e.callId())) {
        j++;
      }
      List<CallEvent> group = day.subList(i, j);
      String note = group.size() > 1 ? "arrived in the same second as "
          + group.stream().map(CallEvent::callId).filter(id -> !id.equals(e.callId()))
              .collect(Collectors.joining(", ")) + " (handled concurrently)" : "";
      kept.addAll(play(engine, group, clock, date, note));
      i = j;
    }
  }

  /** Handles {@code group} concurrently, prints each outcome; returns the events kept. */
  private List<Kept> play(IntegrationEngine engine, List<CallEvent> group, ManualClock clock,
      LocalDate date, String note) {
    for (CallEvent e : group) {
      clock.set(max(clock.instant(), e.occurredAt()));
    }
    List<CompletableFuture<HandleResult>> futures = new ArrayList<>();
    for (CallEvent e : group) {
      futures.add(engine.handleAsync(e));
    }
    List<Kept> kept = new ArrayList<>();
    for (int k = 0; k < group.size(); k++) {
      CallEvent e = group.get(k);
      HandleResult r = futures.get(k).join();
      String first = "";
      if (r.status() == HandleResult.Status.DEFERRED && engine.state() == EngineState.ACTIVE) {
        first = "first: " + r.message() + "; then:";
        r = outcomes.settle(r, WAIT);
      } else {
        outcomes.settle(r, Duration.ZERO);
      }
      String n = note;
      if (!e.startedAt().atZone(zone).toLocalDate().equals(date)) {
        n = "a call from " + e.startedAt().atZone(zone).toLocalDate() + " that the PBX had failed"
            + " to send and resends now";
      } else if (k > 0 && group.size() > 1) {
        n = "";
      }
      if (!first.isEmpty() && r.status() != HandleResult.Status.DEFERRED) {
        n = n.isEmpty() ? first : n + "; " + first;
      }
      String label = "[" + (++step) + "/" + steps + "]";
      print(e, r, n, date, label);
      if (r.status() == HandleResult.Status.DEFERRED) {
        kept.add(new Kept(e, r, label));
      }
    }
    return kept;
  }

  private void reactivate(IntegrationEngine engine, AmoEmulator amo, List<Kept> kept,
      LocalDate date) {
    out.blank();
    out.para("Meanwhile the engine is " + engine.state() + " and makes no request; "
        + engine.metrics().journal().pending() + " event(s) wait in the journal; smart routing "
        + "answers 'fall through' (" + engine.route("+380671112200").fallThrough()
            .map(Enum::name).orElse("routed") + "), so calls take the next step of the "
        + "forwarding scheme.");
    Instant at = date.atTime(REACTIVATE_AT).atZone(zone).toInstant();
    String newToken = "demo-" + UUID.randomUUID();
    amo.issueLongLivedToken(newToken);
    narrate(at, "Iryna copies the new long-lived token from amoCRM into the integration settings "
        + "and reactivates it: engine.reactivate(LongLivedToken.of(newToken), resend = true).");
    ReactivationResult r = engine.reactivate(LongLivedToken.of(newToken), true);
    out.line("  reactivated: " + r.activation().state() + "; " + r.resent() + " event(s) resent "
        + "in original order; " + r.expired().size() + " expired (the resend window starts "
        + r.windowStart().atZone(zone).toLocalDateTime() + " " + zone + ")");
    counts.merge(HandleResult.Status.DEFERRED, -kept.size(), Integer::sum);
    expiredCount += r.expired().size();
    for (JournalEntry x : r.expired()) {
      out.line("  expired: " + x.callId() + " " + x.phase().map(Enum::name).orElse("")
          + " of " + x.event().map(e -> e.startedAt().atZone(zone).toLocalDate().toString())
              .orElse("?") + ": " + x.note().orElse("older than the resend window"));
    }
    drainAlerts();
    Set<Long> expired = r.expired().stream().map(JournalEntry::seq).collect(Collectors.toSet());
    for (Kept k : kept) {
      if (expired.contains(k.first().seq())) {
        continue;
      }
      HandleResult done = outcomes.settle(k.first(), WAIT);
      print(k.event(), done, "resent after the reactivation", date, k.label());
    }
    kept.clear();
  }

  private void routing(IntegrationEngine engine, ManualClock clock, LocalDate date) {
    out.section("Smart routing and caller cards at the end of the day (R-ROUTE, R-CARD)");
    out.para("Before forwarding a call the PBX asks route(phone); the softphone asks "
        + "callerCard(phone) for the screen pop. At " + clock.instant().atZone(zone).format(HM)
        + " nobody works, so routing skips the responsible manager and says why (R-HOURS):");
    RouteCommand.print(out, "+380671112200", engine.route("+380671112200"));
    Instant morning = date.plusDays(1).atTime(9, 1).atZone(zone).toInstant();
    clock.set(max(clock.instant(), morning));
    out.para("The next morning at " + morning.atZone(zone).format(HM) + " Iryna pauses the "
        + "integration for a minute to check the settings (R-PAUSE): events would be journaled "
        + "and nothing sent, and routing falls through.");
    engine.pause();
    out.line("engine.pause(): " + engine.state());
    drainAlerts();
    RouteCommand.print(out, "+380671112200", engine.route("+380671112200"));
    ReactivationResult resumed = engine.resume(true);
    out.line("engine.resume(true): " + resumed.activation().state() + "; " + resumed.resent()
        + " event(s) resent, " + resumed.expired().size() + " expired");
    drainAlerts();
    out.para("The office is open and the integration active again:");
    for (String phone : List.of("+380671112200", "0931234500", "+380951112233", "+380679990000",
        "anonymous")) {
      RouteCommand.print(out, phone, engine.route(phone));
    }
    for (String phone : List.of("+380671112200", "+380661112233")) {
      CardCommand.print(out, phone, engine.callerCard(phone));
    }
  }

  private void acceptFirstRequest(AmoEmulator amo, Names names) {
    Optional<StoredUnsorted> u = amo.unsorted().stream()
        .filter(x -> x.uniq().equals(Optional.of("u-201"))
            && x.state() == StoredUnsorted.State.PENDING)
        .findFirst();
    if (u.isEmpty()) {
      return;
    }
    long olena = 504141;
    out.blank();
    out.line(">> 09:30  Olena accepts the unsorted request of call u-201 in amoCRM: its contact "
        + "and deal become hers (emulator.acceptUnsorted, what the web UI does).");
    amo.acceptUnsorted(u.get().uid(), olena, null);
    out.line("   request " + u.get().uid() + " accepted by " + names.user(olena) + "; deal #"
        + u.get().leadId() + " leaves the Unsorted stage");
  }

  // --- printing -----------------------------------------------------------------------------

  private void print(CallEvent e, HandleResult r, String note, LocalDate date, String label) {
    out.blank();
    printer.block(printer.time(e, Optional.of(date)) + " " + Out.pad(label, 7), e, r, note);
    counts.merge(r.status(), 1, Integer::sum);
    drainAlerts();
  }

  private void narrate(Instant at, String text) {
    out.blank();
    out.line(out.bold(">> " + at.atZone(zone).format(HM) + "  " + text));
  }

  private void drainAlerts() {
    for (Alert a = alerts.poll(); a != null; a = alerts.poll()) {
      out.line(out.red("  ALERT " + a.kind() + ": " + a.message()));
    }
  }

  // --- helpers ------------------------------------------------------------------------------

  /** An event journaled while the integration could not deliver it. */
  private record Kept(CallEvent event, HandleResult first, String label) {}

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static List<CallEvent> events(String name) {
    List<CallEvent> out = new ArrayList<>();
    for (CallsFile.Line l : CallsFile.resource(name)) {
      out.add(l.event().orElseThrow(() -> new IllegalStateException(
          name + " line " + l.number() + ": " + l.error().map(Throwable::getMessage).orElse(""))));
    }
    return out;
  }

  static String resource(String name) {
    try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing bundled resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // a temp dir; the OS cleans it
        }
      });
    } catch (IOException ignored) {
      // a temp dir; the OS cleans it
    }
  }
}
