package io.ringostat.amo.core.matrix;

/** Whether a matrix cell creates a deal. */
public enum DealPolicy {
  NEVER,
  /** A new deal unless the client already has an open one (a client with only closed deals gets one). */
  IF_NO_OPEN_DEAL,
  /** A new deal for every call. */
  ALWAYS
}
