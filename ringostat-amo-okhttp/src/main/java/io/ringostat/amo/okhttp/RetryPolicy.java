package io.ringostat.amo.okhttp;

import java.time.Duration;
import java.util.Objects;

/**
 * How the gateway retries transient failures (I/O errors, timeouts, 408, 429, 5xx): at most {@link
 * #maxAttempts()} attempts per request, waiting {@code baseBackoff × 2^(attempt-1)}, capped at
 * {@link #maxBackoff()}, scaled by a jitter of 75–100 %. A 429's {@code Retry-After} is honoured
 * up to {@link #maxRetryAfter()}; a longer demand fails the request at once with {@link
 * AmoRateLimitException} instead of blocking the thread.
 *
 * <p>Writes whose outcome is unknown (sent, no answer) are never repeated by this loop: the
 * engine checks amoCRM first. Immutable and thread-safe.
 */
public final class RetryPolicy {
  /** 4 attempts, 500 ms base, 8 s cap, Retry-After honoured up to 60 s. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60));

  private final int maxAttempts;
  private final Duration baseBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;

  private RetryPolicy(int maxAttempts, Duration baseBackoff, Duration maxBackoff,
      Duration maxRetryAfter) {
    if (maxAttempts < 1 || maxAttempts > 20) {
      throw new IllegalArgumentException("maxAttempts: must be 1 to 20, was " + maxAttempts);
    }
    if (baseBackoff.isNegative() || maxBackoff.isNegative() || maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("backoffs must not be negative");
    }
    if (maxBackoff.compareTo(baseBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff: must be at least baseBackoff");
    }
    this.maxAttempts = maxAttempts;
    this.baseBackoff = baseBackoff;
    this.maxBackoff = maxBackoff;
    this.maxRetryAfter = maxRetryAfter;
  }

  /** Attempts per request, including the first; 1 disables retries. */
  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration baseBackoff() {
    return baseBackoff;
  }

  public Duration maxBackoff() {
    return maxBackoff;
  }

  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /** A copy with {@code maxAttempts} (1 to 20). */
  public RetryPolicy withMaxAttempts(int value) {
    return new RetryPolicy(value, baseBackoff, maxBackoff, maxRetryAfter);
  }

  /** A copy with the exponential backoff's base and cap. */
  public RetryPolicy withBackoff(Duration base, Duration max) {
    return new RetryPolicy(maxAttempts, Objects.requireNonNull(base, "base"),
        Objects.requireNonNull(max, "max"), maxRetryAfter);
  }

  /** A copy honouring {@code Retry-After} up to {@code value}. */
  public RetryPolicy withMaxRetryAfter(Duration value) {
    return new RetryPolicy(maxAttempts, baseBackoff, maxBackoff,
        Objects.requireNonNull(value, "value"));
  }

  @Override
  public String toString() {
    return "RetryPolicy[maxAttempts=" + maxAttempts + ", baseBackoff=" + baseBackoff
        + ", maxBackoff=" + maxBackoff + ", maxRetryAfter=" + maxRetryAfter + "]";
  }
}
