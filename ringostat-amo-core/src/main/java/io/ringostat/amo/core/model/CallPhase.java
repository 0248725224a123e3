package io.ringostat.amo.core.model;

/** Where a call is in its life when an event is emitted (R-IN-1, R-LIFE). */
public enum CallPhase {
  /** The phone rings; nobody has answered yet. */
  RINGING,
  /** An employee (inbound) or the client (outbound) picked up. */
  ANSWERED,
  /** The call is over; the event carries the {@link Disposition}. */
  ENDED,
  /**
   * More about a call that already ended (R-LIFE): a recording published after hangup, the final
   * duration or disposition, the legs of a transfer. It restates the call like an ENDED event
   * (a disposition is required); fields it leaves out keep what the earlier events said. The call
   * record the call already wrote is edited, never written twice. An UPDATED event that arrives
   * before the call's ENDED ends the call itself; the ENDED is then merged under it.
   */
  UPDATED;

  /** True for {@link #ENDED} and {@link #UPDATED}: the event says how the call ended. */
  public boolean isFinal() {
    return this == ENDED || this == UPDATED;
  }
}
