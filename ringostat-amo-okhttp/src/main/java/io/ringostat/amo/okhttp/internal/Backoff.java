package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.okhttp.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.DoubleSupplier;

/**
 * Backoff delays: {@code base × 2^(attempt-1)}, capped, scaled by a 75–100 % jitter; and {@code
 * Retry-After} parsing (delta-seconds or HTTP-date, RFC 9110 §10.2.3).
 */
public final class Backoff {
  private final RetryPolicy policy;
  private final DoubleSupplier jitter;

  public Backoff(RetryPolicy policy, DoubleSupplier jitter) {
    this.policy = policy;
    this.jitter = jitter;
  }

  /** The wait after failed attempt {@code attempt} (from 1). */
  public Duration delay(int attempt) {
    long base = policy.baseBackoff().toNanos();
    long cap = policy.maxBackoff().toNanos();
    long exp = attempt >= 40 ? cap : Math.min(cap, base * (1L << Math.max(0, attempt - 1)));
    double j = Math.min(1d, Math.max(0d, jitter.getAsDouble()));
    return Duration.ofNanos((long) (exp * (0.75 + 0.25 * j)));
  }

  /** The wait a {@code Retry-After} value asks for, or null when absent or unreadable. */
  public static Duration retryAfter(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    if (v.matches("\\d{1,9}")) {
      return Duration.ofSeconds(Long.parseLong(v));
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(clock.instant(), at);
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
