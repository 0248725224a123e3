package io.ringostat.amo.core.model;

/** Where a call is in its life when an event is emitted (R-IN-1). */
public enum CallPhase {
  /** The phone rings; nobody has answered yet. */
  RINGING,
  /** An employee (inbound) or the client (outbound) picked up. */
  ANSWERED,
  /** The call is over; the event carries the {@link Disposition}. */
  ENDED
}
