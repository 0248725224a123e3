package io.ringostat.amo.journal.sqlite;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Group commit: requests that arrive while a commit is running join the next one, so many callers
 * share one transaction and one fsync. The first caller to find no commit running leads: it takes
 * every queued request (up to {@link #MAX_GROUP}), commits them together, hands each caller its
 * result and wakes them; one of those still queued leads the next group.
 *
 * <p>Each caller returns only when its own request is committed (or its group failed): the same
 * guarantee as one transaction per request. When a group's commit throws, every caller of that
 * group, and no other, gets a {@link SqliteJournalException} naming the group's size, with the
 * failure as its cause ({@link IllegalStateException} stays one, e.g. "journal is closed").
 *
 * <p><b>Thread-safety.</b> Thread-safe. {@link #submit} blocks while an earlier group commits and
 * while its own group commits; it does not react to interruption (the commit is short and its
 * outcome must be reported), but keeps the interrupt flag.
 *
 * @param <R> a request
 * @param <T> its result
 */
final class GroupCommit<R, T> {
  /** The most requests one transaction takes, bounding a group's latency. */
  static final int MAX_GROUP = 256;

  private final String operation;
  private final Function<List<R>, List<T>> commit;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition finished = lock.newCondition();
  private final List<Waiter<R, T>> queue = new ArrayList<>();
  private boolean committing;
  private long groups;

  /**
   * @param commit commits a group in one transaction and returns one result per request, in
   *     order; throws to fail the whole group
   */
  GroupCommit(String operation, Function<List<R>, List<T>> commit) {
    this.operation = operation;
    this.commit = commit;
  }

  /** Commits {@code request} with whatever else is queued; returns its result when durable. */
  T submit(R request) {
    Waiter<R, T> me = new Waiter<>(request);
    lock.lock();
    try {
      queue.add(me);
    } finally {
      lock.unlock();
    }
    while (true) {
      List<Waiter<R, T>> group;
      lock.lock();
      try {
        while (committing && !me.done) {
          finished.awaitUninterruptibly();
        }
        if (me.done) {
          return me.outcome();
        }
        committing = true; // we lead: take the queue in arrival order
        int n = Math.min(queue.size(), MAX_GROUP);
        group = new ArrayList<>(queue.subList(0, n));
        queue.subList(0, n).clear();
        groups++;
      } finally {
        lock.unlock();
      }
      Throwable failure = commitGroup(group);
      if (failure instanceof Error e && group.contains(me)) {
        throw e;
      }
    }
  }

  /** Commits one group and completes its waiters; returns the failure, if any. */
  private Throwable commitGroup(List<Waiter<R, T>> group) {
    Throwable failure = null;
    List<T> results = null;
    try {
      results = commit.apply(group.stream().map(w -> w.request).toList());
      if (results.size() != group.size()) {
        throw new IllegalStateException(operation + ": " + results.size() + " results for "
            + group.size() + " requests");
      }
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    lock.lock();
    try {
      for (int i = 0; i < group.size(); i++) {
        if (failure == null) {
          group.get(i).succeed(results.get(i));
        } else {
          group.get(i).fail(failure, group.size());
        }
      }
      committing = false;
      finished.signalAll();
    } finally {
      lock.unlock();
    }
    return failure;
  }

  /** Requests waiting for a group (tests). */
  int queued() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /** Groups committed so far (tests and diagnostics). */
  long groups() {
    lock.lock();
    try {
      return groups;
    } finally {
      lock.unlock();
    }
  }

  /** One caller's request and, once its group is done, its outcome. Guarded by the lock. */
  private final class Waiter<Q, U> {
    final Q request;
    boolean done;
    U result;
    RuntimeException failure;

    Waiter(Q request) {
      this.request = request;
    }

    void succeed(U value) {
      result = value;
      done = true;
    }

    void fail(Throwable cause, int groupSize) {
      String together = groupSize == 1 ? "" : " (committed together with " + (groupSize - 1)
          + " other request(s); none of them is in the journal)";
      if (cause instanceof IllegalStateException) {
        failure = new IllegalStateException(cause.getMessage() + together, cause);
      } else {
        String message = cause instanceof SqliteJournalException ? cause.getMessage()
            : "journal: " + operation + " failed: " + cause;
        failure = new SqliteJournalException(message + together, cause);
      }
      done = true;
    }

    U outcome() {
      if (failure != null) {
        throw failure;
      }
      return result;
    }
  }
}
