package io.ringostat.amo.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.journal.EntryState;
import io.ringostat.amo.engine.journal.JournalEntry;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.InvalidSettingsException;
import io.ringostat.amo.core.settings.SettingsProblem;
import io.ringostat.amo.core.spi.CrmException;
import io.ringostat.amo.core.testing.Generators;
import io.ringostat.amo.it.support.Calls;
import io.ringostat.amo.it.support.CorruptingProxy;
import io.ringostat.amo.it.support.Fixtures;
import io.ringostat.amo.it.support.Outcomes;
import io.ringostat.amo.journal.sqlite.SqliteJournal;
import io.ringostat.amo.json.CallEventJson;
import io.ringostat.amo.json.InvalidEventException;
import io.ringostat.amo.json.SettingsJson;
import io.ringostat.amo.json.SettingsReport;
import io.ringostat.amo.okhttp.RetryPolicy;
import io.ringostat.amo.testkit.AmoEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, bad input: malformed call events, malformed settings files and malformed amoCRM
 * responses each give a typed error naming what is wrong, never another exception; rejected
 * lines stay in the journal and the engine keeps serving good events.
 */
class BadInputTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(7200);
  static final AtomicInteger GOOD = new AtomicInteger();

  /** A malformed event line and the path its problem must name (empty: any path). */
  record BadLine(String name, String line, String path) {}

  static ObjectNode validEvent() {
    CallEvent e = Calls.inbound("bad-base", "+380671234567", T0).by("olena")
        .tracking(io.ringostat.amo.core.model.Tracking.builder().utmSource("google").build())
        .ended();
    try {
      return (ObjectNode) JSON.readTree(CallEventJson.write(e));
    } catch (Exception ex) {
      throw new AssertionError(ex);
    }
  }

  static BadLine mutate(String name, String path, Consumer<ObjectNode> change) {
    ObjectNode n = validEvent();
    change.accept(n);
    return new BadLine(name, n.toString(), path);
  }

  static JsonNode nested(int depth) {
    JsonNode n = JsonNodeFactory.instance.textNode("deep");
    for (int i = 0; i < depth; i++) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.set("k", n);
      n = o;
    }
    return n;
  }

  static List<BadLine> badLines() {
    List<BadLine> out = new ArrayList<>();
    for (String required : List.of("call_id", "phase", "direction", "client_phone",
        "started_at")) {
      out.add(mutate("missing " + required, required, n -> n.remove(required)));
    }
    out.add(mutate("call_id a number", "call_id", n -> n.put("call_id", 123)));
    out.add(mutate("call_id blank", "call_id", n -> n.put("call_id", "  ")));
    out.add(mutate("phase unknown", "phase", n -> n.put("phase", "HUNG_UP")));
    out.add(mutate("phase a number", "phase", n -> n.put("phase", 5)));
    out.add(mutate("direction an array", "direction", n -> n.putArray("direction")));
    out.add(mutate("started_at words", "started_at", n -> n.put("started_at", "yesterday")));
    out.add(mutate("started_at without offset", "started_at",
        n -> n.put("started_at", "2026-11-25T10:15:30")));
    out.add(mutate("started_at in epoch millis", "started_at",
        n -> n.put("started_at", T0.toEpochMilli())));
    out.add(mutate("answered before started", "answered_at",
        n -> n.put("answered_at", T0.minusSeconds(60).toString())));
    out.add(mutate("ENDED without disposition", "disposition", n -> n.remove("disposition")));
    out.add(mutate("client_phone an object", "client_phone",
        n -> n.putObject("client_phone").put("a", 1)));
    out.add(mutate("client_phone a boolean", "client_phone", n -> n.put("client_phone", true)));
    out.add(mutate("huge call_id", "call_id", n -> n.put("call_id", "c".repeat(200))));
    out.add(mutate("huge client_phone", "client_phone",
        n -> n.put("client_phone", "9".repeat(3000))));
    out.add(mutate("huge recording_url", "recording_url",
        n -> n.put("recording_url", "https://r.example/" + "x".repeat(5000))));
    out.add(mutate("huge utm_source", "tracking.utm_source",
        n -> ((ObjectNode) n.get("tracking")).put("utm_source", "g".repeat(3000))));
    out.add(mutate("tracking a string", "tracking", n -> n.put("tracking", "google")));
    out.add(mutate("deep nesting in extra", "",
        n -> ((ObjectNode) n.get("tracking")).putObject("extra").set("x", nested(40))));
    out.add(mutate("deep nesting at the top", "", n -> n.set("nest", nested(200))));
    out.add(mutate("too many extra entries", "tracking.extra", n -> {
      ObjectNode extra = ((ObjectNode) n.get("tracking")).putObject("extra");
      for (int i = 0; i < 60; i++) {
        extra.put("p" + i, "v" + i);
      }
    }));
    out.add(mutate("unknown key", "colour", n -> n.put("colour", "blue")));
    out.add(mutate("disposition unknown", "disposition", n -> n.put("disposition", "HAPPY")));
    out.add(mutate("line over 64 KiB", "", n -> ((ObjectNode) n.get("tracking"))
        .putObject("extra").put("blob", "z".repeat(70_000))));
    out.add(new BadLine("not an object: array", "[]", ""));
    out.add(new BadLine("not an object: null", "null", ""));
    out.add(new BadLine("not an object: number", "42", ""));
    out.add(new BadLine("empty line", "", ""));
    out.add(new BadLine("truncated", validEvent().toString().substring(0, 40), ""));
    out.add(new BadLine("not JSON", "call_id=c-1&phase=ENDED", ""));
    out.add(new BadLine("HTML", "<html><body>502 Bad Gateway</body></html>", ""));
    out.add(new BadLine("unbalanced", "{\"call_id\":\"c\"}}", ""));
    return out;
  }

  /** Reads {@code line}: an event, or an InvalidEventException; any other throwable fails. */
  static Optional<InvalidEventException> read(String line) {
    try {
      CallEventJson.read(line);
      return Optional.empty();
    } catch (InvalidEventException e) {
      return Optional.of(e);
    } catch (Throwable t) {
      throw new AssertionError("CallEventJson.read threw " + t + " for: "
          + line.substring(0, Math.min(200, line.length())), t);
    }
  }

  static IntegrationEngine engine(AmoEmulator amo, IntegrationSettings settings, Path dir,
      Outcomes outcomes, String baseUrl) {
    IntegrationEngine engine = Fixtures.engine(settings,
        Fixtures.gateway(amo, settings, amo.token()).insecureLocalBaseUrl(baseUrl).build(),
        SqliteJournal.open(dir), outcomes).build();
    assertThat(engine.activate().isActive()).isTrue();
    return engine;
  }

  /** A good event from a new phone is delivered. */
  static void assertServesGoodEvent(IntegrationEngine engine, AmoEmulator amo) {
    int n = GOOD.incrementAndGet();
    String phone = String.format("+38067%07d", 5_000_000 + n);
    HandleResult r = engine.handle(Calls.inbound("good-" + n, phone, T0.plusSeconds(n))
        .missed(Disposition.NO_ANSWER).ended());
    assertThat(r.status()).as("the next good event: " + r).isEqualTo(
        HandleResult.Status.DELIVERED);
    assertThat(amo.contactsByPhone(phone)).hasSize(1);
    assertThat(amo.notesByUniq("good-" + n)).hasSize(1);
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  @DisplayName("R-IN-1 malformed event lines: InvalidEventException naming the field, kept as"
      + " REJECTED in the journal; the engine still delivers the next good event")
  void malformedEventLines(@TempDir Path dir) {
    IntegrationSettings settings = Fixtures.demo();
    try (AmoEmulator amo = Fixtures.emulator(settings).start();
        IntegrationEngine engine = engine(amo, settings, dir, new Outcomes(), amo.baseUrl())) {
      List<BadLine> bad = badLines();
      int rejected = 0;
      for (BadLine b : bad) {
        InvalidEventException e = read(b.line()).orElseThrow(
            () -> new AssertionError(b.name() + ": read as a valid event"));
        assertThat(e.problems()).as(b.name()).isNotEmpty();
        if (!b.path().isEmpty()) {
          assertThat(e.problems()).as(b.name() + ": " + e.problems())
              .anySatisfy(p -> assertThat(p.path()).startsWith(b.path()));
        }
        HandleResult r = engine.reject(b.line(), e.getMessage());
        rejected++;
        assertThat(r.status()).isEqualTo(HandleResult.Status.REJECTED);
        assertServesGoodEvent(engine, amo);
      }
      // Seeded random corruption: change one value to a wrong type, cut the line, flip bytes.
      long seed = Fixtures.seed("badinput.seed", System.nanoTime());
      System.out.println("BadInputTest seed " + seed + " (replay with -Dbadinput.seed=)");
      SplittableRandom random = new SplittableRandom(seed);
      String valid = validEvent().toString();
      List<String> keys = new ArrayList<>();
      validEvent().fieldNames().forEachRemaining(keys::add);
      int randomRejected = 0;
      for (int i = 0; i < 300; i++) {
        String line;
        switch (random.nextInt(4)) {
          case 0 -> {
            ObjectNode n = validEvent();
            String key = keys.get(random.nextInt(keys.size()));
            switch (random.nextInt(5)) {
              case 0 -> n.put(key, random.nextLong());
              case 1 -> n.put(key, random.nextBoolean());
              case 2 -> n.putArray(key).add(1);
              case 3 -> n.putNull(key);
              default -> n.put(key, "x".repeat(random.nextInt(1, 5000)));
            }
            line = n.toString();
          }
          case 1 -> line = valid.substring(0, random.nextInt(valid.length()));
          case 2 -> {
            char[] c = valid.toCharArray();
            for (int k = 0; k < 3; k++) {
              c[random.nextInt(c.length)] = (char) random.nextInt(32, 0x2FF);
            }
            line = new String(c);
          }
          default -> {
            byte[] bytes = new byte[random.nextInt(1, 300)];
            random.nextBytes(bytes);
            line = new String(bytes, StandardCharsets.ISO_8859_1);
          }
        }
        Optional<InvalidEventException> e = read(line);
        if (e.isPresent()) {
          assertThat(e.get().problems()).isNotEmpty();
          assertThat(engine.reject(line, e.get().getMessage()).status())
              .isEqualTo(HandleResult.Status.REJECTED);
          randomRejected++;
        }
      }
      assertServesGoodEvent(engine, amo);
      List<JournalEntry> kept = engine.journalEntries(EntryState.REJECTED, 10_000);
      assertThat(kept).as("every rejected line stays in the journal")
          .hasSize(rejected + randomRejected);
      assertThat(kept).allSatisfy(k -> {
        assertThat(k.raw()).isPresent();
        assertThat(k.note()).isPresent();
        assertThat(k.raw().get().length()).isLessThanOrEqualTo(2048);
      });
      assertThat(kept.get(0).raw().orElseThrow()).isEqualTo(bad.get(0).line());
      assertThat(engine.metrics().journal().pending()).isZero();
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  @DisplayName("R-PHONE odd client numbers (anonymous, \"+\", \"00\", 40 digits, letters) are a"
      + " decision result, never an exception: a missed one gives the senior manager a task")
  void oddPhones(@TempDir Path dir) {
    IntegrationSettings settings = Fixtures.demo();
    List<String> phones = new ArrayList<>(List.of("anonymous", "+", "00", "9".repeat(40),
        "call-me", "+38O441234567", "", "   ", "tel:", "0"));
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 10; i++) {
      phones.add(Generators.invalidPhones().generate(random, 10));
    }
    try (AmoEmulator amo = Fixtures.emulator(settings).start();
        IntegrationEngine engine = engine(amo, settings, dir, new Outcomes(), amo.baseUrl())) {
      int missed = 0;
      for (int i = 0; i < phones.size(); i++) {
        String phone = phones.get(i);
        Calls c = Calls.inbound("odd-" + i, phone, T0.plusSeconds(i));
        // the codec takes any phone text as given
        CallEvent answered = CallEventJson.read(CallEventJson.write(c.by("olena").ended()));
        CallEvent missedCall = CallEventJson.read(CallEventJson.write(
            c.missed(Disposition.NO_ANSWER).ended()));
        HandleResult a = engine.handle(answered);
        assertThat(a.isDelivered()).as("'" + phone + "' answered: " + a).isTrue();
        HandleResult m = engine.handle(Calls.inbound("odd-m-" + i, phone, T0.plusSeconds(i))
            .missed(Disposition.NO_ANSWER).ended());
        assertThat(m.status()).as("'" + phone + "' missed: " + m)
            .isEqualTo(HandleResult.Status.DELIVERED);
        assertThat(missedCall.clientPhone()).isEqualTo(phone);
        missed++;
      }
      assertThat(amo.contacts()).as("nothing created for an unparseable number").isEmpty();
      // The emulated account is in Ukraine and the settings name no language: Ukrainian (R-LANG).
      assertThat(amo.tasksByAssignee(Fixtures.SENIOR)).hasSize(missed)
          .allSatisfy(t -> assertThat(t.text()).contains("нерозпізнаного номера"));
      assertServesGoodEvent(engine, amo);
    }
  }

  /** A malformed settings file and the path its problem must name (empty: any path). */
  record BadSettings(String name, String text, String path) {}

  static BadSettings settingsMutation(String name, String path, Consumer<ObjectNode> change) {
    try {
      ObjectNode n = (ObjectNode) JSON.readTree(Fixtures.resource("it/settings.json"));
      change.accept(n);
      return new BadSettings(name, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n),
          path);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static List<BadSettings> badSettings() {
    String demo = Fixtures.resource("it/settings.json");
    List<BadSettings> out = new ArrayList<>();
    out.add(settingsMutation("no account", "account", n -> n.remove("account")));
    out.add(settingsMutation("employees not a list", "employees",
        n -> n.put("employees", "nobody")));
    out.add(settingsMutation("amoUserId a string", "employees[1].amoUserId",
        n -> ((ObjectNode) n.get("employees").get(1)).put("amoUserId", "olena")));
    out.add(settingsMutation("one SIP login, two employees", "employees",
        n -> ((ArrayNode) n.get("employees").get(2).get("sipLogins")).add("olena")));
    out.add(settingsMutation("unknown senior manager", "seniorManager",
        n -> ((ObjectNode) n.get("seniorManager")).put("employee", "999")));
    out.add(settingsMutation("unknown matrix", "matrix", n -> n.put("matrix", "FOO")));
    out.add(settingsMutation("negative resend window", "resendWindowDays",
        n -> n.put("resendWindowDays", -1)));
    out.add(settingsMutation("rule for an unknown pipeline", "pipelineRules[0]",
        n -> ((ObjectNode) n.get("pipelineRules").get(0)).put("pipelineId", 42)));
    out.add(settingsMutation("bad country", "defaultCountry", n -> n.put("defaultCountry", "XX")));
    out.add(settingsMutation("bad duration", "routing.budget",
        n -> ((ObjectNode) n.get("routing")).put("budget", "fast")));
    out.add(settingsMutation("unknown key", "colour", n -> n.put("colour", "blue")));
    out.add(settingsMutation("unknown placeholder", "dealNameTemplate",
        n -> n.put("dealNameTemplate", "Call from {caller_name}")));
    out.add(settingsMutation("deep nesting", "", n -> n.set("nest", nested(300))));
    out.add(settingsMutation("huge string", "", n -> n.put("sourceName", "s".repeat(100_000))));
    out.add(new BadSettings("truncated", demo.substring(0, demo.length() / 2), ""));
    out.add(new BadSettings("empty file", "", ""));
    out.add(new BadSettings("an array", "[]", ""));
    out.add(new BadSettings("null", "null", ""));
    out.add(new BadSettings("not JSON", "account: demo", ""));
    out.add(new BadSettings("over the size limit", "{\"x\":\""
        + "a".repeat(SettingsJson.MAX_FILE_BYTES + 10) + "\"}", ""));
    return out;
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  @DisplayName("R-IN-3 malformed settings files: InvalidSettingsException listing problems with"
      + " paths, never another exception; check() reports the same without throwing")
  void malformedSettingsFiles(@TempDir Path dir) throws Exception {
    int i = 0;
    for (BadSettings b : badSettings()) {
      Path file = dir.resolve("settings-" + (i++) + ".json");
      Files.writeString(file, b.text(), StandardCharsets.UTF_8);
      InvalidSettingsException e;
      try {
        IntegrationSettings s = SettingsJson.load(file);
        throw new AssertionError(b.name() + ": loaded as valid settings: " + s);
      } catch (InvalidSettingsException ex) {
        e = ex;
      } catch (Throwable t) {
        throw new AssertionError(b.name() + ": SettingsJson.load threw " + t, t);
      }
      List<SettingsProblem> errors = e.problems().stream().filter(SettingsProblem::isError)
          .toList();
      assertThat(errors).as(b.name()).isNotEmpty();
      if (!b.path().isEmpty()) {
        assertThat(errors).as(b.name() + ": " + errors)
            .anySatisfy(p -> assertThat(p.path()).startsWith(b.path()));
      }
      SettingsReport report;
      try {
        report = SettingsJson.check(b.text());
      } catch (Throwable t) {
        throw new AssertionError(b.name() + ": SettingsJson.check threw " + t, t);
      }
      assertThat(report.isValid()).as(b.name()).isFalse();
      assertThat(report.errors()).as(b.name()).isNotEmpty();
    }
    // Settings built in code from the core's generators of invalid settings.
    SplittableRandom random = new SplittableRandom(7);
    for (int k = 0; k < 30; k++) {
      Generators.InvalidSettings bad = Generators.invalidSettings().generate(random, 10);
      try {
        bad.builder().build();
        throw new AssertionError(bad + ": built");
      } catch (InvalidSettingsException ex) {
        List<String> paths = ex.problems().stream().map(SettingsProblem::path).toList();
        assertThat(paths).as(bad.toString()).containsAll(bad.expectedPaths());
      }
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  @DisplayName("R-OBS malformed amoCRM answers to the lookup (garbage JSON, HTML, truncated"
      + " body, wrong shape): a typed error, the event kept FAILED or pending, never an"
      + " exception to the host; the next event is delivered once amoCRM answers properly")
  void malformedCrmResponses(@TempDir Path dir) {
    IntegrationSettings settings = Fixtures.demo();
    List<MockResponse> garbage = List.of(
        json(200, "{this is not json"),
        new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
            .body("<html><body><h1>Welcome to nginx!</h1></body></html>").build(),
        json(200, "{\"_embedded\":{\"contacts\":[{\"id\":20000001,\"name\":\"Iv"),
        json(200, "{\"_embedded\":{\"contacts\":\"none\"}}"),
        json(200, "{\"_embedded\":{\"contacts\":[{\"id\":\"abc\",\"custom_fields_values\":7}]}}"),
        json(200, "[1,2,3]"),
        // (A 200 with an empty body is taken as amoCRM's "nothing found", like 204: by design of
        // ApiResponse.isEmpty, so it is not in this list.)
        new MockResponse.Builder().code(500).setHeader("Content-Type", "text/plain")
            .body("\u0000\u0001\u0002").build());
    try (AmoEmulator amo = Fixtures.emulator(settings).start();
        CorruptingProxy proxy = new CorruptingProxy(amo.baseUrl())) {
      Outcomes outcomes = new Outcomes();
      IntegrationEngine engine = Fixtures.engine(settings,
          Fixtures.gateway(amo, settings, amo.token()).insecureLocalBaseUrl(proxy.baseUrl())
              .retryPolicy(RetryPolicy.DEFAULT.withMaxAttempts(2)
                  .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5))).build(),
          SqliteJournal.open(dir), outcomes).build();
      try (engine) {
        assertThat(engine.activate().isActive()).isTrue();
        int n = 0;
        List<String> seen = new ArrayList<>();
        for (MockResponse bad : garbage) {
          proxy.corrupt(CorruptingProxy.lookups(), bad);
          String phone = String.format("+38050%07d", 1_000_000 + (++n));
          HandleResult r;
          try {
            r = engine.handle(Calls.inbound("garbage-" + n, phone, T0.plusSeconds(n))
                .by("olena").ended());
          } catch (Throwable t) {
            throw new AssertionError("handle threw " + t, t);
          }
          seen.add(r.status() + " " + r.errorKind().orElse(null));
          assertThat(r.status()).as("answer %d: %s", n, r).isIn(HandleResult.Status.FAILED,
              HandleResult.Status.DEFERRED);
          assertThat(r.errorKind()).as("a typed error: " + r).isPresent();
          assertThat(r.errorKind().get()).isIn(CrmException.Kind.INVALID_RESPONSE,
              CrmException.Kind.TRANSIENT);
          JournalEntry entry = engine.journalEntries(r.status() == HandleResult.Status.FAILED
              ? EntryState.FAILED : EntryState.PENDING, 1000).stream()
              .filter(x -> x.seq() == r.seq()).findFirst().orElseThrow(
                  () -> new AssertionError("the event is kept in the journal: " + r));
          assertThat(entry.note()).isPresent();
          assertThat(amo.contactsByPhone(phone)).as("nothing created on a garbage lookup")
              .isEmpty();
        }
        System.out.println("BadInputTest malformed CRM answers: " + seen);
        proxy.passThrough();
        assertServesGoodEvent(engine, amo);
        // Events still pending after a transient error get delivered once amoCRM is sane.
        Outcomes.await("pending events delivered", Duration.ofSeconds(30),
            () -> engine.metrics().journal().pending() == 0);
      }
    }
  }

  static MockResponse json(int code, String body) {
    MockResponse.Builder b = new MockResponse.Builder().code(code)
        .setHeader("Content-Type", "application/hal+json");
    if (!body.isEmpty()) {
      b.body(body);
    }
    return b.build();
  }
}
