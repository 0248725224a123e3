package io.ringostat.amo.testkit;

/**
 * A fault {@link Faults} can inject into one request. Each says whether the emulator applies the
 * request (changes its state) and what the client sees.
 */
public enum FaultKind {
  /** HTTP 500 with a problem+json body; the request is not applied. */
  SERVER_ERROR_500,
  /** HTTP 502 with nginx's HTML page; the request is not applied. */
  BAD_GATEWAY_502,
  /** HTTP 503 with nginx's HTML page; the request is not applied. */
  UNAVAILABLE_503,
  /** HTTP 429 problem+json (with Retry-After if configured); the request is not applied. */
  TOO_MANY_REQUESTS_429,
  /** The connection is closed without a response; the request is not applied. */
  DISCONNECT_BEFORE_APPLY,
  /**
   * The request is applied, then the connection is closed before the response: the client sees an
   * {@code IOException} although the state changed (a lost response).
   */
  DISCONNECT_AFTER_APPLY,
  /**
   * The request is applied, but the response headers are held back for {@link
   * Faults#stallDuration(java.time.Duration)} (30 s by default): longer than any sane client
   * timeout, so the client times out although the state changed.
   */
  STALL,
  /**
   * The request is applied and answered normally after {@link
   * Faults#slowDuration(java.time.Duration)} (1 s by default).
   */
  SLOW
}
