package io.ringostat.amo.okhttp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Request permits for one amoCRM account that cannot draw a 429 (R-LIMITS), owned by the host the
 * way an OkHttp {@code ConnectionPool} is: give the same limiter to every gateway that calls the
 * same account and they stay under its rate together; a gateway built without one gets its own.
 *
 * <pre>{@code
 * AmoRateLimiter account = AmoRateLimiter.perSecond(7);
 * AmoOkHttpGateway a = AmoOkHttpGateway.builder()...rateLimiter(account).build();
 * AmoOkHttpGateway b = AmoOkHttpGateway.builder()...rateLimiter(account).build();
 * }</pre>
 *
 * <p><b>The rule.</b> A request holds a {@link Permit} from the moment it is released until its
 * answer has come back, and its place in the window stays taken for one window ({@code 1 s} for
 * rates of 1/s and more) after that answer. A permit is granted only while fewer than {@code
 * capacity} = {@code floor(rate)} places are taken: at most {@code capacity} requests are ever
 * <em>in flight or answered within the last window</em>.
 *
 * <p><b>Why amoCRM never sees more than {@code capacity} requests in a window.</b> amoCRM counts
 * a request at some instant {@code A} we cannot observe, but which lies between our release
 * {@code S} (the request cannot arrive before it leaves) and our reading of the answer {@code R}
 * (the server counted it before answering): {@code S <= A <= R}. This holds whatever happens in
 * between — a cold JVM, DNS, a new TLS connection, a retry of the connection, queueing in the
 * server, latency jitter — so the argument needs no assumption about latency. Take any window
 * {@code [t, t + w]} of amoCRM's, and the requests counted in it; let {@code n} be the last of
 * them we released. Every other such request {@code j} was released before {@code n} ({@code S_j
 * <= S_n}) and answered no earlier than it was counted, {@code R_j >= A_j >= t >= A_n - w >= S_n
 * - w}. So at {@code S_n}, {@code j} was either in flight or answered within the last window:
 * it held a place. The rule let {@code n} start only with at most {@code capacity - 1} other
 * places taken, so the window holds at most {@code capacity} requests. (Both ends are inclusive,
 * so a server counting closed or half-open windows is covered.)
 *
 * <p><b>What it costs.</b> The rule is also necessary: a limiter that knows only {@code S} and
 * {@code R} cannot release a request earlier without some latency making it the {@code
 * (capacity+1)}-th in a window. Under a backlog a place is busy for a request's latency plus one
 * window, so the throughput is {@code capacity / (w + mean latency)}: 93 % of the rate at 75 ms
 * mean latency, 87 % at 150 ms (figures in {@code docs/performance.md}). The rate is never
 * exceeded; latency, not safety margin, sets how close to it we get.
 *
 * <p><b>A request without an answer</b> (a timeout, a dropped connection) may still be counted
 * after we gave up on it, so its place is held for {@link #UNANSWERED_HOLD} more. A request that
 * never left (connection refused) ends like an answered one.
 *
 * <p><b>Waiting.</b> Waiters line up first come, first served; the first in line sleeps with the
 * {@link Sleeper} until the next place frees (known: an answer plus a window, or the end of a
 * {@linkplain #pause pause}) or, when every place is held by a request in flight, until an answer
 * comes back. Every wait is bounded by {@code maxWait} and honours interruption. The time source
 * is monotonic by default ({@link System#nanoTime()}), so a wall clock stepped forward cannot
 * free places early.
 *
 * <p><b>Thread-safety.</b> Thread-safe; meant to be shared. Holds no threads and no resources.
 * Every permit granted must be closed exactly once (the gateway does it in a {@code finally}); a
 * permit never closed keeps its place taken for good.
 */
public final class AmoRateLimiter {
  /**
   * How much longer the place of a request that got no answer stays taken: amoCRM may count a
   * request that was sent before we gave up on it after we gave up.
   */
  public static final Duration UNANSWERED_HOLD = Duration.ofSeconds(1);

  private final ReentrantLock line = new ReentrantLock(true);
  private final ReentrantLock state = new ReentrantLock();
  private final Condition answered = state.newCondition();
  private final double permitsPerSecond;
  private final int capacity;
  private final long windowNanos;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Occupancy occupancy; // guarded by state
  private long pausedUntil = Long.MIN_VALUE; // guarded by state

  private AmoRateLimiter(double permitsPerSecond, Clock clock, Sleeper sleeper) {
    if (!(permitsPerSecond > 0) || permitsPerSecond > 1000) {
      throw new IllegalArgumentException(
          "permitsPerSecond: must be above 0 and at most 1000, was " + permitsPerSecond);
    }
    this.permitsPerSecond = permitsPerSecond;
    // amoCRM counts whole requests in a sliding second: 7.5/s allows 7 in any second; below
    // 1/s, one request per 1/rate seconds.
    this.capacity = Math.max(1, (int) Math.floor(permitsPerSecond));
    this.windowNanos = Math.max(1_000_000_000L,
        (long) Math.ceil(1_000_000_000d * capacity / permitsPerSecond));
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.occupancy = new Occupancy(capacity, windowNanos);
  }

  /**
   * A limiter granting at most {@code permitsPerSecond} requests per second on a monotonic clock.
   *
   * @throws IllegalArgumentException unless {@code 0 < permitsPerSecond <= 1000}
   */
  public static AmoRateLimiter perSecond(double permitsPerSecond) {
    return new AmoRateLimiter(permitsPerSecond, new MonotonicClock(), Sleeper.SYSTEM);
  }

  /**
   * A limiter on {@code clock} that waits with {@code sleeper} (tests: a fake time source). The
   * clock should not step backwards or forwards; {@link Clock#systemUTC()} may.
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

  /** How many requests may be in flight or answered within one {@link #window()}. */
  public int capacity() {
    return capacity;
  }

  /** The sliding window: one second for rates of 1/s and more. */
  public Duration window() {
    return Duration.ofNanos(windowNanos);
  }

  /**
   * Waits for a permit, at most {@code maxWait}. Close the permit when the answer has come back
   * ({@link Permit#close()}) or when the request ended without one ({@link
   * Permit#closeUnanswered()}).
   *
   * @return a permit; empty, without waiting, when it is already clear that none frees within
   *     {@code maxWait} (a longer {@linkplain #pauseRemaining() pause}, a queue too long), or
   *     when {@code maxWait} ran out
   * @throws InterruptedException when interrupted while waiting
   */
  public Optional<Permit> tryAcquire(Duration maxWait) throws InterruptedException {
    long budget = Math.max(0, maxWait.toNanos());
    long lineStart = System.nanoTime();
    if (!line.tryLock(budget, TimeUnit.NANOSECONDS)) {
      return Optional.empty();
    }
    try {
      long deadline = now() + Math.max(0, budget - (System.nanoTime() - lineStart));
      while (true) {
        long now = now();
        long wakeAt;
        state.lockInterruptibly();
        try {
          occupancy.expire(now);
          boolean room = occupancy.hasRoom();
          if (room && (pausedUntil == Long.MIN_VALUE || pausedUntil - now <= 0)) {
            occupancy.start();
            return Optional.of(new Permit());
          }
          boolean paused = pausedUntil != Long.MIN_VALUE && pausedUntil - now > 0;
          if (paused && pausedUntil - deadline > 0) {
            return Optional.empty(); // the pause outlasts the wait: don't wait at all
          }
          wakeAt = room ? pausedUntil : occupancy.nextFree();
          if (paused && wakeAt != Long.MAX_VALUE) {
            wakeAt = Math.max(wakeAt, pausedUntil);
          }
          if (wakeAt == Long.MAX_VALUE) { // every place is in flight: wait for an answer
            // bounded on both clocks: an injected clock may not move while we wait
            long left = Math.min(deadline - now, lineStart + budget - System.nanoTime());
            if (left <= 0) {
              return Optional.empty();
            }
            answered.awaitNanos(left);
            continue;
          }
          if (wakeAt - deadline > 0) {
            return Optional.empty();
          }
        } finally {
          state.unlock();
        }
        sleeper.sleep(Duration.ofNanos(wakeAt - now));
      }
    } finally {
      line.unlock();
    }
  }

  /** Holds every caller back for {@code duration} from now (extends, never shortens, a pause). */
  public void pause(Duration duration) {
    long until = now() + duration.toNanos();
    state.lock();
    try {
      if (pausedUntil == Long.MIN_VALUE || until - pausedUntil > 0) {
        pausedUntil = until;
      }
    } finally {
      state.unlock();
    }
  }

  /** How much longer the current pause lasts; zero when there is none. */
  public Duration pauseRemaining() {
    state.lock();
    try {
      long left = pausedUntil == Long.MIN_VALUE ? 0 : pausedUntil - now();
      return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    } finally {
      state.unlock();
    }
  }

  /** Requests holding a permit now (sent, answer not yet read). */
  public int inFlight() {
    state.lock();
    try {
      return occupancy.inFlight();
    } finally {
      state.unlock();
    }
  }

  private void end(long holdNanos) {
    long now = now();
    state.lock();
    try {
      occupancy.end(now, holdNanos);
      answered.signalAll();
    } finally {
      state.unlock();
    }
  }

  private long now() {
    Instant i = clock.instant();
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
  }

  @Override
  public String toString() {
    return "AmoRateLimiter[" + permitsPerSecond + "/s]";
  }

  /**
   * The right to send one request. Its place in the window is taken until one window after it is
   * closed. Thread-safe; closing twice has no further effect.
   */
  public final class Permit implements AutoCloseable {
    private final AtomicBoolean open = new AtomicBoolean(true);

    private Permit() {}

    /** The request ended with an answer (any status), or never left this machine. */
    @Override
    public void close() {
      if (open.compareAndSet(true, false)) {
        end(0);
      }
    }

    /**
     * The request was sent and no answer came (timeout, dropped connection): amoCRM may still
     * count it, so its place stays taken for {@link #UNANSWERED_HOLD} longer.
     */
    public void closeUnanswered() {
      if (open.compareAndSet(true, false)) {
        end(UNANSWERED_HOLD.toNanos());
      }
    }
  }
}
