package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.okhttp.AmoRateLimiter;
import io.ringostat.amo.okhttp.RetryPolicy;
import io.ringostat.amo.okhttp.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Assembles the {@link Channel} chain of one gateway, outermost first: {@link Authenticating} →
 * {@link Retrying} → {@link BlockGate} → {@link RateLimited} → {@link ErrorMapping} → {@link
 * OkHttpChannel}. Every attempt (a retry, the resend after a token refresh, the token request
 * itself) passes the block gate and takes a rate-limit permit. Thread-safe.
 */
public final class Transport {
  /**
   * Everything the chain is built from, validated by the public builder.
   *
   * @param client the host's client (never mutated) or null for a new one
   * @param timeouts connect, read, write; null keeps the client's
   * @param callTimeout the deadline of one HTTP exchange, from connect to the last body byte
   * @param limiter the account's limiter, possibly shared with other gateways
   */
  public record Config(
      HttpUrl baseUrl,
      OkHttpClient client,
      Duration[] timeouts,
      Duration callTimeout,
      AmoRateLimiter limiter,
      RetryPolicy retryPolicy,
      Duration blockedProbeInterval,
      Clock clock,
      Sleeper sleeper,
      DoubleSupplier jitter,
      SafeListener listener) {}

  private final Channel head;
  private final BlockGate gate;

  public Transport(Config c, Json json, Tokens tokens, Metrics metrics) {
    OkHttpChannel okHttp = new OkHttpChannel(derive(c), c.baseUrl(), metrics);
    Channel mapped = new ErrorMapping(okHttp, new ErrorMapper(json, tokens::secrets), c.clock());
    Channel limited = new RateLimited(mapped, c.limiter(), c.retryPolicy().maxRetryAfter());
    this.gate = new BlockGate(limited, c.clock(), c.blockedProbeInterval(), c.listener());
    Channel retrying = new Retrying(gate, c.retryPolicy(),
        new Backoff(c.retryPolicy(), c.jitter()), c.limiter(), c.sleeper(), c.listener(), metrics);
    this.head = new Authenticating(retrying, tokens, c.listener());
  }

  /** The head of the chain. */
  public Channel channel() {
    return head;
  }

  /** True while amoCRM blocks this account (after a 403), until a probe succeeds. */
  public boolean isBlocked() {
    return gate.isBlocked();
  }

  /**
   * Our client: the host's, derived with {@code newBuilder()} (never mutated, shares its pools),
   * with redirects and OkHttp's silent retries off and our timeouts.
   */
  static OkHttpClient derive(Config c) {
    OkHttpClient.Builder b = c.client() == null ? new OkHttpClient.Builder()
        : c.client().newBuilder();
    b.followRedirects(false).followSslRedirects(false).retryOnConnectionFailure(false)
        .callTimeout(c.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
    Duration[] t = c.timeouts();
    if (t != null) {
      b.connectTimeout(t[0].toMillis(), TimeUnit.MILLISECONDS)
          .readTimeout(t[1].toMillis(), TimeUnit.MILLISECONDS)
          .writeTimeout(t[2].toMillis(), TimeUnit.MILLISECONDS);
    }
    return b.build();
  }
}
