package io.ringostat.amo.okhttp.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** One refresh lock per account and OAuth client in the JVM (single-flight refresh). */
final class RefreshLocks {
  private static final ConcurrentHashMap<String, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private RefreshLocks() {}

  static ReentrantLock forAccount(String key) {
    return LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
  }
}
