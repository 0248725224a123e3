package io.ringostat.amo.core.routing;

/** How smart routing picks the employee (R-ROUTE). */
public enum RoutingStrategy {
  /** The responsible user of the first open entity in priority order. */
  RESPONSIBLE,
  /** The employee who last talked with the client, from the journal. */
  LAST_TALKED,
  /** {@link #RESPONSIBLE}, falling back to {@link #LAST_TALKED}. */
  RESPONSIBLE_THEN_LAST_TALKED
}
