package io.ringostat.amo.okhttp.internal;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JVM-wide registry of limiters: one per account host (and time source), shared by every
 * thread and every gateway that calls that host, so that several engines on one account stay
 * under its limit together. When gateways ask for different rates, the lowest wins.
 */
public final class RateLimiters {
  private static final ConcurrentHashMap<Key, RateLimiter> LIMITERS = new ConcurrentHashMap<>();

  private RateLimiters() {}

  /**
   * The limiter for {@code host}.
   *
   * @param host the account host (with port for a local test server)
   * @param clock the time source; system clocks in any zone share a limiter
   */
  public static RateLimiter forHost(String host, Clock clock, double permitsPerSecond) {
    RateLimiter.interval(permitsPerSecond); // validates
    Key key = new Key(host, clock.withZone(ZoneOffset.UTC));
    RateLimiter limiter = LIMITERS.computeIfAbsent(key, k -> new RateLimiter(permitsPerSecond));
    limiter.lowerTo(permitsPerSecond);
    return limiter;
  }

  private record Key(String host, Clock clock) {
    Key {
      Objects.requireNonNull(host, "host");
    }
  }
}
