package io.ringostat.amo.okhttp;

import java.time.Duration;
import java.time.Instant;

/**
 * Alerts from the gateway (R-OBS): the account was blocked or unblocked, authentication failed, a
 * request is being retried. Methods are called synchronously on the thread that saw the event;
 * they must be fast and should not throw (exceptions are logged and ignored). Every method has an
 * empty default.
 */
public interface GatewayListener {
  /** Ignores everything. */
  GatewayListener NONE = new GatewayListener() {};

  /**
   * amoCRM answered 403 (or 402): the gateway stops sending, except a probe at most every probe
   * interval. Raise an alert: unblocking usually needs amoCRM support.
   */
  default void blocked(AmoPermissionException cause, Instant nextProbeAt) {}

  /** A probe succeeded after a block; requests flow again. */
  default void unblocked() {}

  /** A 401 that a refresh could not cure: new credentials are needed. */
  default void authenticationFailed(AmoAuthenticationException cause) {}

  /** The OAuth access token was refreshed (and saved to the token store). */
  default void tokenRefreshed() {}

  /**
   * A request failed transiently and will be sent again after {@code backoff}.
   *
   * @param endpoint method and path, without the query string
   * @param attempt the attempt that failed, from 1
   * @param reason e.g. "HTTP 503" or "SocketTimeoutException"
   */
  default void retrying(String endpoint, int attempt, Duration backoff, String reason) {}
}
