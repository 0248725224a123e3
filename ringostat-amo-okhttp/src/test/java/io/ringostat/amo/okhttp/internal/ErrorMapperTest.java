package io.ringostat.amo.okhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.spi.CrmException.Kind;
import io.ringostat.amo.okhttp.AmoAuthenticationException;
import io.ringostat.amo.okhttp.AmoNotFoundException;
import io.ringostat.amo.okhttp.AmoPermissionException;
import io.ringostat.amo.okhttp.AmoRateLimitException;
import io.ringostat.amo.okhttp.AmoServerException;
import io.ringostat.amo.okhttp.AmoServiceException;
import io.ringostat.amo.okhttp.AmoUnexpectedStatusException;
import io.ringostat.amo.okhttp.AmoValidationException;
import io.ringostat.amo.okhttp.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The one status → exception table, row by row. */
class ErrorMapperTest {
  private final ErrorMapper mapper = new ErrorMapper(Json.create(),
      () -> java.util.Set.of("canary-secret-token"));
  private static final ApiCall READ = ApiCall.get("/api/v4/contacts").param("query", "0441234567")
      .build();
  private static final ApiCall CREATE = ApiCall.post("/api/v4/leads/complex", new byte[0],
      ApiCall.Mode.CREATE).build();

  static Stream<Arguments> table() {
    String problem = "{\"title\":\"T\",\"status\":0,\"detail\":\"D\"}";
    String html = Fixtures.text("blocked-403.html");
    return Stream.of(
        Arguments.of(READ, 400, Fixtures.text("problem-400.json"), AmoValidationException.class, Kind.REJECTED),
        Arguments.of(READ, 422, problem, AmoValidationException.class, Kind.REJECTED),
        Arguments.of(READ, 401, Fixtures.text("problem-401.json"), AmoAuthenticationException.class, Kind.AUTHENTICATION),
        Arguments.of(READ, 402, problem, AmoPermissionException.class, Kind.ACCOUNT_BLOCKED),
        Arguments.of(READ, 403, problem, AmoPermissionException.class, Kind.ACCOUNT_BLOCKED),
        Arguments.of(READ, 403, html, AmoPermissionException.class, Kind.ACCOUNT_BLOCKED),
        Arguments.of(READ, 403, "", AmoPermissionException.class, Kind.ACCOUNT_BLOCKED),
        Arguments.of(READ, 404, problem, AmoNotFoundException.class, Kind.REJECTED),
        Arguments.of(READ, 405, problem, AmoUnexpectedStatusException.class, Kind.REJECTED),
        Arguments.of(READ, 408, "", AmoUnexpectedStatusException.class, Kind.TRANSIENT),
        Arguments.of(READ, 409, problem, AmoUnexpectedStatusException.class, Kind.REJECTED),
        Arguments.of(READ, 429, "Too Many Requests", AmoRateLimitException.class, Kind.RATE_LIMITED),
        Arguments.of(READ, 500, problem, AmoServerException.class, Kind.TRANSIENT),
        Arguments.of(READ, 502, html, AmoServerException.class, Kind.TRANSIENT),
        Arguments.of(READ, 503, "", AmoServerException.class, Kind.TRANSIENT),
        Arguments.of(CREATE, 500, problem, AmoServerException.class, Kind.OUTCOME_UNKNOWN),
        Arguments.of(CREATE, 504, "", AmoServerException.class, Kind.OUTCOME_UNKNOWN),
        Arguments.of(READ, 302, "", AmoUnexpectedStatusException.class, Kind.INVALID_RESPONSE),
        Arguments.of(READ, 301, "<html>moved</html>", AmoUnexpectedStatusException.class, Kind.INVALID_RESPONSE));
  }

  @ParameterizedTest(name = "{0} {1} → {3}")
  @MethodSource("table")
  void mapsStatusToTypeAndKind(ApiCall call, int status, String body,
      Class<? extends AmoServiceException> type, Kind kind) {
    AmoServiceException e = mapper.map(call, status, Headers.of("X-Request-Id", "abc-123"),
        body.getBytes(StandardCharsets.UTF_8), null);

    assertThat(e).isInstanceOf(type);
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.endpoint()).isEqualTo(call.endpoint());
    assertThat(e.requestId()).contains("abc-123");
    assertThat(e.getMessage()).startsWith("HTTP " + status).contains(call.endpoint())
        .doesNotContain("0441234567").doesNotContain("query");
  }

  @Test
  void validationErrorsAreListedPerItem() {
    AmoValidationException e = (AmoValidationException) mapper.map(CREATE, 400, Headers.of(),
        Fixtures.text("problem-400.json").getBytes(StandardCharsets.UTF_8), null);

    assertThat(e.title()).contains("Bad Request");
    assertThat(e.detail()).get().asString().startsWith("Request validation failed");
    assertThat(e.errors()).containsExactly(new AmoValidationException.ValidationError("1",
        "NotSupportedChoice", "responsible_user_id",
        "The value you selected is not a valid choice."));
    assertThat(e.rejectedKeys()).as("the request_ids amoCRM named, as sent").containsExactly("1");
    assertThat(e.kind()).isEqualTo(Kind.REJECTED);
    assertThat(e.getMessage()).isEqualTo("HTTP 400 Bad Request on POST /api/v4/leads/complex:"
        + " Request validation failed; NotSupportedChoice at responsible_user_id");
  }

  @Test
  void htmlBlockPageMeansBlockedAndJsonDoesNot() {
    var html = (AmoPermissionException) mapper.map(READ, 403, Headers.of(),
        Fixtures.text("blocked-403.html").getBytes(StandardCharsets.UTF_8), null);
    var json = (AmoPermissionException) mapper.map(READ, 403, Headers.of(),
        "{\"title\":\"Forbidden\",\"status\":403}".getBytes(StandardCharsets.UTF_8), null);

    assertThat(html.blocked()).isTrue();
    assertThat(html.getMessage()).contains("non-JSON body").doesNotContain("<html>");
    assertThat(json.blocked()).isFalse();
  }

  @Test
  void callsEnvelopeTitleIsUsedAndPhonesAreMasked() {
    AmoServiceException e = mapper.map(CREATE, 400, Headers.of(),
        Fixtures.text("calls-400.json").getBytes(StandardCharsets.UTF_8), null);

    assertThat(e.title()).contains("Entity not found");
    assertThat(e.getMessage()).isEqualTo("HTTP 400 Entity not found on POST /api/v4/leads/complex");
  }

  @Test
  void retryAfterIsCarried() {
    var e = (AmoRateLimitException) mapper.map(READ, 429, Headers.of(), new byte[0],
        Duration.ofSeconds(3));
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
  }

  @Test
  void hostileHeaderAndControlCharactersAreDropped() {
    AmoServiceException e = mapper.map(READ, 500, Headers.of("X-Request-Id", "a b<script>"),
        "{\"title\":\"Bad\\r\\nInjected: yes\",\"detail\":\"x\"}".getBytes(StandardCharsets.UTF_8),
        null);
    assertThat(e.requestId()).isEmpty();
    assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r");
  }

  @Test
  void secretsEchoedByTheServerNeverReachTheMessage() {
    String body = "{\"title\":\"Bad token canary-secret-token\",\"status\":401,"
        + "\"detail\":\"token canary-secret-token is invalid\"}";
    var e = mapper.map(READ, 401, Headers.of(), body.getBytes(StandardCharsets.UTF_8), null);

    assertThat(e.getMessage()).doesNotContain("canary-secret-token").contains("HTTP 401");
    assertThat(e.detail()).get().asString().doesNotContain("canary-secret-token");
  }
}
