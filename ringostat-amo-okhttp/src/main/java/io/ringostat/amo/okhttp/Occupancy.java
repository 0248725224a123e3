package io.ringostat.amo.okhttp;

import java.util.PriorityQueue;

/**
 * The bookkeeping behind {@link AmoRateLimiter}: how many of the {@code capacity} places of the
 * sliding window are taken, by requests in flight and by requests answered less than a window
 * ago. Pure arithmetic on nanosecond timestamps; no clock, no waiting.
 *
 * <p><b>Thread-safety.</b> Not thread-safe: the limiter guards it with its lock.
 */
final class Occupancy {
  private final int capacity;
  private final long windowNanos;
  /** When the place of each answered request frees: its answer plus a window (plus any hold). */
  private final PriorityQueue<Long> freeAt = new PriorityQueue<>();
  private int inFlight;

  Occupancy(int capacity, long windowNanos) {
    this.capacity = capacity;
    this.windowNanos = windowNanos;
  }

  /** Forgets the answered requests whose place is free at {@code now} (strictly after). */
  void expire(long now) {
    while (!freeAt.isEmpty() && freeAt.peek() - now < 0) {
      freeAt.poll();
    }
  }

  /** True when a request may start now; call {@link #expire} first. */
  boolean hasRoom() {
    return inFlight + freeAt.size() < capacity;
  }

  /** A request starts; its place is taken until {@link #end}. */
  void start() {
    inFlight++;
  }

  /**
   * A request ended at {@code answeredAt}: its place stays taken for a window after it, and for
   * {@code holdNanos} more (a request without an answer may still be counted later).
   */
  void end(long answeredAt, long holdNanos) {
    if (inFlight <= 0) {
      throw new IllegalStateException("a permit ended that was never started");
    }
    inFlight--;
    freeAt.add(answeredAt + windowNanos + holdNanos);
  }

  /**
   * The earliest instant a place frees when none is free now; {@link Long#MAX_VALUE} when every
   * place is held by a request in flight (only an answer can free one).
   */
  long nextFree() {
    return freeAt.isEmpty() ? Long.MAX_VALUE : freeAt.peek() + 1;
  }

  int inFlight() {
    return inFlight;
  }

  int occupied() {
    return inFlight + freeAt.size();
  }
}
