package io.ringostat.amo.okhttp;

import java.time.Duration;

/**
 * Waits; injected so that tests never sleep for real. The default is {@link Thread#sleep}.
 * Implementations must be thread-safe and throw {@link InterruptedException} when interrupted.
 */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps with {@link Thread#sleep(long, int)}. */
  Sleeper SYSTEM = d -> {
    if (!d.isNegative() && !d.isZero()) {
      Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
    }
  };

  void sleep(Duration duration) throws InterruptedException;
}
