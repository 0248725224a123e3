package io.ringostat.amo.core.model;

/** Who started the call (R-IN-1). */
public enum CallDirection {
  /** The client called the company. */
  INBOUND,
  /** An employee called the client. */
  OUTBOUND
}
