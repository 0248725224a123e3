package io.ringostat.amo.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.settings.AmoAccount;
import io.ringostat.amo.core.settings.AmoZone;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.RoutingSettings;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.engine.testing.FakeAmoCrm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Consumer;

/** A started receiver over an activated engine on a fake amoCRM, and a client to post to it. */
final class Receiver implements AutoCloseable {
  static final long OLENA = 504141;
  static final long SENIOR = 504140;
  static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  final FakeAmoCrm crm = new FakeAmoCrm(FakeAmoCrm.catalog(ZoneId.of("Europe/Kyiv"), OLENA,
      SENIOR));
  final InMemoryJournal journal = new InMemoryJournal();
  final IntegrationEngine engine;
  final WebhookServer server;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final Signature signature = new Signature(SECRET);

  Receiver(Consumer<WebhookServer.Builder> config) {
    engine = IntegrationEngine.builder().settings(settings()).amo(crm).journal(journal)
        .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(20)).build();
    assertThat(engine.activate().isActive()).isTrue();
    WebhookServer.Builder b = WebhookServer.builder().engine(engine).secret(SECRET).port(0)
        .idleTimeout(Duration.ofSeconds(3)).bodyTimeout(Duration.ofMillis(1500));
    config.accept(b);
    server = b.build().start();
  }

  static IntegrationSettings settings() {
    return IntegrationSettings.builder()
        .account(AmoAccount.builder().subdomain("demo").zone(AmoZone.AMOCRM_RU)
            .timeZone(ZoneId.of("Europe/Kyiv")).build())
        .addEmployee(Employee.builder().code("101").name("Olena").addSipLogin("olena")
            .amoUserId(OLENA).build())
        .addEmployee(Employee.builder().code("100").name("Iryna").addSipLogin("iryna")
            .amoUserId(SENIOR).build())
        .seniorManagerUserId(SENIOR)
        .routing(RoutingSettings.builder().budget(Duration.ofSeconds(2))
            .cacheTtl(Duration.ofHours(1)).build())
        .build();
  }

  static String event(String callId) {
    return "{\"call_id\":\"" + callId + "\",\"phase\":\"ENDED\",\"direction\":\"INBOUND\","
        + "\"disposition\":\"NO_ANSWER\",\"client_phone\":\"+380931112233\","
        + "\"started_at\":\"2026-11-25T10:30:00Z\",\"ended_at\":\"2026-11-25T10:30:40Z\"}";
  }

  URI uri(String path) {
    return URI.create(server.uri() + path);
  }

  HttpResponse<String> postSigned(String body) {
    return post("/calls", body, "application/json",
        signature.sign(Optional.empty(), body.getBytes(StandardCharsets.UTF_8)));
  }

  HttpResponse<String> post(String path, String body, String type, String sig) {
    HttpRequest.Builder r = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
    if (sig != null) {
      r.header(Signature.HEADER, sig);
    }
    return send(r.build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError("request failed: " + e, e);
    }
  }

  long journaled() {
    return journal.counts().total();
  }

  @Override
  public void close() {
    server.close();
    engine.close();
  }
}
