package io.ringostat.amo.core.matrix;

/** When a matrix cell creates its entities. */
public enum Timing {
  /** As soon as the call is answered (or at the end, for hosts that only send ENDED). */
  ON_ANSWER,
  /** Only when the call has ended. */
  ON_END
}
