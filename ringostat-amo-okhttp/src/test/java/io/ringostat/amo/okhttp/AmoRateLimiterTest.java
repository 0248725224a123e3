package io.ringostat.amo.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.okhttp.testing.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The limiter alone, on fake time: places held until answered, pauses, bounds, validation. */
class AmoRateLimiterTest {
  private final FakeTime time = new FakeTime();
  private final Duration minute = Duration.ofSeconds(60);

  private AmoRateLimiter.Permit take(AmoRateLimiter limiter) throws InterruptedException {
    return limiter.tryAcquire(minute).orElseThrow();
  }

  @Test
  void sevenStartAtOnceAndTheEighthWaitsOneSecondAfterTheFirstAnswer() throws Exception {
    AmoRateLimiter limiter = AmoRateLimiter.perSecond(7, time, time);
    List<AmoRateLimiter.Permit> permits = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      permits.add(take(limiter));
    }
    assertThat(time.slept()).isZero();
    Instant start = time.instant();
    time.advance(Duration.ofMillis(300)); // the first answer comes back 300 ms later
    permits.get(0).close();
    time.advance(Duration.ofMillis(100));
    permits.get(1).close();

    take(limiter);
    assertThat(Duration.between(start, time.instant()))
        .as("the answer at 300 ms holds its place until 1300 ms").isGreaterThan(
            Duration.ofMillis(1300)).isLessThan(Duration.ofMillis(1301));
    take(limiter);
    assertThat(Duration.between(start, time.instant())).isGreaterThan(Duration.ofMillis(1400))
        .isLessThan(Duration.ofMillis(1401));
  }

  @Test
  void closingTwiceFreesOnePlaceOnly() throws Exception {
    AmoRateLimiter limiter = AmoRateLimiter.perSecond(1, time, time);
    AmoRateLimiter.Permit p = take(limiter);
    p.close();
    p.close();
    p.closeUnanswered();
    assertThat(limiter.inFlight()).isZero();
    take(limiter);
    assertThat(time.slept()).isGreaterThan(Duration.ofSeconds(1));
  }

  @Test
  void aRequestWithoutAnAnswerHoldsItsPlaceLonger() throws Exception {
    AmoRateLimiter limiter = AmoRateLimiter.perSecond(1, time, time);
    Instant start = time.instant();
    take(limiter).closeUnanswered();
    take(limiter);
    assertThat(Duration.between(start, time.instant()))
        .isGreaterThan(Duration.ofSeconds(1).plus(AmoRateLimiter.UNANSWERED_HOLD));
  }

  @Test
  void whenEveryPlaceIsInFlightAWaiterWakesOnTheAnswer() throws Exception {
    AmoRateLimiter limiter = AmoRateLimiter.perSecond(2, time, time);
    AmoRateLimiter.Permit a = take(limiter);
    take(limiter);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CountDownLatch started = new CountDownLatch(1);
      Future<Optional<AmoRateLimiter.Permit>> waiter = pool.submit(() -> {
        started.countDown();
        return limiter.tryAcquire(minute);
      });
      started.await();
      Thread.sleep(50);
      assertThat(waiter.isDone()).as("no place frees while both are in flight").isFalse();
      a.close();
      assertThat(waiter.get(5, TimeUnit.SECONDS)).isPresent();
      assertThat(time.slept()).isGreaterThan(Duration.ofSeconds(1));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void waitsAreBoundedAndRefusedAtOnceWhenNothingFreesInTime() throws Exception {
    AmoRateLimiter limiter = AmoRateLimiter.perSecond(1, time, time);
    AmoRateLimiter.Permit inFlight = take(limiter);
    long before = System.nanoTime();
    assertThat(limiter.tryAcquire(Duration.ofMillis(100))).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));

    inFlight.close();
    Instant answered = time.instant();
    assertThat(limiter.tryAcquire(Duration.ofMillis(500))).as("frees only 1 s after the answer")
        .isEmpty();
    assertThat(time.instant()).as("refused without sleeping").isEqualTo(answered);
  }

  @Test
  void interruptionIsHonoured() throws Exception {
    AmoRateLimiter limiter = AmoRateLimiter.perSecond(1, time, time);
    take(limiter);
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        limiter.tryAcquire(minute);
        outcome.complete(null);
      } catch (Throwable e) {
        outcome.complete(e);
      }
    });
    t.start();
    Thread.sleep(50);
    t.interrupt();
    assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
  }

  @Test
  void aPauseHoldsEveryoneAndALongPauseIsRefusedWithoutWaiting() throws Exception {
    AmoRateLimiter limiter = AmoRateLimiter.perSecond(7, time, time);
    take(limiter).close();
    Instant first = time.instant();
    limiter.pause(Duration.ofSeconds(5));
    take(limiter).close();
    assertThat(Duration.between(first, time.instant())).isEqualTo(Duration.ofSeconds(5));

    limiter.pause(Duration.ofSeconds(120));
    Instant before = time.instant();
    assertThat(limiter.tryAcquire(minute)).isEmpty();
    assertThat(time.instant()).isEqualTo(before);
    assertThat(limiter.pauseRemaining()).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void capacityAndWindowFollowTheRate() {
    assertThat(AmoRateLimiter.perSecond(7).capacity()).isEqualTo(7);
    assertThat(AmoRateLimiter.perSecond(7).window()).isEqualTo(Duration.ofSeconds(1));
    assertThat(AmoRateLimiter.perSecond(7.5).capacity()).isEqualTo(7);
    assertThat(AmoRateLimiter.perSecond(0.5).capacity()).isEqualTo(1);
    assertThat(AmoRateLimiter.perSecond(0.5).window()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void rateOutsideTheRangeIsRefused() {
    assertThatThrownBy(() -> AmoRateLimiter.perSecond(0)).isInstanceOf(
        IllegalArgumentException.class).hasMessageContaining("permitsPerSecond");
    assertThatThrownBy(() -> AmoRateLimiter.perSecond(1001)).isInstanceOf(
        IllegalArgumentException.class);
  }
}
