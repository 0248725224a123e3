package io.ringostat.amo.engine.host;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One account's view of the shared worker pool: at most {@code maxRunning} of its tasks run or
 * wait in the shared pool at a time; the rest wait here, in the account's own queue (fairness,
 * R-FLEET). A busy account therefore holds at most {@code maxRunning} shared threads, and the
 * shared queue holds at most {@code maxRunning} tasks per account. Thread-safe.
 */
final class AccountExecutor implements Executor {
  private final Executor shared;
  private final int maxRunning;
  private ArrayDeque<Runnable> waiting; // created on demand: most accounts are idle
  private int running;

  AccountExecutor(Executor shared, int maxRunning) {
    this.shared = shared;
    this.maxRunning = maxRunning;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      if (running >= maxRunning) {
        if (waiting == null) {
          waiting = new ArrayDeque<>();
        }
        waiting.add(task);
        return;
      }
      running++;
    }
    try {
      shared.execute(() -> runThenNext(task));
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        running--;
      }
      throw e;
    }
  }

  /** Tasks of this account waiting for a turn. */
  synchronized int waiting() {
    return waiting == null ? 0 : waiting.size();
  }

  private void runThenNext(Runnable task) {
    Runnable current = task;
    while (current != null) {
      try {
        current.run();
      } finally {
        synchronized (this) {
          Runnable next = waiting == null ? null : waiting.poll();
          if (next == null) {
            running--;
            waiting = null;
          }
          current = next;
        }
      }
      if (current != null) {
        // Hand the account's next task back to the shared queue instead of running it here, so
        // that accounts take turns on the shared threads.
        Runnable next = current;
        current = null;
        try {
          shared.execute(() -> runThenNext(next));
        } catch (RejectedExecutionException closed) {
          synchronized (this) {
            running--;
          }
        }
      }
    }
  }
}
