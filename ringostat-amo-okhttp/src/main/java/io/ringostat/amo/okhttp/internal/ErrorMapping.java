package io.ringostat.amo.okhttp.internal;

import java.time.Clock;
import java.time.Duration;

/**
 * Turns an HTTP answer into a result: a 2xx passes (a body too large to read is {@code
 * INVALID_RESPONSE}: amoCRM acted, we cannot tell the ids); any other status is thrown as the typed
 * exception {@link ErrorMapper} picks, with the wire text cleaned of secrets and phone numbers.
 * Thread-safe.
 */
final class ErrorMapping implements Channel {
  private final OkHttpChannel next;
  private final ErrorMapper errors;
  private final Clock clock;

  ErrorMapping(OkHttpChannel next, ErrorMapper errors, Clock clock) {
    this.next = next;
    this.errors = errors;
    this.clock = clock;
  }

  @Override
  public ApiResponse send(ApiCall call) {
    ApiResponse r = next.exchange(call);
    int s = r.status();
    if (s >= 200 && s < 300) {
      if (r.body() == null) {
        throw Json.invalid(call.endpoint(), "the body exceeds " + Json.MAX_BODY_BYTES + " bytes",
            null);
      }
      return r;
    }
    Duration retryAfter = s == 429 ? Backoff.retryAfter(r.headers().get("Retry-After"), clock)
        : null;
    throw errors.map(call, s, r.headers(), r.body(), retryAfter);
  }
}
