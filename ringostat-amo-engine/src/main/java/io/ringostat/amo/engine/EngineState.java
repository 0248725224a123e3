package io.ringostat.amo.engine;

/** The integration's state (R-KEEP). Events are journaled in every state but {@link #CLOSED}. */
public enum EngineState {
  /** Built, not yet activated: events are journaled and wait. */
  INACTIVE,
  /** Delivering events to amoCRM. */
  ACTIVE,
  /**
   * amoCRM refused the credentials (401 that auth cannot cure): no CRM requests until {@code
   * reactivate}; events are journaled.
   */
  BROKEN,
  /** amoCRM blocked the account's API (403): events are journaled; a rare probe resumes. */
  BLOCKED,
  /**
   * An operator paused the integration (R-PAUSE): events are journaled and answered DEFERRED,
   * nothing is sent to amoCRM and routing falls through, until {@code resume}.
   */
  PAUSED,
  /** Closed: no more events are accepted. */
  CLOSED
}
