package io.ringostat.amo.it;

import static io.ringostat.amo.it.support.Fixtures.ANDRIY;
import static io.ringostat.amo.it.support.Fixtures.MAKSYM;
import static io.ringostat.amo.it.support.Fixtures.OLENA;
import static io.ringostat.amo.it.support.Fixtures.SALES;
import static io.ringostat.amo.it.support.Fixtures.SALES_NEW;
import static io.ringostat.amo.it.support.Fixtures.SENIOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.routing.RoutingDecision;
import io.ringostat.amo.core.routing.RoutingTarget;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.RoutingSettings;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.it.support.Fixtures;
import io.ringostat.amo.it.support.Outcomes;
import io.ringostat.amo.testkit.AmoEmulator;
import io.ringostat.amo.testkit.StoredContact;
import io.ringostat.amo.testkit.StoredNote;
import io.ringostat.amo.webhooks.WebhookServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The receiver ({@code ringostat-amo-webhooks}) end to end over loopback HTTP, with the engine on
 * the OkHttp transport and the amoCRM emulator: a signed call event becomes CRM records, and a
 * manager reassigned in amoCRM is seen by the very next {@code route} through amoCRM's webhook,
 * although the routing cache would keep the old answer for an hour (R-SOURCES, R-ROUTE).
 */
@Timeout(60)
class WebhooksEndToEndTest {
  static final String CLIENT = "+380441234567";
  static final String STORED = "+380 44 123-45-67";
  static final String SECRET = "0123456789abcdef0123456789abcdef";
  static final String TOKEN = "f3a9c1d27b8e4a6c9d0e1f2a3b4c5d6e";

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final Outcomes outcomes = new Outcomes();
  AmoEmulator amo;
  IntegrationEngine engine;
  WebhookServer receiver;

  @AfterEach
  void close() {
    if (receiver != null) {
      receiver.close();
    }
    if (engine != null) {
      engine.close();
    }
    if (amo != null) {
      amo.close();
    }
  }

  void start(List<RoutingTarget> priority, Consumer<AmoEmulator.Builder> seed) {
    IntegrationSettings settings = Fixtures.demoBuilder()
        .routing(RoutingSettings.builder().priority(priority).cacheTtl(Duration.ofHours(1))
            .budget(Duration.ofSeconds(2)).build())
        .build();
    AmoEmulator.Builder b = Fixtures.emulator(settings);
    seed.accept(b);
    amo = b.start();
    engine = Fixtures.engine(settings, Fixtures.gateway(amo, settings, amo.token()).build(),
        new InMemoryJournal(), outcomes).build();
    assertThat(engine.activate().isActive()).isTrue();
    receiver = WebhookServer.builder().engine(engine)
        .secret(SECRET.getBytes(StandardCharsets.UTF_8)).amoPathToken(TOKEN).port(0)
        .build().start();
  }

  @Test
  @DisplayName("R-SOURCES a signed ENDED event posted to /calls: 202, then a contact, a deal, a"
      + " record and a task in amoCRM")
  void signedEventBecomesCrmRecords() throws Exception {
    start(List.of(RoutingTarget.CONTACT), b -> { });
    String body = "{\"call_id\":\"wh-1\",\"phase\":\"ENDED\",\"direction\":\"INBOUND\","
        + "\"disposition\":\"NO_ANSWER\",\"client_phone\":\"" + CLIENT + "\","
        + "\"started_at\":\"2026-11-25T10:30:00Z\",\"ended_at\":\"2026-11-25T10:30:40Z\"}";

    HttpResponse<String> res = send(HttpRequest.newBuilder(uri("/calls"))
        .header("Content-Type", "application/json")
        .header("X-Ringostat-Signature", "sha256=" + hmac(body))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());

    assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
    Outcomes.await("the event's delivery", Duration.ofSeconds(20),
        () -> !amo.notesByUniq("wh-1").isEmpty() && !amo.tasks().isEmpty());
    StoredContact contact = amo.contactsByPhone(CLIENT).get(0);
    assertThat(contact.responsibleUserId()).isEqualTo(SENIOR);
    StoredNote note = amo.notesByUniq("wh-1").get(0);
    assertThat(note.param("call_status")).contains("6");
    assertThat(amo.tasks()).singleElement().satisfies(t -> assertThat(t.responsibleUserId())
        .isEqualTo(SENIOR));
  }

