package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.core.spi.CrmException;
import io.ringostat.amo.core.spi.CrmException.Kind;
import io.ringostat.amo.okhttp.AmoClientException;
import io.ringostat.amo.okhttp.AmoRateLimiter;
import io.ringostat.amo.okhttp.AmoValidationException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A combining lane for one batch endpoint (R-BATCH): callers on different threads {@link #submit}
 * their items and each gets its own results back, but while they wait for a request permit their
 * items travel together, up to {@code maxItems} per request.
 *
 * <p><b>How a batch forms.</b> The first caller to find no one leading becomes the leader: it waits
 * for a permit from the account's limiter like any request, and only when the permit is granted
 * takes everything that is waiting (its own items first, then in arrival order, while they fit),
 * hands the lead to the next caller still waiting, and sends. A caller alone gets its permit and
 * sends at once, with no added latency; under a backlog the permit wait is what lets items
 * accumulate, so a request carries more calls exactly when requests are scarce. One caller's items
 * always travel in one request (a caller with more than {@code maxItems} sends them alone).
 *
 * <p><b>Outcomes.</b> Results come back per caller, in the order of its items. A failure of the
 * request is every caller's failure, the same exception: after a lost answer each caller's engine
 * reconciles its own items. A validation refusal (400 naming items by {@code request_id}) is split:
 * the callers whose items amoCRM named get the refusal narrowed to their items, and the others are
 * sent again without them. That resend assumes amoCRM saved nothing of a refused batch, as the
 * emulator does (amoCRM's docs do not say, reference §3.1; docs/requests.md).
 *
 * <p>Thread-safe. A caller waits at most for the permit ({@code maxWait}) plus the requests of
 * the batches ahead of it in this lane that are being formed.
 *
 * @param <I> one item (a note, a task, a lead with its contact)
 * @param <R> what the answer holds for one item (its id or ids)
 */
public final class Lane<I, R> {
  /** Sends one request carrying {@code items}; returns one result per item, in order. */
  public interface Sender<I, R> {
    List<R> send(List<I> items);
  }

  private final String endpoint;
  private final int maxItems;
  private final AmoRateLimiter limiter;
  private final Duration maxWait;
  private final Function<I, String> requestId;
  private final Function<I, Set<String>> effectKeys;
  private final Sender<I, R> sender;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Slot<I, R>> waiting = new ArrayDeque<>(); // guarded by lock
  private boolean leading; // guarded by lock

  /**
   * @param requestId the {@code request_id} an item is sent with (amoCRM names refused items by it)
   * @param effectKeys the effect keys an item stands for, named as refused when it is
   */
  public Lane(String endpoint, int maxItems, AmoRateLimiter limiter, Duration maxWait,
      Function<I, String> requestId, Function<I, Set<String>> effectKeys, Sender<I, R> sender) {
    if (maxItems < 1) {
      throw new IllegalArgumentException("maxItems: at least 1");
    }
    this.endpoint = endpoint;
    this.maxItems = maxItems;
    this.limiter = limiter;
    this.maxWait = maxWait;
    this.requestId = requestId;
    this.effectKeys = effectKeys;
    this.sender = sender;
  }

  /**
   * Sends {@code items} (in one request, possibly with other callers' items) and returns their
   * results in order; nothing is sent for none.
   *
   * @throws CrmException this caller's share of the request's failure
   */
  public List<R> submit(List<I> items) {
    if (items.isEmpty()) {
      return List.of();
    }
    Slot<I, R> mine = new Slot<>(List.copyOf(items));
    boolean lead;
    lock.lock();
    try {
      waiting.add(mine);
      if (!leading) {
        leading = true;
        mine.state = State.LEADING;
      }
      while (mine.state == State.WAITING) {
        try {
          changed.await();
        } catch (InterruptedException e) {
          if (mine.state == State.WAITING) {
            waiting.remove(mine); // not taken into a batch: surely not sent
            Thread.currentThread().interrupt();
            throw new AmoClientException(Kind.TRANSIENT, endpoint, endpoint
                + ": interrupted before sending", null);
          }
          Thread.currentThread().interrupt(); // leading or sent: finish first
        }
      }
      lead = mine.state == State.LEADING;
    } finally {
      lock.unlock();
    }
    if (lead) {
      lead();
    }
    return mine.await();
  }

  /** Callers whose items wait to be taken into a request (the leader's included). */
  int waiting() {
    lock.lock();
    try {
      return waiting.size();
    } finally {
      lock.unlock();
    }
  }

  /** Waits for a permit, takes the batch, passes the lead on, sends. */
  private void lead() {
    Optional<AmoRateLimiter.Permit> permit = Optional.empty();
    RuntimeException broken = null;
    try {
      permit = limiter.tryAcquire(maxWait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      broken = e; // still take the batch and pass the lead on: the lane must never wedge
    }
    List<Slot<I, R>> batch = take();
    if (broken != null) {
      RuntimeException x = broken;
      batch.forEach(s -> s.fail(x));
      return;
    }
    if (permit.isEmpty()) { // none within maxWait: everyone taken waited as long; none sent
      CrmException x = Thread.currentThread().isInterrupted()
          ? new AmoClientException(Kind.TRANSIENT, endpoint, endpoint
              + ": interrupted before sending", null)
          : RateLimited.notSent(endpoint, limiter, maxWait);
      batch.forEach(s -> s.fail(x));
      return;
    }
    RateLimited.prepay(permit.get());
    try {
      send(batch);
    } finally {
      RateLimited.unusedPrepaid().ifPresent(AmoRateLimiter.Permit::close);
    }
  }

  /** Everything waiting that fits, from the head (the leader); the next in line leads. */
  private List<Slot<I, R>> take() {
    lock.lock();
    try {
      List<Slot<I, R>> batch = new ArrayList<>();
      int count = 0;
      while (!waiting.isEmpty()) {
        Slot<I, R> next = waiting.peek();
        if (!batch.isEmpty() && count + next.items.size() > maxItems) {
          break;
        }
        waiting.poll();
        next.state = State.SENT;
        batch.add(next);
        count += next.items.size();
      }
      Slot<I, R> head = waiting.peek();
      if (head == null) {
        leading = false;
      } else {
        head.state = State.LEADING;
      }
      changed.signalAll();
      return batch;
    } finally {
      lock.unlock();
    }
  }

  /** Sends {@code batch}; on a validation refusal naming some callers, resends the rest. */
  private void send(List<Slot<I, R>> batch) {
    List<Slot<I, R>> pending = batch;
    while (!pending.isEmpty()) {
      List<I> items = new ArrayList<>();
      pending.forEach(s -> items.addAll(s.items));
      List<R> results;
      try {
        results = sender.send(items);
      } catch (AmoValidationException v) {
        pending = split(pending, v);
        continue;
      } catch (RuntimeException | Error e) {
        pending.forEach(s -> s.fail(e));
        return;
      }
      if (results.size() != items.size()) {
        CrmException x = new AmoClientException(Kind.INVALID_RESPONSE, endpoint, endpoint
            + ": the answer holds " + results.size() + " result(s) for " + items.size()
            + " item(s)", null);
        pending.forEach(s -> s.fail(x));
        return;
      }
      int at = 0;
      for (Slot<I, R> s : pending) {
        s.succeed(List.copyOf(results.subList(at, at + s.items.size())));
        at += s.items.size();
      }
      return;
    }
  }

  /**
   * Fails the callers whose items {@code v} names, each with its own share; returns the others
   * to send again. When it names none of them, or all, every caller gets {@code v} as it is.
   */
  private List<Slot<I, R>> split(List<Slot<I, R>> pending, AmoValidationException v) {
    List<Slot<I, R>> refused = new ArrayList<>();
    List<Slot<I, R>> rest = new ArrayList<>();
    for (Slot<I, R> s : pending) {
      boolean named = s.items.stream().anyMatch(i -> v.rejectedKeys().contains(requestId.apply(i)));
      (named ? refused : rest).add(s);
    }
    if (pending.size() == 1 || refused.isEmpty()) {
      pending.forEach(s -> s.fail(pending.size() == 1 ? narrowed(s, v) : v));
      return List.of();
    }
    refused.forEach(s -> s.fail(narrowed(s, v)));
    return rest;
  }

  private AmoValidationException narrowed(Slot<I, R> s, AmoValidationException v) {
    Set<String> ids = new LinkedHashSet<>();
    Set<String> keys = new LinkedHashSet<>();
    for (I i : s.items) {
      String id = requestId.apply(i);
      ids.add(id);
      if (v.rejectedKeys().contains(id)) {
        keys.addAll(effectKeys.apply(i));
      }
    }
    if (keys.isEmpty()) {
      return v; // a refusal that names none of this caller's items: keep it whole
    }
    return v.forItems(ids, keys);
  }

  private enum State { WAITING, LEADING, SENT }

  /** One caller's items and, once the request ended, their results or its failure. */
  private static final class Slot<I, R> {
    final List<I> items;
    State state = State.WAITING; // guarded by the lane's lock
    private List<R> results;
    private Throwable failure;
    private boolean done;

    Slot(List<I> items) {
      this.items = items;
    }

    synchronized void succeed(List<R> r) {
      results = r;
      done = true;
      notifyAll();
    }

    synchronized void fail(Throwable t) {
      failure = t;
      done = true;
      notifyAll();
    }

    /** The outcome; the request it went in is bounded, so this ends. */
    synchronized List<R> await() {
      boolean interrupted = false;
      while (!done) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true; // sent: its outcome must reach the caller
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (failure instanceof RuntimeException r) {
        throw r;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      return results;
    }
  }
}
