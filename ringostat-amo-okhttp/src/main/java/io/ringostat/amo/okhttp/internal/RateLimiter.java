package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.okhttp.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Evenly spaced permits for one amoCRM account (R-LIMITS): grants are at least {@code 1/rate}
 * seconds apart, measured on the clock at the moment of each grant, so no sliding second ever
 * holds more than {@code rate} grants (the interval is rounded up to the next nanosecond).
 * Waiters queue on a fair lock, first come first served; the one at the head sleeps until its
 * slot. A 429 {@linkplain #pauseUntil pauses} every caller.
 *
 * <p>Thread-safe. The clock and sleeper are the caller's (all callers of one limiter share a time
 * source; see {@link RateLimiters}).
 */
public final class RateLimiter {
  private final ReentrantLock lock = new ReentrantLock(true);
  private final AtomicLong intervalNanos;
  private final AtomicLong pausedUntilNanos = new AtomicLong(Long.MIN_VALUE);
  private long nextNanos = Long.MIN_VALUE;

  RateLimiter(double permitsPerSecond) {
    this.intervalNanos = new AtomicLong(interval(permitsPerSecond));
  }

  static long interval(double permitsPerSecond) {
    if (!(permitsPerSecond > 0) || permitsPerSecond > 1000) {
      throw new IllegalArgumentException("rateLimit: must be above 0 and at most 1000 per second");
    }
    return (long) Math.ceil(1_000_000_000d * ARRIVAL_MARGIN / permitsPerSecond);
  }

  /**
   * Grants are spaced 3 % wider than {@code 1/rate}: requests leave exactly spaced, but network
   * and scheduling jitter of a few milliseconds would otherwise let {@code rate + 1} of them
   * arrive within one of amoCRM's sliding seconds, and each 429 pauses the whole account. Measured
   * with the emulator at 7/s: exact spacing drew 429s, 3 % margin none, at 97 % of the limit.
   */
  static final double ARRIVAL_MARGIN = 1.03;

  /** Slows down to {@code permitsPerSecond} if that is lower than the current rate. */
  void lowerTo(double permitsPerSecond) {
    long wanted = interval(permitsPerSecond);
    intervalNanos.accumulateAndGet(wanted, Math::max);
  }

  public Duration interval() {
    return Duration.ofNanos(intervalNanos.get());
  }

  /**
   * Waits for a permit and returns when it was granted (by {@code clock}).
   *
   * @param maxWait the longest wait a pause may impose; a longer pause throws
   * @throws PausedTooLong when the account is paused for longer than {@code maxWait}
   * @throws InterruptedException when interrupted while waiting
   */
  public Instant acquire(Clock clock, Sleeper sleeper, Duration maxWait)
      throws InterruptedException, PausedTooLong {
    lock.lockInterruptibly();
    try {
      while (true) {
        Instant instant = clock.instant();
        long now = nanos(instant);
        long interval = intervalNanos.get();
        // With one clock, next <= now + interval always holds; clamping guards against a caller
        // whose clock is behind the previous caller's (tests with their own clocks).
        if (nextNanos != Long.MIN_VALUE && nextNanos - now > interval) {
          nextNanos = now + interval;
        }
        long paused = pausedUntilNanos.get();
        long slot = Math.max(nextNanos, paused);
        if (slot == Long.MIN_VALUE || now >= slot) {
          nextNanos = now + interval;
          return instant;
        }
        long wait = slot - now;
        if (paused > now && paused - now > maxWait.toNanos()) {
          throw new PausedTooLong(Duration.ofNanos(paused - now));
        }
        sleeper.sleep(Duration.ofNanos(wait));
      }
    } finally {
      lock.unlock();
    }
  }

  /** Pauses every caller until {@code until} (extends, never shortens, a pause). */
  public void pauseUntil(Instant until) {
    long t = nanos(until);
    pausedUntilNanos.accumulateAndGet(t, Math::max);
  }

  private static long nanos(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
  }

  /** The account is paused longer than the caller will wait. */
  public static final class PausedTooLong extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Duration remaining;

    PausedTooLong(Duration remaining) {
      super("paused for another " + remaining.toMillis() + " ms", null, false, false);
      this.remaining = remaining;
    }

    public Duration remaining() {
      return remaining;
    }
  }
}
