package io.ringostat.amo.it.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.Decider;
import io.ringostat.amo.core.matrix.DecisionMatrix;
import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.matrix.Scenario;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.model.Tracking;
import io.ringostat.amo.core.settings.AmoAccount;
import io.ringostat.amo.core.settings.AmoZone;
import io.ringostat.amo.core.settings.FieldMapping;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.PipelineTarget;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.okhttp.AmoOkHttpGateway;
import io.ringostat.amo.okhttp.testing.Effects;
import io.ringostat.amo.okhttp.testing.FakeAmo;
import io.ringostat.amo.okhttp.testing.FakeTime;
import io.ringostat.amo.okhttp.testing.TestGateways;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * Runs every scenario of every preset through the engine ({@link IntegrationEngine} with the
 * core's {@link Decider#matrix()} and the OkHttp gateway) against an emulated amoCRM, counts the
 * requests the server received per event (after the engine's activation), and checks that {@code
 * docs/requests.md} shows exactly those rows.
 */
class RequestCountTest {
  static final Path DOC = Path.of("..", "docs", "requests.md");
  static final Instant T0 = Instant.parse("2024-11-25T16:00:00Z");

  @StartStop
  final MockWebServer server = new MockWebServer();

  /** One row of the table: the requests of one event. */
  record Row(String preset, String scenario, String event, List<String> lookup,
      List<String> execute) {
    String markdown() {
      int total = lookup.size() + execute.size();
      return "| " + preset + " | " + scenario + " | " + event + " | " + join(lookup) + " | "
          + join(execute) + " | " + total + " |";
    }

    private static String join(List<String> requests) {
      return requests.isEmpty() ? "—" : String.join("<br>", requests);
    }
  }

  static IntegrationSettings settings(DecisionMatrix matrix) {
    return IntegrationSettings.builder()
        .account(AmoAccount.of("mycompany", AmoZone.AMOCRM_RU))
        .addEmployee(Employee.builder().code("101").name("Anna Koval").addSipLogin("anna")
            .extension("101").amoUserId(Effects.ANNA).build())
        .seniorManagerUserId(Effects.SENIOR)
        .matrix(matrix)
        .defaultPipeline(PipelineTarget.of(Effects.PIPELINE))
        .addTag("ringostat")
        .addFieldMapping(FieldMapping.dealField("utm_source", "UTM_SOURCE"))
        .callPopup(true)
        .build();
  }

  static CallEvent event(String callId, Scenario s, CallPhase phase, String endpoint) {
    CallEvent.Builder b = CallEvent.builder().callId(callId).phase(phase)
        .direction(s.direction()).clientPhone("+380 44 123 45 67").startedAt(T0)
        .tracking(Tracking.builder().utmSource("google").build());
    if (s.direction() == CallDirection.OUTBOUND || s.answered()) {
      b.employeeEndpoint(endpoint);
    }
    if (phase != CallPhase.RINGING && s.answered()) {
      b.answeredAt(T0.plusSeconds(10));
    }
    if (phase == CallPhase.ENDED) {
      b.endedAt(T0.plusSeconds(55))
          .disposition(s.answered() ? Disposition.ANSWERED : Disposition.NO_ANSWER);
    }
    return b.build();
  }

  /**
   * Runs {@code phases} of one call of {@code s} through the engine against a fresh emulated
   * account, and splits each event's requests into the lookup's and the execution's.
   */
  List<Row> simulate(DecisionMatrix preset, Scenario s, List<CallPhase> phases, String label,
      String endpoint) {
    FakeAmo amo = new FakeAmo();
    server.setDispatcher(amo);
    if (s.existingClient()) {
      long c = amo.seedContact("Ivan Petrov", "+380 44 123-45-67", Effects.SENIOR);
      amo.seedLead(c, "Old deal", Effects.PIPELINE, 33929752, Effects.SENIOR);
    }
    FakeTime time = new FakeTime();
    AmoOkHttpGateway gateway = TestGateways.gateway(server, time);
    PortRecorder port = new PortRecorder(gateway, amo::mark);
    IntegrationSettings settings = settings(preset);
    List<Row> rows = new ArrayList<>();
    String callId = "call-" + preset.name().toLowerCase(Locale.ROOT) + "-" + s.ordinal();
    try (IntegrationEngine engine = IntegrationEngine.builder().settings(settings).amo(port)
        .journal(new InMemoryJournal()).build()) {
      assertThat(engine.activate().isActive()).as("activation").isTrue();
      for (CallPhase phase : phases) {
        CallEvent e = event(callId, s, phase, endpoint);
        port.clear();
        int before = amo.mark();
        long gatewayBefore = gateway.metrics().requests();

        HandleResult result = engine.handle(e);

        String what = preset.name() + " " + s + " " + phase;
        assertThat(result.isDelivered()).as("%s: %s", what, result).isTrue();
        // The lookup is Delivery's first port call; no lookup when Decider.needsLookup says none
        // is needed or the journal knows the contact this call created.
        List<PortRecorder.Call> lookups = port.calls("lookup");
        assertThat(lookups).as("%s: one lookup at most", what).hasSizeLessThanOrEqualTo(1);
        int afterLookup = before;
        long gatewayAfterLookup = gatewayBefore;
        if (!lookups.isEmpty()) {
          assertThat(port.calls().get(0).method()).as("%s: lookup first", what)
              .isEqualTo("lookup");
          assertThat(lookups.get(0).markBefore()).isEqualTo(before);
          afterLookup = lookups.get(0).markAfter();
          gatewayAfterLookup = lookups.get(0).gatewayRequestsAfter();
        }
        int after = amo.mark();
        // the gateway counted exactly the requests the server received while executing
        assertThat(gateway.metrics().requests() - gatewayAfterLookup).as(what)
            .isEqualTo(after - afterLookup);
        String eventLabel = phase + (label.isEmpty() ? "" : " " + label);
        rows.add(new Row(preset.name(), describe(s), eventLabel,
            ids(amo.requests().subList(before, afterLookup)),
            ids(amo.requests().subList(afterLookup, after))));
      }
    }
    assertThat(amo.contactCount()).as("one contact at most").isLessThanOrEqualTo(2);
    return rows;
  }

  /** Entity ids in paths become {@code {id}}. */
  static List<String> ids(List<String> requests) {
    return requests.stream().map(r -> r.replaceAll("/\\d+(?=/|$)", "/{id}")).toList();
  }

  static String describe(Scenario s) {
    return s.describe().replace(" call,", ",");
  }

  List<Row> table() {
    List<Row> rows = new ArrayList<>();
    for (DecisionMatrix preset : MatrixPresets.ALL) {
      for (Scenario s : Scenario.values()) {
        if (s.answered()) {
          List<CallPhase> phases = s.direction() == CallDirection.INBOUND
              ? List.of(CallPhase.RINGING, CallPhase.ANSWERED, CallPhase.ENDED)
              : List.of(CallPhase.ANSWERED, CallPhase.ENDED);
          rows.addAll(simulate(preset, s, phases, "", "anna"));
          rows.addAll(simulate(preset, s, List.of(CallPhase.ENDED), "(only event)", "anna"));
        } else {
          List<CallPhase> phases = s.direction() == CallDirection.INBOUND
              ? List.of(CallPhase.RINGING, CallPhase.ENDED) : List.of(CallPhase.ENDED);
          rows.addAll(simulate(preset, s, phases, "", "anna"));
        }
      }
      rows.addAll(simulate(preset, Scenario.INBOUND_ANSWERED_NEW,
          List.of(CallPhase.ANSWERED, CallPhase.ENDED), "(unknown endpoint)", "reception2"));
    }
    return rows;
  }

  @Test
  void docsRequestsMdShowsTheMeasuredRequestsOfEveryScenario() throws IOException {
    List<Row> rows = table();
    StringBuilder table = new StringBuilder();
    rows.forEach(r -> table.append(r.markdown()).append('\n'));
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "requests-table.md"), table, StandardCharsets.UTF_8);

    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    for (Row r : rows) {
      assertThat(doc).as("docs/requests.md row (see target/requests-table.md)")
          .contains(r.markdown());
    }
  }

  @Test
  void theCommonCasesCostWhatTheDocsPromise() {
    List<Row> rows = simulate(MatrixPresets.RECOMMENDED, Scenario.INBOUND_ANSWERED_NEW,
        List.of(CallPhase.ANSWERED, CallPhase.ENDED), "", "anna");
    assertThat(rows.get(0).lookup()).containsExactly("GET /api/v4/contacts");
    assertThat(rows.get(0).execute()).containsExactly("POST /api/v4/leads/complex");
    assertThat(rows.get(1).execute()).containsExactly("POST /api/v4/leads/notes");

    rows = simulate(MatrixPresets.RECOMMENDED, Scenario.INBOUND_MISSED_EXISTING,
        List.of(CallPhase.ENDED), "", "anna");
    assertThat(rows.get(0).lookup()).containsExactly("GET /api/v4/contacts", "GET /api/v4/leads");
    assertThat(rows.get(0).execute()).containsExactly("POST /api/v4/leads/notes",
        "POST /api/v4/tasks");
  }

}
