package io.ringostat.amo.core.plan;

/** The amoCRM entities a plan creates or touches. */
public enum EntityType {
  CONTACT,
  /** A deal; amoCRM's API calls it a "lead". */
  DEAL,
  COMPANY
}
