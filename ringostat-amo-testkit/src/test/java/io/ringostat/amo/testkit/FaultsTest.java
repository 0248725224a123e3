package io.ringostat.amo.testkit;

import static io.ringostat.amo.testkit.TestHttp.j;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every fault kind, scoping, seeding and the request log's record of faults. */
class FaultsTest {
  private static final String CONTACT =
      j(
          "[{'name':'Ivan','custom_fields_values':[{"
              + "'field_code':'PHONE','values':[{'value':'+380441234567'}]}]}]");
  private AmoEmulator amo;
  private TestHttp http;

  @BeforeEach
  void start() {
    amo = AmoEmulator.builder().rateLimit(0).retryAfter(Duration.ofSeconds(3)).start();
    http = new TestHttp(amo);
  }

  @AfterEach
  void stop() {
    amo.close();
  }

  @Test
  void serverErrorsAreNotApplied() throws Exception {
    amo.faults()
        .failNext(1, FaultKind.SERVER_ERROR_500, "POST", "/api/v4/contacts")
        .failNext(1, FaultKind.BAD_GATEWAY_502, "POST", "/api/v4/contacts")
        .failNext(1, FaultKind.UNAVAILABLE_503, "POST", "/api/v4/contacts");
    TestHttp.Resp e500 = http.post("/api/v4/contacts", CONTACT);
    assertThat(e500.status()).isEqualTo(500);
    assertThat(e500.contentType()).isEqualTo("application/problem+json");
    TestHttp.Resp e502 = http.post("/api/v4/contacts", CONTACT);
    assertThat(e502.status()).isEqualTo(502);
    assertThat(e502.contentType()).isEqualTo("text/html");
    assertThat(e502.body()).contains("502 Bad Gateway");
    assertThat(http.post("/api/v4/contacts", CONTACT).status()).isEqualTo(503);
    assertThat(amo.contacts()).isEmpty();
    assertThat(http.post("/api/v4/contacts", CONTACT).status()).isEqualTo(200);
    assertThat(amo.contacts()).hasSize(1);
  }

