package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.core.spi.CrmException.Kind;
import io.ringostat.amo.okhttp.AmoClientException;
import io.ringostat.amo.okhttp.AmoRateLimitException;
import io.ringostat.amo.okhttp.AmoRateLimiter;
import java.time.Duration;

/**
 * Takes a permit from the account's {@link AmoRateLimiter} before every attempt. When amoCRM has
 * paused the account for longer than {@code maxWait}, the call fails at once with {@link
 * AmoRateLimitException} (not sent) instead of blocking the thread. Thread-safe.
 */
final class RateLimited implements Channel {
  private final Channel next;
  private final AmoRateLimiter limiter;
  private final Duration maxWait;

  RateLimited(Channel next, AmoRateLimiter limiter, Duration maxWait) {
    this.next = next;
    this.limiter = limiter;
    this.maxWait = maxWait;
  }

  @Override
  public ApiResponse send(ApiCall call) {
    boolean granted;
    try {
      granted = limiter.tryAcquire(maxWait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AmoClientException(Kind.TRANSIENT, call.endpoint(),
          call.endpoint() + ": interrupted before sending", null);
    }
    if (!granted) {
      Duration left = limiter.pauseRemaining();
      throw new AmoRateLimitException(429, call.endpoint(), "Too Many Requests",
          "not sent: the account is paused after a 429 for another " + left.toSeconds() + " s",
          null, left);
    }
    return next.send(call);
  }
}
