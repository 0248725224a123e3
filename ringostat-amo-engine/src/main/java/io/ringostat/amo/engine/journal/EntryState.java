package io.ringostat.amo.engine.journal;

/** Where a journaled event is in its life. Only {@link #PENDING} entries are (re)delivered. */
public enum EntryState {
  /** Journaled, not yet delivered (new, retrying, or waiting for reactivation). */
  PENDING,
  /** Every effect of its plan is done (or the plan had nothing to do). */
  DELIVERED,
  /** The CRM refused it permanently (e.g. a validation error); kept for inspection. */
  FAILED,
  /** The input was malformed; kept with the raw text and the reason. */
  REJECTED,
  /** Reactivation without resend chose not to deliver it. */
  SKIPPED,
  /** Reactivation with resend found it older than the resend window (R-KEEP). */
  EXPIRED;

  /** True for states an entry never leaves. */
  public boolean isFinal() {
    return this != PENDING;
  }
}
