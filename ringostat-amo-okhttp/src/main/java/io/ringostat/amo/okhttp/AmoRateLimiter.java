package io.ringostat.amo.okhttp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Evenly spaced request permits for one amoCRM account (R-LIMITS), owned by the host the way an
 * OkHttp {@code ConnectionPool} is: give the same limiter to every gateway that calls the same
 * account and they stay under its rate together; a gateway built without one gets its own.
 *
 * <pre>{@code
 * AmoRateLimiter account = AmoRateLimiter.perSecond(7);
 * AmoOkHttpGateway a = AmoOkHttpGateway.builder()...rateLimiter(account).build();
 * AmoOkHttpGateway b = AmoOkHttpGateway.builder()...rateLimiter(account).build();
 * }</pre>
 *
 * <p>Grants are at least {@code 1/rate} seconds apart (plus a 3 % margin, see {@link
 * #ARRIVAL_MARGIN}), measured on this limiter's clock at the moment of each grant, so no sliding
 * second holds more than {@code rate} grants. Waiters queue on a fair lock, first come first
 * served. A 429 from amoCRM {@linkplain #pause pauses} every caller of the limiter.
 *
 * <p><b>Thread-safety.</b> Thread-safe; meant to be shared. Holds no threads and no resources.
 */
public final class AmoRateLimiter {
  /**
   * Grants are spaced 3 % wider than {@code 1/rate}: requests leave exactly spaced, but network
   * and scheduling jitter of a few milliseconds would otherwise let {@code rate + 1} of them
   * arrive within one of amoCRM's sliding seconds, and each 429 pauses the whole account. Measured
   * with the emulator at 7/s: exact spacing drew 429s, 3 % margin none, at 97 % of the limit.
   */
  static final double ARRIVAL_MARGIN = 1.03;

  private final ReentrantLock lock = new ReentrantLock(true);
  private final double permitsPerSecond;
  private final long intervalNanos;
  private final Clock clock;
  private final Sleeper sleeper;
  private final AtomicLong pausedUntilNanos = new AtomicLong(Long.MIN_VALUE);
  private long nextNanos = Long.MIN_VALUE;

  private AmoRateLimiter(double permitsPerSecond, Clock clock, Sleeper sleeper) {
    if (!(permitsPerSecond > 0) || permitsPerSecond > 1000) {
      throw new IllegalArgumentException(
          "permitsPerSecond: must be above 0 and at most 1000, was " + permitsPerSecond);
    }
    this.permitsPerSecond = permitsPerSecond;
    this.intervalNanos = (long) Math.ceil(1_000_000_000d * ARRIVAL_MARGIN / permitsPerSecond);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /**
   * A limiter granting at most {@code permitsPerSecond} requests per second on the system clock.
   *
   * @throws IllegalArgumentException unless {@code 0 < permitsPerSecond <= 1000}
   */
  public static AmoRateLimiter perSecond(double permitsPerSecond) {
    return new AmoRateLimiter(permitsPerSecond, Clock.systemUTC(), Sleeper.SYSTEM);
  }

  /**
   * A limiter on {@code clock} that waits with {@code sleeper} (tests: a fake time source).
   *
   * @throws IllegalArgumentException unless {@code 0 < permitsPerSecond <= 1000}
   */
  public static AmoRateLimiter perSecond(double permitsPerSecond, Clock clock, Sleeper sleeper) {
    return new AmoRateLimiter(permitsPerSecond, clock, sleeper);
  }

  /** The configured rate, in permits per second. */
  public double permitsPerSecond() {
    return permitsPerSecond;
  }

  /** The spacing between two grants. */
  public Duration interval() {
    return Duration.ofNanos(intervalNanos);
  }

  /**
   * Waits for a permit, unless the account is paused for longer than {@code maxWait}.
   *
   * @return true when a permit was granted; false, without waiting, when a pause lasts longer
   *     than {@code maxWait} ({@link #pauseRemaining()} says how long)
   * @throws InterruptedException when interrupted while waiting
   */
  public boolean tryAcquire(Duration maxWait) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (true) {
        long now = nanos(clock.instant());
        // With one clock, next <= now + interval always holds; clamping guards a clock that
        // stepped back.
        if (nextNanos != Long.MIN_VALUE && nextNanos - now > intervalNanos) {
          nextNanos = now + intervalNanos;
        }
        long paused = pausedUntilNanos.get();
        long slot = Math.max(nextNanos, paused);
        if (slot == Long.MIN_VALUE || now >= slot) {
          nextNanos = now + intervalNanos;
          return true;
        }
        if (paused > now && paused - now > maxWait.toNanos()) {
          return false;
        }
        sleeper.sleep(Duration.ofNanos(slot - now));
      }
    } finally {
      lock.unlock();
    }
  }

  /** Holds every caller back for {@code duration} from now (extends, never shortens, a pause). */
  public void pause(Duration duration) {
    long until = nanos(clock.instant().plus(duration));
    pausedUntilNanos.accumulateAndGet(until, Math::max);
  }

  /** How much longer the current pause lasts; zero when there is none. */
  public Duration pauseRemaining() {
    long left = pausedUntilNanos.get() - nanos(clock.instant());
    return pausedUntilNanos.get() == Long.MIN_VALUE || left <= 0 ? Duration.ZERO
        : Duration.ofNanos(left);
  }

  private static long nanos(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
  }

  @Override
  public String toString() {
    return "AmoRateLimiter[" + permitsPerSecond + "/s]";
  }
}