  @Test
  @DisplayName("R-SOURCES R-ROUTE a contact reassigned in amoCRM: the cache keeps Olena until"
      + " the webhook comes; then the next route names Andriy at once")
  void contactResponsibleChange() throws Exception {
    start(List.of(RoutingTarget.CONTACT), b -> b.existingContact("Ivan Petrov", STORED, OLENA));
    long id = amo.contactsByPhone(CLIENT).get(0).id();
    assertThat(engine.route(CLIENT).employee().orElseThrow().amoUserId()).isEqualTo(OLENA);

    patch("/api/v4/contacts/" + id, "{\"responsible_user_id\":" + ANDRIY + "}");
    RoutingDecision cached = engine.route(CLIENT);
    HttpResponse<String> hook = deliver(form(
        "contacts[responsible][0][id]", String.valueOf(id),
        "contacts[responsible][0][name]", "Ivan Petrov",
        "contacts[responsible][0][responsible_user_id]", String.valueOf(ANDRIY),
        "contacts[responsible][0][old_responsible_user_id]", String.valueOf(OLENA),
        "contacts[responsible][0][type]", "contact",
        "contacts[responsible][0][custom_fields][0][id]", "66192",
        "contacts[responsible][0][custom_fields][0][code]", "PHONE",
        "contacts[responsible][0][custom_fields][0][values][0][value]", STORED,
        "account[subdomain]", "demo",
        "account[id]", "29085613"));
    RoutingDecision next = engine.route(CLIENT);

    assertThat(cached.fromCache()).isTrue();
    assertThat(cached.employee().orElseThrow().amoUserId()).as("stale for up to the cache TTL")
        .isEqualTo(OLENA);
    assertThat(hook.statusCode()).as(hook.body()).isEqualTo(200);
    assertThat(next.fromCache()).isFalse();
    assertThat(next.employee().orElseThrow().amoUserId()).isEqualTo(ANDRIY);
  }

  @Test
  @DisplayName("a deal reassigned in amoCRM (no phone in amoCRM's payload): the next route names "
      + "the deal's new manager")
  void dealResponsibleChange() throws Exception {
    start(List.of(RoutingTarget.DEAL), b -> b.existingContact("Ivan Petrov", STORED, OLENA)
        .existingDeal(STORED, SALES, SALES_NEW, OLENA));
    long deal = amo.deals().get(0).id();
    assertThat(engine.route(CLIENT).employee().orElseThrow().amoUserId()).isEqualTo(OLENA);

    patch("/api/v4/leads/" + deal, "{\"responsible_user_id\":" + MAKSYM + "}");
    HttpResponse<String> hook = deliver(form(
        "leads[responsible][0][id]", String.valueOf(deal),
        "leads[responsible][0][responsible_user_id]", String.valueOf(MAKSYM),
        "leads[responsible][0][old_responsible_user_id]", String.valueOf(OLENA),
        "leads[responsible][0][pipeline_id]", String.valueOf(SALES),
        "account[subdomain]", "demo"));
    RoutingDecision next = engine.route(CLIENT);

    assertThat(hook.statusCode()).as(hook.body()).isEqualTo(200);
    assertThat(next.fromCache()).isFalse();
    assertThat(next.employee().orElseThrow().amoUserId()).isEqualTo(MAKSYM);
  }

  URI uri(String path) {
    return URI.create(receiver.uri() + path);
  }

  HttpResponse<String> deliver(String form) {
    return send(HttpRequest.newBuilder(uri("/amocrm/webhook/" + TOKEN))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
  }

  /** What a manager does in amoCRM's web interface, through the emulator's API. */
  void patch(String path, String json) {
    HttpResponse<String> res = send(HttpRequest.newBuilder(URI.create(amo.baseUrl() + path))
        .header("Authorization", "Bearer " + amo.token())
        .header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build());
    assertThat(res.statusCode()).as("PATCH " + path + ": " + res.body()).isEqualTo(200);
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError("request failed: " + e, e);
    }
  }

  static String form(String... pairs) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      b.append(b.length() == 0 ? "" : "&")
          .append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  static String hmac(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }
}
