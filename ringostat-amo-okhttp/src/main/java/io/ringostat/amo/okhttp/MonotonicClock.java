package io.ringostat.amo.okhttp;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that never steps: {@link System#nanoTime()} anchored once to the wall clock. The rate
 * limiter's safety argument measures intervals, and a wall clock stepped forward by NTP would let
 * it free places early. Thread-safe.
 */
final class MonotonicClock extends Clock {
  private final long originNanos = System.nanoTime();
  private final Instant origin = Instant.now();

  @Override
  public Instant instant() {
    return origin.plusNanos(System.nanoTime() - originNanos);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
