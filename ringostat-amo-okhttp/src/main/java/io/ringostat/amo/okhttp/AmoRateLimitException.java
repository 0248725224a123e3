package io.ringostat.amo.okhttp;

import java.time.Duration;
import java.util.Optional;

/**
 * 429 after this client's own retries, or a request refused locally ({@link #sent()} false)
 * because amoCRM asked the account to pause longer than the retry policy waits or the account's
 * {@link AmoRateLimiter} had no permit within that time. Kind {@code RATE_LIMITED}: try again
 * later, no sooner than {@link #retryAfter()} when present.
 */
public final class AmoRateLimitException extends AmoServiceException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;
  private final boolean sent;

  /** amoCRM answered 429. @param retryAfter how long amoCRM asked to wait, or null */
  public AmoRateLimitException(int statusCode, String endpoint, String title, String detail,
      String requestId, Duration retryAfter) {
    this(statusCode, endpoint, title, detail, requestId, retryAfter, true);
  }

  private AmoRateLimitException(int statusCode, String endpoint, String title, String detail,
      String requestId, Duration retryAfter, boolean sent) {
    super(Kind.RATE_LIMITED, statusCode, endpoint, title, detail, requestId);
    this.retryAfter = retryAfter;
    this.sent = sent;
  }

  /**
   * The request was refused by the account's {@link AmoRateLimiter} and never sent: amoCRM paused
   * the account for longer than the retry policy waits, or no permit freed in that time.
   *
   * @param retryAfter when trying again makes sense, or null
   */
  public static AmoRateLimitException notSent(String endpoint, String detail,
      Duration retryAfter) {
    return new AmoRateLimitException(429, endpoint, "Too Many Requests", detail, null,
        retryAfter, false);
  }

  /** False when the request was refused locally and never reached amoCRM (see {@link #notSent}). */
  public boolean sent() {
    return sent;
  }

  /** The wait amoCRM asked for ({@code Retry-After}), if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
