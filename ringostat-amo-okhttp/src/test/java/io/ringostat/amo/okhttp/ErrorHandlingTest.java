package io.ringostat.amo.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.spi.GatewayMetrics;
import io.ringostat.amo.core.spi.CrmException;
import io.ringostat.amo.core.spi.CrmException.Kind;
import io.ringostat.amo.okhttp.testing.Effects;
import io.ringostat.amo.okhttp.testing.FakeAmo;
import io.ringostat.amo.okhttp.testing.FakeTime;
import io.ringostat.amo.okhttp.testing.Fixtures;
import io.ringostat.amo.okhttp.testing.TestGateways;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each error status through the whole gateway: type, kind, retries, pauses and blocks. */
class ErrorHandlingTest {
  static final PhoneNumber PHONE = new PhoneNumber("380441234567");

  @StartStop
  final MockWebServer server = new MockWebServer();

  private final FakeTime time = new FakeTime();
  private final List<String> alerts = new ArrayList<>();
  private AmoOkHttpGateway gateway;

  @BeforeEach
  void setUp() {
    gateway = TestGateways.builder(server, time).listener(new GatewayListener() {
      @Override
      public void blocked(AmoPermissionException cause, Instant nextProbeAt) {
        alerts.add("blocked until " + nextProbeAt);
      }

      @Override
      public void unblocked() {
        alerts.add("unblocked");
      }

      @Override
      public void authenticationFailed(AmoAuthenticationException cause) {
        alerts.add("auth");
      }

      @Override
      public void retrying(String endpoint, int attempt, Duration backoff, String reason) {
        alerts.add("retry " + endpoint + " #" + attempt + " " + backoff.toMillis() + "ms "
            + reason);
      }
    }).build();
  }

  private static MockResponse status(int code, String body) {
    return new MockResponse.Builder().code(code).body(body).build();
  }

  @ParameterizedTest(name = "HTTP {0} → {2}")
  @CsvSource({
      "400, problem-400.json, AmoValidationException, REJECTED, 1",
      "401, problem-401.json, AmoAuthenticationException, AUTHENTICATION, 1",
      "402, problem-401.json, AmoPermissionException, ACCOUNT_BLOCKED, 1",
      "403, blocked-403.html, AmoPermissionException, ACCOUNT_BLOCKED, 1",
      "404, problem-401.json, AmoNotFoundException, REJECTED, 1",
      "405, problem-401.json, AmoUnexpectedStatusException, REJECTED, 1",
      "422, problem-400.json, AmoValidationException, REJECTED, 1",
      "429, blocked-403.html, AmoRateLimitException, RATE_LIMITED, 4",
      "500, problem-401.json, AmoServerException, TRANSIENT, 4",
      "503, blocked-403.html, AmoServerException, TRANSIENT, 4",
      "408, problem-401.json, AmoUnexpectedStatusException, TRANSIENT, 4",
      "302, problem-401.json, AmoUnexpectedStatusException, INVALID_RESPONSE, 1"})
  void everyErrorStatusOfALookup(int code, String fixture, String type, Kind kind, int attempts) {
    for (int i = 0; i < attempts; i++) {
      server.enqueue(status(code, Fixtures.text(fixture)).newBuilder()
          .addHeader("Location", "https://evil.example/").build());
    }

    assertThatThrownBy(() -> gateway.lookup(PHONE, Set.of()))
        .satisfies(e -> {
          assertThat(e.getClass().getSimpleName()).isEqualTo(type);
          assertThat(((CrmException) e).kind()).isEqualTo(kind);
          assertThat(((AmoServiceException) e).statusCode()).isEqualTo(code);
          assertThat(e.getMessage()).contains("GET /api/v4/contacts")
              .doesNotContain("0441234567");
        });
    assertThat(server.getRequestCount()).as("attempts").isEqualTo(attempts);
  }

  @Test
  void serverErrorsOfReadsAreRetriedWithBackoff() {
    server.enqueue(status(503, ""));
    server.enqueue(status(502, ""));
    server.enqueue(new MockResponse.Builder().code(204).build());

    assertThat(gateway.lookup(PHONE, Set.of()).contacts()).isEmpty();

    assertThat(alerts).containsExactly("retry GET /api/v4/contacts #1 500ms HTTP 503",
        "retry GET /api/v4/contacts #2 1000ms HTTP 502");
    assertThat(gateway.metrics().retries()).isEqualTo(2);
    assertThat(gateway.metrics().requests()).isEqualTo(3);
    assertThat(gateway.metrics().requestsByEndpoint()).containsOnly(
        entry(new GatewayMetrics.RequestKey("GET /api/v4/contacts", "503"), 1L),
        entry(new GatewayMetrics.RequestKey("GET /api/v4/contacts", "502"), 1L),
        entry(new GatewayMetrics.RequestKey("GET /api/v4/contacts", "204"), 1L));
  }

