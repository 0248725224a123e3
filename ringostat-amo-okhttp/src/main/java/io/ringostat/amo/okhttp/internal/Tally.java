package io.ringostat.amo.okhttp.internal;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts the HTTP requests one operation (a lookup, a plan) sent. Thread-safe. */
public final class Tally {
  private final AtomicInteger count = new AtomicInteger();

  void add() {
    count.incrementAndGet();
  }

  public int count() {
    return count.get();
  }
}
