package io.ringostat.amo.testkit.internal;

import java.util.ArrayDeque;

/**
 * The account's rate limit: at most {@code perSecond} admitted requests in any sliding one-second
 * window of the injected clock (7/s by default, reference §2.1); requests over it get 429 and do
 * not count toward the window. More than {@code blockAfter} such 429s within 60 seconds block the
 * account: every request then gets 403 until {@link #unblock()} (reference §2.1, §15). The request
 * that crosses the threshold is the first to get 403. Thread-safe.
 */
final class RateLimiter {
  enum Verdict {
    PASS,
    LIMITED,
    BLOCKED
  }

  private final int perSecond;
  private final int blockAfter;
  private final ArrayDeque<Long> admitted = new ArrayDeque<>();
  private final ArrayDeque<Long> limited = new ArrayDeque<>();
  private boolean blocked;

  /**
   * @param perSecond the limit; 0 turns rate limiting off
   * @param blockAfter 429s tolerated per minute before blocking; 0 never blocks
   */
  RateLimiter(int perSecond, int blockAfter) {
    this.perSecond = perSecond;
    this.blockAfter = blockAfter;
  }

  synchronized Verdict admit(long nowMillis) {
    if (blocked) {
      return Verdict.BLOCKED;
    }
    if (perSecond <= 0) {
      return Verdict.PASS;
    }
    while (!admitted.isEmpty() && admitted.peekFirst() <= nowMillis - 1000) {
      admitted.pollFirst();
    }
    if (admitted.size() < perSecond) {
      admitted.addLast(nowMillis);
      return Verdict.PASS;
    }
    while (!limited.isEmpty() && limited.peekFirst() <= nowMillis - 60_000) {
      limited.pollFirst();
    }
    if (blockAfter > 0 && limited.size() >= blockAfter) {
      blocked = true;
      return Verdict.BLOCKED;
    }
    limited.addLast(nowMillis);
    return Verdict.LIMITED;
  }

  synchronized void block() {
    blocked = true;
  }

  /** Lifts a block and forgets past traffic (what amoCRM support does). */
  synchronized void unblock() {
    blocked = false;
    admitted.clear();
    limited.clear();
  }

  synchronized boolean isBlocked() {
    return blocked;
  }
}
