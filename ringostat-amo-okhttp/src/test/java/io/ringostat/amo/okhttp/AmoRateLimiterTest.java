package io.ringostat.amo.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.okhttp.testing.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The limiter alone, on fake time: spacing, pauses, validation. */
class AmoRateLimiterTest {
  private final FakeTime time = new FakeTime();

  @Test
  void permitsAreEvenlySpacedAndNoSlidingSecondHoldsMoreThanTheRate() throws Exception {
    // the grant instant is the last time the granting thread read the clock
    ThreadLocal<Instant> lastRead = new ThreadLocal<>();
    java.time.Clock recording = new java.time.Clock() {
      @Override
      public Instant instant() {
        Instant now = time.instant();
        lastRead.set(now);
        return now;
      }

      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public java.time.Clock withZone(java.time.ZoneId zone) {
        return this;
      }
    };
    AmoRateLimiter limiter = AmoRateLimiter.perSecond(7, recording, time);
    List<Instant> grants = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      futures.add(pool.submit(() -> {
        for (int i = 0; i < 25; i++) {
          assertThat(limiter.tryAcquire(Duration.ofSeconds(60))).isTrue();
          grants.add(lastRead.get());
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get(10, TimeUnit.SECONDS);
    }
    pool.shutdown();

    List<Instant> sorted = new ArrayList<>(grants);
    Collections.sort(sorted);
    assertThat(sorted).hasSize(100);
    for (int i = 0; i + 7 < sorted.size(); i++) {
      assertThat(Duration.between(sorted.get(i), sorted.get(i + 7)))
          .as("8 grants never fit in one second").isGreaterThan(Duration.ofSeconds(1));
    }
  }

  @Test
  void aPauseHoldsEveryoneAndALongPauseIsRefusedWithoutWaiting() throws Exception {
    AmoRateLimiter limiter = AmoRateLimiter.perSecond(7, time, time);
    limiter.tryAcquire(Duration.ofSeconds(60));
    Instant first = time.instant();
    limiter.pause(Duration.ofSeconds(5));
    assertThat(limiter.tryAcquire(Duration.ofSeconds(60))).isTrue();
    assertThat(Duration.between(first, time.instant())).isEqualTo(Duration.ofSeconds(5));

    limiter.pause(Duration.ofSeconds(120));
    Instant before = time.instant();
    assertThat(limiter.tryAcquire(Duration.ofSeconds(60))).isFalse();
    assertThat(time.instant()).isEqualTo(before);
    assertThat(limiter.pauseRemaining()).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void rateOutsideTheRangeIsRefused() {
    assertThatThrownBy(() -> AmoRateLimiter.perSecond(0)).isInstanceOf(
        IllegalArgumentException.class).hasMessageContaining("permitsPerSecond");
    assertThatThrownBy(() -> AmoRateLimiter.perSecond(1001)).isInstanceOf(
        IllegalArgumentException.class);
    assertThat(AmoRateLimiter.perSecond(3).interval()).isGreaterThan(Duration.ofNanos(333_333_333));
  }
}
