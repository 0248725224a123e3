package io.ringostat.amo.examples.cli;

import io.ringostat.amo.engine.Alert;
import io.ringostat.amo.engine.EngineListener;
import io.ringostat.amo.engine.HandleResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The engine listener of the commands: collects alerts (and hands each to {@code onAlert} as it
 * comes) and lets a command wait for the final outcome of an event that {@code handle} returned
 * as DEFERRED (a scheduled retry, or an integration that is not active yet). Thread-safe.
 */
final class Outcomes implements EngineListener {
  private final Consumer<Alert> onAlert;
  private final List<Alert> alerts = new ArrayList<>();
  private final Map<Long, CompletableFuture<HandleResult>> finals = new HashMap<>();
  private final Set<Long> settled = new HashSet<>();

  Outcomes(Consumer<Alert> onAlert) {
    this.onAlert = onAlert;
  }

  @Override
  public void outcome(HandleResult r) {
    if (r.status() == HandleResult.Status.DEFERRED) {
      return; // not final: a retry or a stopped integration; the final one follows
    }
    synchronized (this) {
      if (settled.remove(r.seq())) {
        return; // the command already has it from handle()
      }
      finals.computeIfAbsent(r.seq(), k -> new CompletableFuture<>()).complete(r);
    }
  }

  @Override
  public void alert(Alert a) {
    synchronized (alerts) {
      alerts.add(a);
    }
    onAlert.accept(a);
  }

  List<Alert> alerts() {
    synchronized (alerts) {
      return List.copyOf(alerts);
    }
  }

  /**
   * The final outcome of the event behind {@code r}: {@code r} itself unless it is DEFERRED, else
   * the outcome the engine reports later, waiting at most {@code timeout} (then {@code r}).
   */
  HandleResult settle(HandleResult r, Duration timeout) {
    if (r.status() == HandleResult.Status.DUPLICATE) {
      return r; // its seq is the earlier entry's, which has its own outcome
    }
    if (r.status() != HandleResult.Status.DEFERRED) {
      synchronized (this) {
        if (finals.remove(r.seq()) == null) {
          settled.add(r.seq());
        }
      }
      return r;
    }
    CompletableFuture<HandleResult> f = future(r.seq());
    try {
      HandleResult done = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      synchronized (this) {
        finals.remove(r.seq());
      }
      return done;
    } catch (TimeoutException e) {
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return r;
    } catch (ExecutionException e) {
      return r;
    }
  }

  /** Completes with the final outcome of journal entry {@code seq}. */
  synchronized CompletableFuture<HandleResult> future(long seq) {
    return finals.computeIfAbsent(seq, k -> new CompletableFuture<>());
  }
}
