package io.ringostat.amo.asterisk;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff with jitter: the n-th consecutive failure waits {@code min(max,
 * initial * 2^(n-1))}, shortened by a random part of up to {@code jitter} of it, so that many
 * adapters do not reconnect in lockstep after Asterisk restarts. Pure apart from the injected random
 * source.
 */
final class Backoff {
  private final Duration initial;
  private final Duration max;
  private final double jitter;
  private final DoubleSupplier random;

  Backoff(Duration initial, Duration max, double jitter, DoubleSupplier random) {
    this.initial = initial;
    this.max = max;
    this.jitter = jitter;
    this.random = random;
  }

  /** The wait before attempt {@code failures + 1}; {@code failures} is at least 1. */
  Duration delay(int failures) {
    long capMillis = max.toMillis();
    long base = initial.toMillis();
    for (int i = 1; i < failures && base < capMillis; i++) {
      base *= 2;
    }
    base = Math.min(base, capMillis);
    double r = Math.min(1.0, Math.max(0.0, random.getAsDouble()));
    return Duration.ofMillis(Math.round(base * (1.0 - jitter * r)));
  }
}
