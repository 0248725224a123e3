package io.ringostat.amo.okhttp;

import java.time.Duration;
import java.util.Optional;

/**
 * 429 after this client's own retries, or a request refused locally because amoCRM asked the
 * account to pause longer than the retry policy waits. Kind {@code RATE_LIMITED}: try again
 * later, no sooner than {@link #retryAfter()} when present.
 */
public final class AmoRateLimitException extends AmoServiceException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /** @param retryAfter how long amoCRM asked to wait, or null */
  public AmoRateLimitException(int statusCode, String endpoint, String title, String detail,
      String requestId, Duration retryAfter) {
    super(Kind.RATE_LIMITED, statusCode, endpoint, title, detail, requestId);
    this.retryAfter = retryAfter;
  }

  /** The wait amoCRM asked for ({@code Retry-After}), if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
