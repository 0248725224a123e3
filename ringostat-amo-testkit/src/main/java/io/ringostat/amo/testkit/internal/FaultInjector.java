package io.ringostat.amo.testkit.internal;

import io.ringostat.amo.testkit.FaultKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Decides which fault, if any, hits each request: scripted faults first (in the order they were
 * added, each for its next {@code n} matching requests), then seeded random ones. Thread-safe;
 * deterministic for a given seed and request order.
 */
public final class FaultInjector {
  private static final class Scripted {
    final FaultKind kind;
    final String method;
    final String prefix;
    int remaining;

    Scripted(FaultKind kind, String method, String prefix, int remaining) {
      this.kind = kind;
      this.method = method;
      this.prefix = prefix;
      this.remaining = remaining;
    }
  }

  private record Random(double probability, List<FaultKind> kinds, String prefix) {}

  private final long seed;
  private final List<Scripted> scripted = new ArrayList<>();
  private final List<Random> random = new ArrayList<>();
  private SplittableRandom rng;
  private Duration latency = Duration.ZERO;
  private Duration stall = Duration.ofSeconds(30);
  private Duration slow = Duration.ofSeconds(1);

  public FaultInjector(long seed) {
    this.seed = seed;
    this.rng = new SplittableRandom(seed);
  }

  public synchronized void script(int n, FaultKind kind, String method, String pathPrefix) {
    if (n <= 0) {
      throw new IllegalArgumentException("n: must be positive");
    }
    scripted.add(
        new Scripted(
            Objects.requireNonNull(kind, "kind"),
            method == null ? "*" : method,
            pathPrefix == null ? "" : pathPrefix,
            n));
  }

  public synchronized void random(double probability, List<FaultKind> kinds, String pathPrefix) {
    if (probability < 0 || probability > 1) {
      throw new IllegalArgumentException("probability: must be within [0, 1]");
    }
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("kinds: must not be empty");
    }
    random.add(new Random(probability, List.copyOf(kinds), pathPrefix == null ? "" : pathPrefix));
  }

  /** The fault for this request, consuming a scripted one if it matches. */
  public synchronized Optional<FaultKind> next(String method, String path) {
    for (Iterator<Scripted> it = scripted.iterator(); it.hasNext(); ) {
      Scripted s = it.next();
      if ((s.method.equals("*") || s.method.equalsIgnoreCase(method))
          && path.startsWith(s.prefix)) {
        if (--s.remaining == 0) {
          it.remove();
        }
        return Optional.of(s.kind);
      }
    }
    for (Random r : random) {
      if (path.startsWith(r.prefix()) && rng.nextDouble() < r.probability()) {
        return Optional.of(r.kinds().get(rng.nextInt(r.kinds().size())));
      }
    }
    return Optional.empty();
  }

  /** Scripted faults not yet fired. */
  public synchronized int pending() {
    return scripted.stream().mapToInt(s -> s.remaining).sum();
  }

  /** Removes all faults and latency and restarts the random sequence from the seed. */
  public synchronized void clear() {
    scripted.clear();
    random.clear();
    latency = Duration.ZERO;
    rng = new SplittableRandom(seed);
  }

  public synchronized void latency(Duration d) {
    latency = nonNegative(d);
  }

  public synchronized Duration latency() {
    return latency;
  }

  public synchronized void stall(Duration d) {
    stall = nonNegative(d);
  }

  public synchronized Duration stall() {
    return stall;
  }

  public synchronized void slow(Duration d) {
    slow = nonNegative(d);
  }

  public synchronized Duration slow() {
    return slow;
  }

  private static Duration nonNegative(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("duration: must not be negative");
    }
    return d;
  }
}
