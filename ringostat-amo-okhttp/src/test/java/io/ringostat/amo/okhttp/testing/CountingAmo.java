package io.ringostat.amo.okhttp.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A MockWebServer dispatcher that counts requests the way amoCRM limits them, with a random
 * delay before it counts: it holds each request 0..{@code countDelayMs} ms, then counts it in a
 * sliding second (closed: two requests exactly 1 s apart share it) and answers 429 when that
 * second holds more than {@code limit} requests (429s count too), else 204 after another
 * 0..{@code answerDelayMs} ms. Thread-safe; the seed makes the delays replayable per request
 * order, not the thread interleaving.
 */
public final class CountingAmo extends Dispatcher {
  private final int limit;
  private final int countDelayMs;
  private final int answerDelayMs;
  private final SplittableRandom random;
  private final ArrayDeque<Long> window = new ArrayDeque<>();
  private final List<Long> arrivals = new ArrayList<>();
  private int tooMany;
  private int busiest;

  public CountingAmo(int limit, int countDelayMs, int answerDelayMs, long seed) {
    this.limit = limit;
    this.countDelayMs = countDelayMs;
    this.answerDelayMs = answerDelayMs;
    this.random = new SplittableRandom(seed);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
    int countDelay;
    int answerDelay;
    synchronized (random) {
      countDelay = random.nextInt(countDelayMs + 1);
      answerDelay = random.nextInt(answerDelayMs + 1);
    }
    Thread.sleep(countDelay);
    boolean over = count(System.nanoTime());
    return new MockResponse.Builder().code(over ? 429 : 204)
        .headersDelay(answerDelay, TimeUnit.MILLISECONDS).build();
  }

  private synchronized boolean count(long now) {
    arrivals.add(now);
    while (!window.isEmpty() && now - window.peekFirst() > 1_000_000_000L) {
      window.pollFirst();
    }
    window.addLast(now);
    busiest = Math.max(busiest, window.size());
    if (window.size() > limit) {
      tooMany++;
      return true;
    }
    return false;
  }

  /** Requests counted so far. */
  public synchronized int counted() {
    return arrivals.size();
  }

  /** Requests counted at {@link System#nanoTime()} {@code from} to {@code to}, both inclusive. */
  public synchronized int countedBetween(long from, long to) {
    return (int) arrivals.stream().filter(a -> a - from >= 0 && to - a >= 0).count();
  }

  /** 429s answered so far. */
  public synchronized int tooMany() {
    return tooMany;
  }

  /** The most requests any closed sliding second held. */
  public synchronized int busiestSecond() {
    return busiest;
  }
}
