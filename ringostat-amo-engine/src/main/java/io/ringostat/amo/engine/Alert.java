package io.ringostat.amo.engine;

/** Something a person should look at, raised through {@link EngineListener#alert}. */
public record Alert(Kind kind, String message) {
  /** What the alert is about. */
  public enum Kind {
    /**
     * amoCRM refused the credentials: the seed's "authorization key problem" warning. Reactivate
     * with new credentials; events are kept meanwhile.
     */
    AUTHORIZATION_PROBLEM,
    /** amoCRM blocked the account's API (403); events are kept; delivery resumes after a probe. */
    ACCOUNT_BLOCKED,
    /** The account answers again after a block; delivery resumed. */
    ACCOUNT_UNBLOCKED,
    /** An operator paused the integration; events are kept until it resumes (R-PAUSE). */
    PAUSED,
    /** An operator resumed the integration (R-PAUSE); the message says whether it resends. */
    RESUMED,
    /** Activation found settings that don't match the account. */
    SETTINGS_PROBLEM,
    /** Reactivation found undelivered events older than the resend window. */
    EVENTS_EXPIRED,
    /** amoCRM refused an event's effects permanently; the event is kept as FAILED. */
    EVENT_FAILED,
    /**
     * This process lost the account's lease (R-FLEET): another process serves it now, or will
     * once it claims it; this one stopped writing. Raised by a host, not by an engine.
     */
    OWNERSHIP_LOST
  }
}
