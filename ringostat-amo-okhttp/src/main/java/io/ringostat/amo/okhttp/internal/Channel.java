package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.okhttp.AmoException;

/**
 * Sends one {@link ApiCall} and returns its 2xx answer. The transport is a chain of channels, each
 * with one job, outermost first: {@link Authenticating} → {@link Retrying} → {@link BlockGate} →
 * {@link RateLimited} → {@link ErrorMapping} → {@link OkHttpChannel} (in the style of OkHttp
 * interceptors and dialogue channels).
 *
 * <p>Implementations are thread-safe. Anything but a 2xx answer is thrown as an {@link
 * AmoException} whose kind says what happened; a channel handles the exceptions of its concern
 * and lets the others pass.
 */
@FunctionalInterface
public interface Channel {
  /**
   * @throws AmoException for every failure, typed by {@link ErrorMapping} or the channel that
   *     refused to send
   */
  ApiResponse send(ApiCall call);
}
