package io.ringostat.amo.testkit.internal;

import io.ringostat.amo.testkit.LoggedRequest;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The last {@value #CAPACITY} requests, oldest first. Thread-safe. Holds no header or body, so no
 * secret can be read from it.
 */
public final class RequestLog {
  /** How many requests are kept; older ones are dropped so a long demo cannot exhaust memory. */
  public static final int CAPACITY = 100_000;

  private final ArrayDeque<LoggedRequest> entries = new ArrayDeque<>();

  synchronized void add(LoggedRequest r) {
    if (entries.size() == CAPACITY) {
      entries.pollFirst();
    }
    entries.addLast(r);
  }

  public synchronized List<LoggedRequest> entries() {
    return List.copyOf(entries);
  }

  /**
   * Requests with {@code method} (null or "*" for any) whose path starts with {@code pathPrefix}.
   */
  public synchronized int count(String method, String pathPrefix) {
    int n = 0;
    for (LoggedRequest r : entries) {
      if ((method == null || method.equals("*") || method.equalsIgnoreCase(r.method()))
          && r.path().startsWith(pathPrefix)) {
        n++;
      }
    }
    return n;
  }

  public synchronized void clear() {
    entries.clear();
  }
}
