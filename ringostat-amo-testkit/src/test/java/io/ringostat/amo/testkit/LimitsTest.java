package io.ringostat.amo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rate limit → 429 → 403 HTML block (reference §2.1, §15), on an injected clock. */
class LimitsTest {
  private static final String BLOCKED_HTML =
      "<html><head><title>403 Forbidden</title></head>"
          + "<body><center><h1>403 Forbidden</h1></center><hr><center>nginx</center></body></html>";
  private final ManualClock clock = ManualClock.at(Instant.parse("2025-01-15T10:00:00Z"));
  private AmoEmulator amo;

  @AfterEach
  void stop() {
    amo.close();
  }

  private TestHttp start(AmoEmulator.Builder b) {
    amo = b.clock(clock).start();
    return new TestHttp(amo);
  }

  @Test
  void overTheLimitIs429ProblemJsonUntilTheWindowSlides() throws Exception {
    TestHttp http = start(AmoEmulator.builder().rateLimit(3).blockAfter(0));
    for (int i = 0; i < 3; i++) {
      assertThat(http.get("/api/v4/account").status()).isEqualTo(200);
    }
    TestHttp.Resp r = http.get("/api/v4/account");
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.contentType()).isEqualTo("application/problem+json");
    JsonNode b = r.json();
    assertThat(b.get("title").asText()).isEqualTo("Too Many Requests");
    assertThat(b.get("type").asText()).isEqualTo("https://httpstatus.es/429");
    assertThat(b.get("status").asInt()).isEqualTo(429);
    assertThat(b.get("detail").asText()).isEqualTo("Too many requests");
    assertThat(r.headers().get("Retry-After")).isNull();
    clock.advance(Duration.ofMillis(999));
    assertThat(http.get("/api/v4/account").status()).isEqualTo(429);
    clock.advance(Duration.ofMillis(1));
    assertThat(http.get("/api/v4/account").status()).isEqualTo(200);
  }

  @Test
  void defaultLimitIsSevenPerSecond() throws Exception {
    TestHttp http = start(AmoEmulator.builder());
    for (int i = 0; i < 7; i++) {
      assertThat(http.get("/api/v4/account").status()).isEqualTo(200);
    }
    assertThat(http.get("/api/v4/account").status()).isEqualTo(429);
  }

  @Test
  void retryAfterIsAddedWhenConfigured() throws Exception {
    TestHttp http = start(AmoEmulator.builder().rateLimit(1).retryAfter(Duration.ofSeconds(2)));
    http.get("/api/v4/account");
    assertThat(http.get("/api/v4/account").headers().get("Retry-After")).isEqualTo("2");
  }

  @Test
  void repeatedExcessBlocksTheAccountWithNginxHtml() throws Exception {
    TestHttp http = start(AmoEmulator.builder().rateLimit(2).blockAfter(2));
    http.get("/api/v4/account");
    http.get("/api/v4/account");
    assertThat(http.get("/api/v4/account").status()).isEqualTo(429);
    assertThat(http.get("/api/v4/account").status()).isEqualTo(429);
    TestHttp.Resp blocked = http.get("/api/v4/account");
    assertThat(blocked.status()).isEqualTo(403);
    assertThat(blocked.contentType()).isEqualTo("text/html");
    assertThat(blocked.body()).isEqualTo(BLOCKED_HTML);
    assertThat(amo.isBlocked()).isTrue();
    clock.advance(Duration.ofMinutes(5));
    assertThat(http.get("/api/v4/account").status()).isEqualTo(403);
    assertThat(
            new TestHttp(amo.baseUrl(), null, new okhttp3.OkHttpClient())
                .post("/oauth2/access_token", "{}")
                .status())
        .isEqualTo(403);
    amo.unblock();
    assertThat(http.get("/api/v4/account").status()).isEqualTo(200);
  }

  @Test
  void blockAndUnblockByHand() throws Exception {
    TestHttp http = start(AmoEmulator.builder().rateLimit(0));
    amo.block();
    assertThat(http.get("/api/v4/contacts").body()).isEqualTo(BLOCKED_HTML);
    amo.unblock();
    assertThat(http.get("/api/v4/contacts").status()).isEqualTo(204);
  }

  @Test
  void rateLimitZeroTurnsItOff() throws Exception {
    TestHttp http = start(AmoEmulator.builder().rateLimit(0));
    for (int i = 0; i < 50; i++) {
      assertThat(http.get("/api/v4/account").status()).isEqualTo(200);
    }
  }
}
