package io.ringostat.amo.engine.internal;

import io.ringostat.amo.engine.journal.JournalEntry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs journal entries strictly in order per phone key, different keys in parallel on a bounded
 * executor (R-ONCE: events of one phone are applied in arrival order). A handler's verdict decides
 * whether the head entry is done, retried after a delay (the key's later entries wait), or paused
 * (the integration stopped; entries stay queued until {@link #resume}).
 */
public final class OrderedDispatcher {
  /** What became of the head entry of a key. */
  public sealed interface Verdict {
    /** Finished (delivered, failed or rejected): take the next entry. */
    record Done() implements Verdict {}

    /** Try the same entry again after {@code delay}; later entries of the key wait. */
    record Retry(Duration delay) implements Verdict {}

    /** The integration stopped: leave the entry queued. */
    record Pause() implements Verdict {}

    Verdict DONE = new Done();
    Verdict PAUSE = new Pause();
  }

  /** Processes one entry; must not throw. */
  public interface Handler {
    Verdict process(JournalEntry entry);
  }

  private final Executor workers;
  private final ScheduledExecutorService timer;
  private final Handler handler;
  private final Runnable afterDone;

  private final Map<String, ArrayDeque<JournalEntry>> queues = new HashMap<>();
  private final Set<String> owned = new HashSet<>();
  private final Set<String> processing = new HashSet<>();
  private int size;
  private boolean active;
  private long generation;

  public OrderedDispatcher(Executor workers, ScheduledExecutorService timer, Handler handler,
      Runnable afterDone) {
    this.workers = workers;
    this.timer = timer;
    this.handler = handler;
    this.afterDone = afterDone;
  }

  /** Queues {@code entry} behind earlier entries of its phone key. */
  public synchronized void submit(JournalEntry entry) {
    queues.computeIfAbsent(entry.phoneKey(), k -> new ArrayDeque<>()).add(entry);
    size++;
    start(entry.phoneKey());
  }

  /** Entries queued in memory. */
  public synchronized int size() {
    return size;
  }

  /** Lets queued keys run again. */
  public synchronized void resume() {
    active = true;
    for (String key : queues.keySet()) {
      start(key);
    }
  }

  /** Stops taking new entries; entries being processed finish. */
  public synchronized void pause() {
    active = false;
  }

  /** Waits until no entry is being processed (scheduled retries don't count). */
  public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!processing.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** Forgets every queued entry and scheduled retry (they stay pending in the journal). */
  public synchronized void clear() {
    generation++;
    queues.clear();
    owned.clear();
    size = 0;
  }

  private void start(String key) {
    if (active && !owned.contains(key) && queues.containsKey(key)) {
      owned.add(key);
      long gen = generation;
      try {
        workers.execute(() -> drain(key, gen));
      } catch (java.util.concurrent.RejectedExecutionException closed) {
        owned.remove(key);
      }
    }
  }

  private void drain(String key, long gen) {
    while (true) {
      JournalEntry head;
      synchronized (this) {
        if (gen != generation) {
          return;
        }
        ArrayDeque<JournalEntry> q = queues.get(key);
        if (!active || q == null || q.isEmpty()) {
          if (q != null && q.isEmpty()) {
            queues.remove(key);
          }
          owned.remove(key);
          notifyAll();
          return;
        }
        head = q.peek();
        processing.add(key);
      }
      Verdict verdict;
      try {
        verdict = handler.process(head);
      } catch (RuntimeException e) {
        verdict = new Verdict.Retry(Duration.ofSeconds(30));
      }
      synchronized (this) {
        processing.remove(key);
        notifyAll();
        if (gen != generation) {
          return;
        }
        if (verdict instanceof Verdict.Retry r) {
          try {
            timer.schedule(() -> workers.execute(() -> drain(key, gen)),
                Math.max(1, r.delay().toMillis()), TimeUnit.MILLISECONDS);
          } catch (java.util.concurrent.RejectedExecutionException closed) {
            owned.remove(key);
          }
          return;
        }
        if (verdict instanceof Verdict.Pause) {
          owned.remove(key);
          return;
        }
        queues.get(key).poll();
        size--;
      }
      afterDone.run();
    }
  }
}
