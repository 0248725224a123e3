package io.ringostat.amo.engine;

/**
 * Receives outcomes and alerts (R-OBS). Called from the engine's worker threads: implementations
 * must be thread-safe, fast, and must not throw (exceptions are caught and ignored).
 */
public interface EngineListener {
  /** Ignores everything. */
  EngineListener NONE = new EngineListener() {};

  /** An event reached a final outcome, or was deferred. */
  default void outcome(HandleResult result) {}

  /** Something a person should look at. */
  default void alert(Alert alert) {}

  /**
   * An event reached its final outcome (DELIVERED, NOTHING_TO_DO or FAILED) {@code
   * sinceJournaled} after it was journaled (on the engine's clock), for latency metrics. Called
   * right after {@link #outcome} for the same result. Default: nothing.
   */
  default void finished(HandleResult result, java.time.Duration sinceJournaled) {}
}
