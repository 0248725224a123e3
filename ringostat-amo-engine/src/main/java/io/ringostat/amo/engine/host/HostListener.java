package io.ringostat.amo.engine.host;

import io.ringostat.amo.engine.Alert;
import io.ringostat.amo.engine.EngineListener;
import io.ringostat.amo.engine.HandleResult;
import java.time.Duration;

/**
 * Receives what every account's engine reports, with the account's id (R-OBS), and the accounts
 * added and removed. Called from shared worker threads and from the threads calling the host:
 * implementations must be thread-safe, fast, and must not throw (exceptions are logged and
 * ignored). Every method has an empty default.
 */
public interface HostListener {
  /** Ignores everything. */
  HostListener NONE = new HostListener() {};

  /** See {@link EngineListener#outcome}. */
  default void outcome(String accountId, HandleResult result) {}

  /** See {@link EngineListener#alert}. */
  default void alert(String accountId, Alert alert) {}

  /** See {@link EngineListener#finished}. */
  default void finished(String accountId, HandleResult result, Duration sinceJournaled) {}

  /** The account was added to the host (before its activation). */
  default void added(String accountId) {}

  /** The account was removed from the host (its engine is closed). */
  default void removed(String accountId) {}

  /**
   * This process lost ({@code owned = false}) or took over again ({@code owned = true}) the
   * account's lease (R-FLEET); see {@link IntegrationHost#disown} and {@link
   * IntegrationHost#takeOver}.
   */
  default void ownership(String accountId, boolean owned) {}
}
