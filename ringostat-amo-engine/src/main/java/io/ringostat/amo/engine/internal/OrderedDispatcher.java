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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  /** Processes one entry; should not throw (if it does, the entry is retried later). */
  public interface Handler {
    Verdict process(JournalEntry entry);
  }

  private static final Logger LOG = LoggerFactory.getLogger(OrderedDispatcher.class);
  /** When a handler throws, its entry is tried again after this delay. */
  static final Duration FAILURE_RETRY = Duration.ofSeconds(30);

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
      Throwable fatal = null;
      try {
        verdict = handler.process(head);
        if (verdict == null) {
          verdict = new Verdict.Retry(FAILURE_RETRY);
        }
      } catch (Throwable t) {
        // Whatever the handler throws (an Error included) must not wedge the key's queue: the
        // entry is retried later. A VirtualMachineError other than a stack overflow is rethrown
        // once the queue is rescheduled, so the pool replaces the thread.
        LOG.error("delivery of entry #{} threw; retrying in {}", head.seq(), FAILURE_RETRY, t);
        verdict = new Verdict.Retry(FAILURE_RETRY);
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
          fatal = t;
        }
      }
      if (!settle(key, gen, verdict)) {
        rethrow(fatal);
        return;
      }
      rethrow(fatal);
      try {
        afterDone.run();
      } catch (RuntimeException e) {
        LOG.warn("refilling the queue failed; the journal keeps the events", e);
      }
    }
  }

  /** Applies the head entry's verdict; true when the key's next entry should run now. */
  private synchronized boolean settle(String key, long gen, Verdict verdict) {
    processing.remove(key);
    notifyAll();
    if (gen != generation) {
      return false;
    }
    if (verdict instanceof Verdict.Retry r) {
      try {
        timer.schedule(() -> resubmit(key, gen), Math.max(1, r.delay().toMillis()),
            TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException closed) {
        owned.remove(key);
      }
      return false;
    }
    if (verdict instanceof Verdict.Pause) {
      owned.remove(key);
      return false;
    }
    queues.get(key).poll();
    size--;
    return true;
  }

  private void resubmit(String key, long gen) {
    try {
      workers.execute(() -> drain(key, gen));
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      synchronized (this) {
        owned.remove(key);
      }
    }
  }

  private static void rethrow(Throwable fatal) {
    if (fatal instanceof Error e) {
      throw e;
    }
  }

}
