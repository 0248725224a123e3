package io.ringostat.amo.asterisk;

import java.time.Duration;

/**
 * Waits between reconnection attempts; injectable so tests never really sleep.
 *
 * <p>The adapter calls it only from its reader thread, and interrupts that thread when it is closed
 * during a wait: an implementation must return promptly (throwing {@link InterruptedException}) when
 * interrupted.
 */
@FunctionalInterface
public interface Sleeper {
  /** The real sleeper, {@link Thread#sleep(long)}. */
  Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

  /** Blocks the calling thread for {@code duration}, or until it is interrupted. */
  void sleep(Duration duration) throws InterruptedException;
}