  @Test
  void tooManyRequestsPausesTheAccountWithBackoffWhenNoRetryAfter() {
    server.enqueue(status(429, "Too Many Requests"));
    server.enqueue(new MockResponse.Builder().code(204).build());

    gateway.lookup(PHONE, Set.of());

    assertThat(alerts).containsExactly("retry GET /api/v4/contacts #1 500ms HTTP 429");
    assertThat(time.slept()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    assertThat(gateway.metrics().throttled()).isEqualTo(1);
  }

  @Test
  void tooManyRequestsHonoursRetryAfter() {
    server.enqueue(status(429, "").newBuilder().addHeader("Retry-After", "3").build());
    server.enqueue(new MockResponse.Builder().code(204).build());
    Instant start = time.instant();

    gateway.lookup(PHONE, Set.of());

    assertThat(alerts).containsExactly("retry GET /api/v4/contacts #1 3000ms HTTP 429");
    assertThat(Duration.between(start, time.instant())).isGreaterThanOrEqualTo(
        Duration.ofSeconds(3));
  }

  @Test
  void retryAfterLongerThanTheCapFailsAtOnceAndHoldsBackOtherRequests() {
    server.enqueue(status(429, "").newBuilder().addHeader("Retry-After", "600").build());

    assertThatThrownBy(() -> gateway.lookup(PHONE, Set.of()))
        .isInstanceOfSatisfying(AmoRateLimitException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(600)));
    assertThatThrownBy(() -> gateway.lookup(PHONE, Set.of()))
        .isInstanceOfSatisfying(AmoRateLimitException.class,
            e -> assertThat(e.getMessage()).contains("not sent"));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void tooManyRequestsOnACreateIsRetriedBecauseNothingWasCreated() {
    server.enqueue(status(429, ""));
    server.enqueue(FakeAmo.json(200, Fixtures.text("contacts-create-response.json")));

    List<Long> ids = gateway.createContacts(List.of(Effects.contact()));

    assertThat(ids).containsExactly(3501L);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void blockedAccountFailsFastAndProbesRarely() throws Exception {
    server.enqueue(status(403, Fixtures.text("blocked-403.html")));

    assertThatThrownBy(() -> gateway.lookup(PHONE, Set.of()))
        .isInstanceOfSatisfying(AmoPermissionException.class, e -> {
          assertThat(e.blocked()).isTrue();
          assertThat(e.stopsIntegration()).isTrue();
        });
    assertThat(gateway.isBlocked()).isTrue();
    assertThat(alerts).singleElement().asString().startsWith("blocked until");

    assertThatThrownBy(() -> gateway.createComplex(Effects.contact(), Effects.newDeal()))
        .isInstanceOfSatisfying(AmoPermissionException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.ACCOUNT_BLOCKED));
    assertThatThrownBy(() -> gateway.probe()).isInstanceOf(AmoPermissionException.class);
    assertThat(server.getRequestCount()).as("nothing sent while blocked").isEqualTo(1);

    time.advance(Duration.ofMinutes(10));
    server.enqueue(FakeAmo.json(200, Fixtures.text("account.json")));
    gateway.probe();

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(gateway.isBlocked()).isFalse();
    assertThat(alerts).last().isEqualTo("unblocked");
  }

  @Test
  void jsonForbiddenOnUsersMeansMissingRightsNotABlock() {
    server.enqueue(FakeAmo.json(200, Fixtures.text("account.json")));
    server.enqueue(FakeAmo.problem(403, "Forbidden", "admin rights required"));

    // a settings problem to fix (an admin's token), not a blocked account: the engine stays
    // INACTIVE with this message instead of turning BLOCKED
    assertThatThrownBy(() -> gateway.catalog(true))
        .isInstanceOfSatisfying(AmoException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.REJECTED);
          assertThat(e.getMessage()).contains("administrator");
        });
    assertThat(gateway.isBlocked()).isFalse();
  }

  @Test
  void unauthorizedCreateIsAnAuthenticationFailureAfterOneRequest() {
    server.enqueue(FakeAmo.problem(401, "Unauthorized", "Invalid user name or password"));

    assertThatThrownBy(() -> gateway.createComplex(Effects.contact(), Effects.newDeal()))
        .isInstanceOfSatisfying(AmoAuthenticationException.class,
            e -> assertThat(e.stopsIntegration()).isTrue());
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(alerts).containsExactly("auth");
  }

  @Test
  void oversizeBodiesAreRefused() {
    server.enqueue(FakeAmo.json(200, "{\"x\":\"" + "a".repeat(4 * 1024 * 1024) + "\"}"));

    assertThatThrownBy(() -> gateway.lookup(PHONE, Set.of()))
        .isInstanceOfSatisfying(AmoClientException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.INVALID_RESPONSE);
          assertThat(e.getMessage()).contains("exceeds");
        });
  }

  @Test
  void redirectsAreNeverFollowed() throws Exception {
    server.enqueue(new MockResponse.Builder().code(302)
        .addHeader("Location", server.url("/elsewhere").toString()).build());

    assertThatThrownBy(() -> gateway.probe()).isInstanceOf(AmoUnexpectedStatusException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath())
        .isEqualTo("/api/v4/account");
  }

  @Test
  void malformedAnswersToReadsAreTypedErrors() {
    server.enqueue(FakeAmo.json(200, "{\"_embedded\":{\"contacts\":[{\"id\":\"x\"}]}"));

    assertThatThrownBy(() -> gateway.lookup(PHONE, Set.of()))
        .isInstanceOfSatisfying(AmoClientException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_RESPONSE));
  }
}
