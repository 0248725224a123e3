package io.ringostat.amo.engine.host;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One account's view of the shared routing-lookup pool: at most {@code max} of its lookups run at a
 * time; beyond that a lookup is rejected at once (the engine answers "fall through" within the
 * routing budget), so that an account whose amoCRM hangs never takes every lookup thread. The host
 * owns the shared pool: shutting this view down does nothing. Thread-safe.
 */
final class LookupGate extends AbstractExecutorService {
  private final ExecutorService shared;
  private final int max;
  private final AtomicInteger running = new AtomicInteger();

  LookupGate(ExecutorService shared, int max) {
    this.shared = shared;
    this.max = max;
  }

  @Override
  public void execute(Runnable task) {
    if (running.incrementAndGet() > max) {
      running.decrementAndGet();
      throw new RejectedExecutionException("the account has " + max + " lookups running");
    }
    try {
      shared.execute(() -> {
        try {
          task.run();
        } finally {
          running.decrementAndGet();
        }
      });
    } catch (RejectedExecutionException e) {
      running.decrementAndGet();
      throw e;
    }
  }

  @Override
  public void shutdown() {}

  @Override
  public List<Runnable> shutdownNow() {
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return shared.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return shared.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }
}
