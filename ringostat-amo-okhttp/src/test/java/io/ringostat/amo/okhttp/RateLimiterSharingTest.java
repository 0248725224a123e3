package io.ringostat.amo.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.okhttp.testing.Effects;
import io.ringostat.amo.okhttp.testing.FakeTime;
import io.ringostat.amo.okhttp.testing.TestGateways;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * Limiters are the host's objects: gateways sharing one stay under its rate together; gateways
 * with their own do not hold each other back, even on the same account.
 */
class RateLimiterSharingTest {
  @StartStop
  final MockWebServer server = new MockWebServer();

  private final FakeTime time = new FakeTime();

  @Test
  void gatewaysWithTheirOwnLimitersDoNotHoldEachOtherBack() {
    AmoRateLimiter mine = AmoRateLimiter.perSecond(7, time, time);
    AmoOkHttpGateway paused = TestGateways.builder(server, time).rateLimiter(mine).build();
    AmoOkHttpGateway other = TestGateways.builder(server, time)
        .rateLimiter(AmoRateLimiter.perSecond(7, time, time)).build();
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "600").build());
    server.enqueue(new MockResponse.Builder().code(204).build());

    assertThatThrownBy(() -> paused.lookup(Effects.PHONE, Set.of()))
        .isInstanceOf(AmoRateLimitException.class);
    other.lookup(Effects.PHONE, Set.of());
    assertThatThrownBy(() -> paused.lookup(Effects.PHONE, Set.of()))
        .isInstanceOfSatisfying(AmoRateLimitException.class,
            e -> assertThat(e.getMessage()).contains("not sent"));

    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aPauseOnASharedLimiterHoldsBackEveryGatewayUsingIt() {
    AmoRateLimiter shared = AmoRateLimiter.perSecond(7, time, time);
    AmoOkHttpGateway a = TestGateways.builder(server, time).rateLimiter(shared).build();
    AmoOkHttpGateway b = TestGateways.builder(server, time).rateLimiter(shared).build();
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "600").build());

    assertThatThrownBy(() -> a.lookup(Effects.PHONE, Set.of()))
        .isInstanceOf(AmoRateLimitException.class);
    assertThatThrownBy(() -> b.lookup(Effects.PHONE, Set.of()))
        .isInstanceOfSatisfying(AmoRateLimitException.class,
            e -> assertThat(e.getMessage()).contains("not sent"));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void gatewaysSharingALimiterStayUnderItsRateTogether() throws Exception {
    List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        arrivals.add(System.nanoTime());
        return new MockResponse.Builder().code(204).build();
      }
    });
    int rate = 5;
    AmoRateLimiter shared = AmoRateLimiter.perSecond(rate); // real time
    List<AmoOkHttpGateway> gateways = List.of(
        TestGateways.builder(server, time).rateLimiter(shared).build(),
        TestGateways.builder(server, time).rateLimiter(shared).build());
    int perGateway = 6;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> runs = new ArrayList<>();
    for (AmoOkHttpGateway g : gateways) {
      runs.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < perGateway; i++) {
          g.lookup(Effects.PHONE, Set.of());
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : runs) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();

    List<Long> sorted = new ArrayList<>(arrivals);
    Collections.sort(sorted);
    assertThat(sorted).hasSize(2 * perGateway);
    long second = Duration.ofSeconds(1).toNanos();
    int busiest = 0;
    for (int i = 0; i < sorted.size(); i++) {
      int inWindow = 0;
      for (int j = i; j < sorted.size() && sorted.get(j) - sorted.get(i) < second; j++) {
        inWindow++;
      }
      busiest = Math.max(busiest, inWindow);
    }
    // Each gateway alone would send 5/s, both together 10/s. One request of slack for the
    // scheduling jitter between a grant and its arrival.
    assertThat(busiest).as("requests in the busiest second").isLessThanOrEqualTo(rate + 1);
    assertThat(Duration.ofNanos(sorted.get(sorted.size() - 1) - sorted.get(0)))
        .as("12 requests at 5/s").isGreaterThan(Duration.ofSeconds(2));
  }
}
