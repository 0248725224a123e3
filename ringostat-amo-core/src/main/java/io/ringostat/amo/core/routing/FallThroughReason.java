package io.ringostat.amo.core.routing;

/** Why smart routing answers "fall through to the next step of the forwarding scheme" (R-ROUTE). */
public enum FallThroughReason {
  /** The CRM holds no open entity of the searched kinds for the phone. */
  NOT_FOUND,
  /** Entities were found, but no responsible user maps to an active employee. */
  RESPONSIBLE_UNKNOWN,
  /**
   * Responsible managers were found, but none of them is working at the call's time (settings
   * {@code workingHours}, R-HOURS).
   */
  RESPONSIBLE_NOT_WORKING,
  /** The caller's number could not be normalized (anonymous, too short...). */
  INVALID_PHONE,
  /** The CRM did not answer within the time budget. */
  CRM_SLOW,
  /** The CRM answered with an error (outage, rate limit, server error). */
  CRM_DOWN,
  /** The integration is not active (broken token, blocked account, not activated). */
  INTEGRATION_BROKEN,
  /** An operator paused the integration (R-PAUSE); calls are journaled until it resumes. */
  INTEGRATION_PAUSED,
  /** Too many routing lookups are already waiting; the budget would be exceeded. */
  BUDGET_EXHAUSTED
}
