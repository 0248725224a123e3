package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.core.spi.CrmException.Kind;
import io.ringostat.amo.okhttp.AmoClientException;
import io.ringostat.amo.okhttp.AmoRateLimitException;
import io.ringostat.amo.okhttp.AmoRateLimiter;
import io.ringostat.amo.okhttp.AmoServiceException;
import java.time.Duration;
import java.util.Optional;

/**
 * Takes a permit from the account's {@link AmoRateLimiter} before every attempt and holds it
 * until the answer has been read (see the limiter for why that makes a 429 impossible). When no
 * permit frees within {@code maxWait} — amoCRM paused the account for longer, or the queue of
 * requests is that long — the call fails at once with {@link AmoRateLimitException} (not sent)
 * instead of blocking the thread.
 *
 * <p>Thread-safe. Blocks while waiting for a permit, at most {@code maxWait}.
 */
final class RateLimited implements Channel {
  /**
   * A permit a {@link Lane} took before forming its batch: the next request this thread sends uses
   * it instead of waiting in line again.
   */
  private static final ThreadLocal<AmoRateLimiter.Permit> PREPAID = new ThreadLocal<>();

  private final Channel next;
  private final AmoRateLimiter limiter;
  private final Duration maxWait;

  /** The next request on this thread uses {@code permit} (see {@link Lane}). */
  static void prepay(AmoRateLimiter.Permit permit) {
    PREPAID.set(permit);
  }

  /** Takes back a prepaid permit no request used (the call failed before the limiter). */
  static Optional<AmoRateLimiter.Permit> unusedPrepaid() {
    AmoRateLimiter.Permit p = PREPAID.get();
    PREPAID.remove();
    return Optional.ofNullable(p);
  }

  RateLimited(Channel next, AmoRateLimiter limiter, Duration maxWait) {
    this.next = next;
    this.limiter = limiter;
    this.maxWait = maxWait;
  }

  @Override
  public ApiResponse send(ApiCall call) {
    Optional<AmoRateLimiter.Permit> granted = unusedPrepaid();
    try {
      if (granted.isEmpty()) {
        granted = limiter.tryAcquire(maxWait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AmoClientException(Kind.TRANSIENT, call.endpoint(),
          call.endpoint() + ": interrupted before sending", null);
    }
    if (granted.isEmpty()) {
      throw notSent(call.endpoint(), limiter, maxWait);
    }
    AmoRateLimiter.Permit permit = granted.get();
    boolean answered = false;
    try {
      ApiResponse r = next.send(call);
      answered = true;
      return r;
    } catch (AmoServiceException e) {
      answered = true; // any status: amoCRM counted it before answering
      throw e;
    } catch (AmoClientException e) {
      answered = e.kind() != Kind.OUTCOME_UNKNOWN; // not sent, or an unreadable answer
      throw e;
    } finally {
      if (answered) {
        permit.close();
      } else {
        permit.closeUnanswered();
      }
    }
  }

  /** Why a request to {@code endpoint} got no permit within {@code maxWait}. */
  static AmoRateLimitException notSent(String endpoint, AmoRateLimiter limiter,
      Duration maxWait) {
    Duration left = limiter.pauseRemaining();
    if (!left.isZero()) {
      return AmoRateLimitException.notSent(endpoint,
          "not sent: the account is paused after a 429 for another " + left.toSeconds() + " s",
          left);
    }
    return AmoRateLimitException.notSent(endpoint, "not sent: no request permit within "
        + maxWait.toMillis() + " ms (" + limiter + " is saturated: requests come faster than"
        + " amoCRM's limit lets them out; send less or share the work over time)",
        limiter.window());
  }
}
