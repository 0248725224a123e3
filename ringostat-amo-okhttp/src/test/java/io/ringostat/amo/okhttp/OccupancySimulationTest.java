package io.ringostat.amo.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The limiter's rule ({@link Occupancy}, exactly as {@link AmoRateLimiter} applies it) under a
 * simulated backlog on fake time: ten simulated minutes per latency profile in milliseconds of
 * wall time. Each request leaves when the rule lets it, spends 0..{@code connectMs} on connection
 * set-up, is counted by amoCRM 0..{@code countMs} later and answered 0..{@code answerMs} after
 * that. No closed sliding second ever holds more than 7 counted requests, and the throughput is
 * what a place busy for "latency + 1 s" allows.
 */
class OccupancySimulationTest {
  static final int RATE = 7;
  static final long SECOND = 1_000_000_000L;
  static final long MS = 1_000_000L;

  @ParameterizedTest(name = "connect 0-{0} ms, count 0-{1} ms, answer 0-{2} ms")
  @CsvSource({
      "70, 150, 300", // the soak test's server, plus cold connections
      "0, 150, 300",
      "0, 150, 0",    // answered the moment it is counted
      "70, 50, 100",  // amoCRM-like: mean latency about 110 ms
      "0, 20, 100",
      "0, 0, 0"})     // no latency at all: the rule reaches the full rate
  void noSecondHoldsMoreThanTheRate(int connectMs, int countMs, int answerMs) {
    long seed = Long.getLong("ringostat.sim.seed", System.nanoTime());
    SplittableRandom random = new SplittableRandom(seed);
    Occupancy rule = new Occupancy(RATE, SECOND);
    PriorityQueue<Long> answers = new PriorityQueue<>();
    List<Long> counted = new ArrayList<>();
    long end = 600 * SECOND;
    long now = 0;
    while (now < end) {
      while (!answers.isEmpty() && answers.peek() <= now) {
        rule.end(answers.poll(), 0);
      }
      rule.expire(now);
      while (rule.hasRoom()) { // a backlog: every free place is used at once
        rule.start();
        long arrives = now + random.nextLong(connectMs * MS + 1)
            + random.nextLong(countMs * MS + 1);
        counted.add(arrives);
        answers.add(arrives + random.nextLong(answerMs * MS + 1));
      }
      long next = Math.min(answers.isEmpty() ? Long.MAX_VALUE : answers.peek(), rule.nextFree());
      now = Math.max(next, now + 1);
    }
    counted.sort(null);
    int busiest = 0;
    for (int i = 0, j = 0; j < counted.size(); j++) {
      while (counted.get(j) - counted.get(i) > SECOND) {
        i++;
      }
      busiest = Math.max(busiest, j - i + 1);
    }
    double utilisation = counted.size() / (RATE * 600.0);
    double meanLatency = (connectMs + countMs + answerMs) / 2.0 / 1000;
    double bound = 1 / (1 + meanLatency);
    System.out.printf("OccupancySimulationTest: connect 0-%d, count 0-%d, answer 0-%d ms:"
            + " utilisation %.1f %% (1/(1 s + mean latency) = %.1f %%), busiest second %d,"
            + " seed %d%n", connectMs, countMs, answerMs, 100 * utilisation, 100 * bound, busiest,
        seed);
    assertThat(busiest).as("busiest closed second (seed %d)", seed).isLessThanOrEqualTo(RATE);
    assertThat(utilisation).isGreaterThan(0.98 * bound);
  }
}
