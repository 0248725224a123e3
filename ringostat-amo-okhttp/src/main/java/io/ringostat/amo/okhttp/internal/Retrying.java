package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.core.spi.CrmException.Kind;
import io.ringostat.amo.okhttp.AmoClientException;
import io.ringostat.amo.okhttp.AmoRateLimitException;
import io.ringostat.amo.okhttp.AmoRateLimiter;
import io.ringostat.amo.okhttp.AmoServerException;
import io.ringostat.amo.okhttp.AmoServiceException;
import io.ringostat.amo.okhttp.RetryPolicy;
import io.ringostat.amo.okhttp.Sleeper;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a call again after the failures that are safe to repeat for its {@link ApiCall.Mode}, up
 * to {@link RetryPolicy#maxAttempts()} attempts, with capped exponential backoff and jitter:
 *
 * <ul>
 *   <li>not sent (connection refused, DNS, TLS): any mode;
 *   <li>429: any mode (nothing was done); the whole account is paused on its {@link
 *       AmoRateLimiter} for {@code Retry-After} (when within {@link RetryPolicy#maxRetryAfter()},
 *       else the call fails at once) or the backoff;
 *   <li>sent and no answer, 5xx, 408: reads and idempotent writes only. A create fails with kind
 *       {@code OUTCOME_UNKNOWN}: the engine checks amoCRM before sending it again.
 * </ul>
 *
 * <p>A read that runs out of attempts fails with kind {@code TRANSIENT}. Logs INFO per retry and
 * WARN when attempts run out. Thread-safe.
 */
final class Retrying implements Channel {
  private static final Logger LOG = LoggerFactory.getLogger(Retrying.class);

  private final Channel next;
  private final RetryPolicy policy;
  private final Backoff backoff;
  private final AmoRateLimiter limiter;
  private final Sleeper sleeper;
  private final SafeListener listener;
  private final Metrics metrics;

  Retrying(Channel next, RetryPolicy policy, Backoff backoff, AmoRateLimiter limiter,
      Sleeper sleeper, SafeListener listener, Metrics metrics) {
    this.next = next;
    this.policy = policy;
    this.backoff = backoff;
    this.limiter = limiter;
    this.sleeper = sleeper;
    this.listener = listener;
    this.metrics = metrics;
  }

  @Override
  public ApiResponse send(ApiCall call) {
    boolean create = call.mode() == ApiCall.Mode.CREATE;
    for (int attempt = 1; ; attempt++) {
      if (attempt > 1) {
        metrics.retries.increment();
      }
      boolean last = attempt >= policy.maxAttempts();
      try {
        return next.send(call);
      } catch (AmoRateLimitException e) {
        if (!e.sent()) {
          throw e; // the limiter already waited as long as the policy allows
        }
        Duration asked = e.retryAfter().orElse(null);
        Duration pause = asked != null ? asked : backoff.delay(attempt);
        limiter.pause(pause); // every caller of the account waits, not only this one
        if (asked != null && asked.compareTo(policy.maxRetryAfter()) > 0 || last) {
          LOG.warn("{}: HTTP 429, giving up after {} attempts", call.endpoint(), attempt);
          throw e;
        }
        LOG.info("{}: HTTP 429, account paused for {} ms (attempt {} of {})", call.endpoint(),
            pause.toMillis(), attempt, policy.maxAttempts());
        listener.retrying(call.endpoint(), attempt, pause, "HTTP 429");
      } catch (AmoClientException e) {
        boolean notSent = e.kind() == Kind.TRANSIENT;
        if (e.kind() != Kind.TRANSIENT && e.kind() != Kind.OUTCOME_UNKNOWN) {
          throw e; // an unreadable 2xx: it acted
        }
        if (create && !notSent) {
          LOG.warn("{}; outcome unknown", e.getMessage());
          throw e;
        }
        if (last) {
          LOG.warn("{}: giving up after {} attempts", call.endpoint(), attempt);
          throw new AmoClientException(Kind.TRANSIENT, call.endpoint(), e.getMessage()
              + " (failed after " + attempt + " attempts)", null);
        }
        waitBeforeRetry(call, attempt, e.getMessage());
      } catch (AmoServiceException e) {
        boolean transientStatus = e instanceof AmoServerException || e.statusCode() == 408;
        if (!transientStatus || create || last) {
          if (transientStatus) {
            LOG.warn("{}: HTTP {} after {} attempts{}", call.endpoint(), e.statusCode(), attempt,
                create ? "; a create: outcome unknown" : "");
          }
          throw e;
        }
        waitBeforeRetry(call, attempt, "HTTP " + e.statusCode());
      }
    }
  }

  private void waitBeforeRetry(ApiCall call, int attempt, String reason) {
    Duration d = backoff.delay(attempt);
    LOG.info("{}: {}; retrying in {} ms (attempt {} of {})", call.endpoint(), reason,
        d.toMillis(), attempt + 1, policy.maxAttempts());
    listener.retrying(call.endpoint(), attempt, d, reason);
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AmoClientException(Kind.TRANSIENT, call.endpoint(),
          call.endpoint() + ": interrupted before sending again", null);
    }
  }
}
