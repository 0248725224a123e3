package io.ringostat.amo.it.support;

import io.ringostat.amo.engine.Alert;
import io.ringostat.amo.engine.EngineListener;
import io.ringostat.amo.engine.HandleResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** A listener that keeps every outcome and alert, and waits for them with a deadline. */
public final class Outcomes implements EngineListener {
  private final Map<Long, HandleResult> finals = new ConcurrentHashMap<>();
  private final List<HandleResult> all = new CopyOnWriteArrayList<>();
  private final List<Alert> alerts = new CopyOnWriteArrayList<>();

  @Override
  public void outcome(HandleResult result) {
    all.add(result);
    if (result.status() != HandleResult.Status.DEFERRED) {
      finals.put(result.seq(), result);
    }
  }

  @Override
  public void alert(Alert alert) {
    alerts.add(alert);
  }

  public Optional<HandleResult> finalOf(long seq) {
    return Optional.ofNullable(finals.get(seq));
  }

  public Map<Long, HandleResult> finals() {
    return Map.copyOf(finals);
  }

  public List<HandleResult> all() {
    return List.copyOf(all);
  }

  public List<Alert> alerts() {
    return new ArrayList<>(alerts);
  }

  public boolean hasAlert(Alert.Kind kind) {
    return alerts.stream().anyMatch(a -> a.kind() == kind);
  }

  /** The final outcome of {@code seq}, waiting at most {@code timeout}. */
  public HandleResult awaitFinal(long seq, Duration timeout) {
    await("the final outcome of #" + seq, timeout, () -> finals.containsKey(seq));
    return finals.get(seq);
  }

  /** Polls {@code condition} every 10 ms until it holds; fails after {@code timeout}. */
  public static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
