package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.okhttp.GatewayListener;
import io.ringostat.amo.okhttp.RetryPolicy;
import io.ringostat.amo.okhttp.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Everything the transport is built from, validated by the public builder.
 *
 * @param client the host's client (never mutated) or null for a new one
 * @param timeouts connect, read, write; null keeps the client's (or OkHttp's defaults, tightened)
 */
public record TransportConfig(
    HttpUrl baseUrl,
    OkHttpClient client,
    Duration[] timeouts,
    double rateLimit,
    RetryPolicy retryPolicy,
    Duration blockedProbeInterval,
    Clock clock,
    Sleeper sleeper,
    DoubleSupplier jitter,
    GatewayListener listener) {

  /** The limiter key: host, plus port when it is not the scheme's default (local tests). */
  public String hostKey() {
    return baseUrl.port() == HttpUrl.defaultPort(baseUrl.scheme()) ? baseUrl.host()
        : baseUrl.host() + ":" + baseUrl.port();
  }
}
