package io.ringostat.amo.okhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.spi.CrmException.Kind;
import io.ringostat.amo.okhttp.AmoClientException;
import io.ringostat.amo.okhttp.RetryPolicy;
import io.ringostat.amo.okhttp.internal.wire.ContactDto;
import io.ringostat.amo.okhttp.testing.FakeTime;
import io.ringostat.amo.okhttp.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Phone verification, backoff, Retry-After, the rate limiter, JSON limits. */
class SmallPartsTest {
  @ParameterizedTest
  @CsvSource({
      "79161234567, +7 916 123-45-67, true",
      "79161234567, 8 (916) 123-45-67, true",
      "79161234567, 9161234567, true",
      "380441234567, 044 123 45 67, true",
      "380441234567, 00380441234567, true",
      "380441234567, +380 50 123 45 67, false",
      "79161234567, 1234567, false",
      "1234567, 123-45-67, true",
      "1234567, 1234568, false",
      "79161234567, '', false",
      "79161234567, call me, false"})
  void phoneVerification(String phone, String stored, boolean match) {
    assertThat(PhoneMatch.matches(new PhoneNumber(phone), stored)).isEqualTo(match);
  }

  @Test
  void backoffIsExponentialCappedAndJittered() {
    RetryPolicy p = RetryPolicy.DEFAULT.withBackoff(Duration.ofMillis(500), Duration.ofSeconds(4));
    assertThat(new Backoff(p, () -> 1.0).delay(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(new Backoff(p, () -> 1.0).delay(3)).isEqualTo(Duration.ofSeconds(2));
    assertThat(new Backoff(p, () -> 1.0).delay(10)).isEqualTo(Duration.ofSeconds(4));
    assertThat(new Backoff(p, () -> 0.0).delay(1)).isEqualTo(Duration.ofMillis(375));
    assertThat(new Backoff(p, () -> 1.0).delay(100)).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void retryAfterSecondsAndHttpDate() {
    FakeTime t = new FakeTime(Instant.parse("2024-11-25T16:00:00Z"));
    assertThat(Backoff.retryAfter("7", t)).isEqualTo(Duration.ofSeconds(7));
    assertThat(Backoff.retryAfter("Mon, 25 Nov 2024 16:00:30 GMT", t))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(Backoff.retryAfter("Mon, 25 Nov 2024 15:00:00 GMT", t)).isEqualTo(Duration.ZERO);
    assertThat(Backoff.retryAfter("soon", t)).isNull();
    assertThat(Backoff.retryAfter(null, t)).isNull();
  }

  @Test
  void unknownFieldsAreIgnoredAndEnumOrEnumCodeAccepted() {
    ContactDto.Page p = Json.create().read(Fixtures.text("contacts-search-fuzzy.json")
        .getBytes(StandardCharsets.UTF_8), ContactDto.Page.class, "GET /api/v4/contacts");
    assertThat(p.items()).hasSize(4);
    assertThat(p.items().get(0).customFieldsValues().get(0).values().get(0).enumName())
        .isEqualTo("WORK");
    assertThat(p.items().get(2).phones()).isEmpty();
    assertThat(p.items().get(3).leadIds()).isEmpty();
  }

  @Test
  void malformedOrHostileBodiesAreTypedErrorsThatQuoteNothing() {
    Json json = Json.create();
    String deep = "[".repeat(1000) + "]".repeat(1000);
    String secretish = "{\"_embedded\": nope-380441234567-secret}";
    for (String body : List.of(deep, secretish, "", "null", "<html>",
        "{\"_embedded\":{\"contacts\":\"not a list\"}}")) {
      assertThatThrownBy(() -> json.read(body.getBytes(StandardCharsets.UTF_8),
          ContactDto.Page.class, "GET /api/v4/contacts"))
          .isInstanceOf(AmoClientException.class)
          .satisfies(e -> {
            assertThat(((AmoClientException) e).kind()).isEqualTo(Kind.INVALID_RESPONSE);
            assertThat(e.getMessage()).doesNotContain("secret").doesNotContain("380441234567");
            assertThat(e.getCause()).isNull();
          });
    }
    String longString = "{\"name\":\"" + "x".repeat(Json.MAX_STRING + 1) + "\"}";
    assertThatThrownBy(() -> json.read(longString.getBytes(StandardCharsets.UTF_8),
        ContactDto.class, "GET /x")).isInstanceOf(AmoClientException.class)
        .hasMessageContaining("read limit");
  }

  @Test
  void redactionMasksPhoneLikeRuns() {
    assertThat(Redact.text("call +7 916 123-45-67 now")).isEqualTo("call *******4567 now");
    assertThat(Redact.text("id 12345")).isEqualTo("id 12345");
    assertThat(Redact.text("a\nb")).isEqualTo("a b");
  }
}