  @Test
  void injected429CarriesRetryAfterWhenConfigured() throws Exception {
    amo.faults().failNext(1, FaultKind.TOO_MANY_REQUESTS_429, "/api/v4/");
    TestHttp.Resp r = http.get("/api/v4/account");
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.headers().get("Retry-After")).isEqualTo("3");
    assertThat(r.json().get("title").asText()).isEqualTo("Too Many Requests");
  }

  @Test
  void disconnectBeforeApplyLeavesStateUnchanged() {
    amo.faults().failNext(1, FaultKind.DISCONNECT_BEFORE_APPLY, "POST", "/api/v4/contacts");
    assertThatThrownBy(() -> http.post("/api/v4/contacts", CONTACT))
        .isInstanceOf(IOException.class);
    assertThat(amo.contacts()).isEmpty();
    assertThat(amo.requestLog().get(0).status()).isZero();
    assertThat(amo.requestLog().get(0).reachedState()).isFalse();
  }

  @Test
  void disconnectAfterApplyChangesStateButLosesTheResponse() {
    amo.faults().failNext(1, FaultKind.DISCONNECT_AFTER_APPLY, "POST", "/api/v4/contacts");
    assertThatThrownBy(() -> http.post("/api/v4/contacts", CONTACT))
        .isInstanceOf(IOException.class);
    assertThat(amo.contactsByPhone("0441234567")).hasSize(1);
    LoggedRequest logged = amo.requestLog().get(0);
    assertThat(logged.fault()).contains(FaultKind.DISCONNECT_AFTER_APPLY);
    assertThat(logged.status()).isZero();
    assertThat(logged.reachedState()).isTrue();
  }

  /**
   * Why clients must turn off OkHttp's silent retry: a default client repeats a POST whose response
   * was lost, and the emulator shows the duplicate it creates (docs/testkit.md).
   */
  @Test
  void aDefaultOkHttpClientSilentlyRepeatsAPostWhoseResponseWasLost() throws Exception {
    TestHttp naive = new TestHttp(amo.baseUrl(), amo.token(), new okhttp3.OkHttpClient());
    naive.get("/api/v4/account");
    amo.faults().failNext(1, FaultKind.DISCONNECT_AFTER_APPLY, "POST", "/api/v4/contacts");
    assertThat(naive.post("/api/v4/contacts", CONTACT).status()).isEqualTo(200);
    assertThat(amo.contactsByPhone("0441234567")).hasSize(2);
    assertThat(amo.requestCount("POST", "/api/v4/contacts")).isEqualTo(2);
  }

  @Test
  void stallOutlastsTheClientTimeoutButApplies() throws InterruptedException {
    amo.faults()
        .stallDuration(Duration.ofMillis(600))
        .failNext(1, FaultKind.STALL, "POST", "/api/v4/contacts");
    TestHttp impatient = http.withReadTimeout(Duration.ofMillis(100));
    assertThatThrownBy(() -> impatient.post("/api/v4/contacts", CONTACT))
        .isInstanceOf(InterruptedIOException.class);
    // the emulator applies the request before it stalls; on a busy machine it may get there
    // only after the client gave up
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (amo.contacts().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(amo.contacts()).hasSize(1);
  }

  @Test
  void closeEndsADefaultThirtySecondStallQuickly() {
    amo.faults().failNext(1, FaultKind.STALL, "/api/v4/account");
    assertThatThrownBy(() -> http.withReadTimeout(Duration.ofMillis(100)).get("/api/v4/account"))
        .isInstanceOf(InterruptedIOException.class);
    long t0 = System.nanoTime();
    amo.close();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void slowAndLatencyDelayButAnswer() throws Exception {
    amo.faults()
        .slowDuration(Duration.ofMillis(150))
        .failNext(1, FaultKind.SLOW, "/api/v4/account");
    long t0 = System.nanoTime();
    assertThat(http.get("/api/v4/account").status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isGreaterThanOrEqualTo(Duration.ofMillis(150));
    amo.faults().latency(Duration.ofMillis(60));
    t0 = System.nanoTime();
    assertThat(http.get("/api/v4/account").status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isGreaterThanOrEqualTo(Duration.ofMillis(60));
    amo.faults().clear();
  }

  @Test
  void scriptedFaultsMatchMethodAndPrefixAndCount() throws Exception {
    amo.faults().failNext(2, FaultKind.UNAVAILABLE_503, "POST", "/api/v4/calls");
    assertThat(amo.faults().pending()).isEqualTo(2);
    assertThat(http.get("/api/v4/account").status()).isEqualTo(200);
    assertThat(http.post("/api/v4/calls", "[]").status()).isEqualTo(503);
    assertThat(http.post("/api/v4/calls", "[]").status()).isEqualTo(503);
    assertThat(http.post("/api/v4/calls", "[]").status()).isEqualTo(400);
    assertThat(amo.faults().pending()).isZero();
    amo.faults().failNext(5, FaultKind.SERVER_ERROR_500, "/api/");
    amo.faults().clear();
    assertThat(http.get("/api/v4/account").status()).isEqualTo(200);
  }

  private static List<Integer> randomRun(long seed) throws Exception {
    try (AmoEmulator e = AmoEmulator.builder().rateLimit(0).seed(seed).start()) {
      e.faults()
          .random(
              0.5, EnumSet.of(FaultKind.SERVER_ERROR_500, FaultKind.UNAVAILABLE_503), "/api/v4/");
      TestHttp h = new TestHttp(e);
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        statuses.add(h.get("/api/v4/account").status());
      }
      return statuses;
    }
  }

  @Test
  void randomFaultsAreDeterministicUnderASeed() throws Exception {
    List<Integer> a = randomRun(7);
    assertThat(a).contains(200, 500, 503);
    assertThat(randomRun(7)).isEqualTo(a);
    assertThat(randomRun(8)).isNotEqualTo(a);
  }

  @Test
  void requestLogRecordsFaultsAndCounts() throws Exception {
    amo.faults().failNext(1, FaultKind.SERVER_ERROR_500, "GET", "/api/v4/contacts");
    http.get("/api/v4/contacts?query=123");
    http.get("/api/v4/contacts");
    http.post("/api/v4/contacts", CONTACT);
    assertThat(amo.requestCount("GET", "/api/v4/contacts")).isEqualTo(2);
    assertThat(amo.requestCount(null, "/api/v4/contacts")).isEqualTo(3);
    LoggedRequest first = amo.requestLog().get(0);
    assertThat(first.fault()).contains(FaultKind.SERVER_ERROR_500);
    assertThat(first.status()).isEqualTo(500);
    assertThat(first.query()).contains("query=123");
    assertThat(amo.requestLog().get(1).fault()).isEqualTo(Optional.empty());
    assertThat(amo.requestLog().get(1).status()).isEqualTo(204);
    amo.resetRequestLog();
    assertThat(amo.requestLog()).isEmpty();
  }
}
