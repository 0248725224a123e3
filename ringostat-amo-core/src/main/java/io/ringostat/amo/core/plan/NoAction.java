package io.ringostat.amo.core.plan;

/** Why a plan has nothing to do. */
public enum NoAction {
  /** The call is ringing; the matrix acts on answer or end. */
  RINGING,
  /** The matrix acts later in the call (e.g. records the call when it ends). */
  NOT_YET,
  /** Every effect for this call and phase was already done (R-ONCE). */
  ALREADY_DONE,
  /** Update-only mode found no contact or deal for the phone (R-V2). */
  NO_TARGET_ENTITY,
  /** The client's number could not be normalized (R-PHONE) and nothing else applies. */
  INVALID_PHONE,
  /** An internal call: the client phone is an employee's (R-FILTER, {@code ignoreInternalCalls}). */
  INTERNAL_CALL,
  /**
   * The client's number is on the block list (R-FILTER) and nothing may be created for it; with
   * {@code recordBlockedOnExisting}, no contact or deal exists to record the call on.
   */
  BLOCKED_NUMBER,
  /**
   * The call is on a tracking number or trunk whose calls are ignored (R-FILTER, {@code
   * trackingLines}).
   */
  IGNORED_LINE,
  /** The matrix cell for this scenario asks for nothing. */
  MATRIX_SAYS_NOTHING
}
