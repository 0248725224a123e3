package io.ringostat.amo.okhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ringostat.amo.core.spi.CrmException;
import io.ringostat.amo.core.spi.CrmException.Kind;
import io.ringostat.amo.okhttp.AmoClientException;
import io.ringostat.amo.okhttp.AmoRateLimiter;
import io.ringostat.amo.okhttp.AmoValidationException;
import io.ringostat.amo.okhttp.AmoValidationException.ValidationError;
import io.ringostat.amo.okhttp.testing.FakeTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The combining lane: callers that wait for a permit share one request; each gets its own
 * results; a lost answer is everyone's; a refused item fails its caller only.
 */
class LaneTest {
  private final FakeTime time = new FakeTime();
  private final AmoRateLimiter limiter = AmoRateLimiter.perSecond(1, time, time);
  private final List<List<String>> requests = new CopyOnWriteArrayList<>();
  private final ExecutorService callers = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    callers.shutdownNow();
  }

  private Lane<String, String> lane(Lane.Sender<String, String> sender) {
    return new Lane<>("POST /test", 50, limiter, Duration.ofMinutes(1), Function.identity(),
        Set::of, items -> {
          requests.add(List.copyOf(items));
          return sender.send(items);
        });
  }

  private static List<String> ids(List<String> items) {
    return items.stream().map(i -> "id-of-" + i).toList();
  }

  /** Holds every place of the limiter until {@code release} runs; callers queue meanwhile. */
  private List<Future<List<String>>> queuedBehindABusyLimiter(Lane<String, String> lane,
      List<List<String>> perCaller) throws Exception {
    AmoRateLimiter.Permit busy = limiter.tryAcquire(Duration.ZERO).orElseThrow();
    List<Future<List<String>>> out = new ArrayList<>();
    for (List<String> items : perCaller) {
      out.add(callers.submit(() -> lane.submit(items)));
      awaitWaiting(lane, out.size());
    }
    busy.close();
    return out;
  }

  private static void awaitWaiting(Lane<?, ?> lane, int n) throws InterruptedException {
    for (int i = 0; i < 10_000 && lane.waiting() != n; i++) {
      Thread.sleep(1);
    }
    assertThat(lane.waiting()).isEqualTo(n);
  }

  @Test
  void aLoneCallerSendsAtOnceWithoutWaiting() {
    Lane<String, String> lane = lane(LaneTest::ids);

    assertThat(lane.submit(List.of("a", "b"))).containsExactly("id-of-a", "id-of-b");
    assertThat(requests).containsExactly(List.of("a", "b"));
    assertThat(time.slept()).isZero();
  }

  @Test
  void callersWaitingForAPermitShareOneRequestAndEachGetsItsOwnIds() throws Exception {
    Lane<String, String> lane = lane(LaneTest::ids);

    List<Future<List<String>>> f = queuedBehindABusyLimiter(lane,
        List.of(List.of("a"), List.of("b1", "b2"), List.of("c")));

    assertThat(f.get(0).get(10, TimeUnit.SECONDS)).containsExactly("id-of-a");
    assertThat(f.get(1).get(10, TimeUnit.SECONDS)).containsExactly("id-of-b1", "id-of-b2");
    assertThat(f.get(2).get(10, TimeUnit.SECONDS)).containsExactly("id-of-c");
    assertThat(requests).containsExactly(List.of("a", "b1", "b2", "c"));
  }

  @Test
  void aRequestCarriesAtMostFiftyItemsAndOneCallersItemsStayTogether() throws Exception {
    Lane<String, String> lane = lane(LaneTest::ids);
    List<List<String>> perCaller = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      perCaller.add(List.of("x" + i, "y" + i)); // 48 items
    }
    perCaller.add(List.of("p", "q", "r")); // would make 51: waits for the next request

    List<Future<List<String>>> f = queuedBehindABusyLimiter(lane, perCaller);
    for (Future<List<String>> one : f) {
      one.get(10, TimeUnit.SECONDS);
    }

    assertThat(requests).hasSize(2);
    assertThat(requests.get(0)).hasSize(48);
    assertThat(requests.get(1)).containsExactly("p", "q", "r");
  }

  @Test
  void aLostAnswerIsEveryCallersUnknownOutcome() throws Exception {
    CrmException lost = new AmoClientException(Kind.OUTCOME_UNKNOWN, "POST /test",
        "sent, no answer", null);
    Lane<String, String> lane = lane(items -> {
      throw lost;
    });

    List<Future<List<String>>> f = queuedBehindABusyLimiter(lane,
        List.of(List.of("a"), List.of("b")));

    for (Future<List<String>> one : f) {
      Throwable t = catchThrowable(() -> one.get(10, TimeUnit.SECONDS));
      assertThat(t.getCause()).isSameAs(lost);
    }
    assertThat(requests).hasSize(1);
  }

  @Test
  void aRefusedItemFailsItsCallerWithAmoCrmsReasonAndTheOthersAreSentAgainWithoutIt()
      throws Exception {
    Lane<String, String> lane = lane(items -> {
      if (items.contains("bad")) {
        throw new AmoValidationException(400, "POST /test", "Bad Request",
            "Request validation failed", null,
            List.of(new ValidationError("bad", "NotSupportedChoice", "responsible_user_id",
                "The value you selected is not a valid choice.")),
            Set.of("bad"));
      }
      return ids(items);
    });

    List<Future<List<String>>> f = queuedBehindABusyLimiter(lane,
        List.of(List.of("a"), List.of("bad"), List.of("c")));

    assertThat(f.get(0).get(10, TimeUnit.SECONDS)).containsExactly("id-of-a");
    assertThat(f.get(2).get(10, TimeUnit.SECONDS)).containsExactly("id-of-c");
    Throwable t = catchThrowable(() -> f.get(1).get(10, TimeUnit.SECONDS)).getCause();
    assertThat(t).isInstanceOf(AmoValidationException.class);
    AmoValidationException v = (AmoValidationException) t;
    assertThat(v.kind()).isEqualTo(Kind.REJECTED);
    assertThat(v.rejectedKeys()).containsExactly("bad");
    assertThat(v.getMessage()).contains("NotSupportedChoice at responsible_user_id");
    assertThat(requests).containsExactly(List.of("a", "bad", "c"), List.of("a", "c"));
  }

  @Test
  void aCallerInterruptedBeforeItsItemsWereTakenIsNotSent() throws Exception {
    Lane<String, String> lane = lane(LaneTest::ids);
    AmoRateLimiter.Permit busy = limiter.tryAcquire(Duration.ZERO).orElseThrow();
    Future<List<String>> leader = callers.submit(() -> lane.submit(List.of("a")));
    awaitWaiting(lane, 1);
    Future<List<String>> follower = callers.submit(() -> lane.submit(List.of("b")));
    awaitWaiting(lane, 2);

    follower.cancel(true);
    awaitWaiting(lane, 1);
    busy.close();

    assertThat(leader.get(10, TimeUnit.SECONDS)).containsExactly("id-of-a");
    assertThat(requests).containsExactly(List.of("a"));
  }
}
