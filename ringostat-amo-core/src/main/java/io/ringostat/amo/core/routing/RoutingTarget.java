package io.ringostat.amo.core.routing;

/** The kinds of open entity smart routing searches, in a configurable order (R-ROUTE). */
public enum RoutingTarget {
  /** A pending unsorted request ("лид" in the seed's example "лид → контакт → сделка"). */
  UNSORTED,
  CONTACT,
  /** An open deal. */
  DEAL,
  COMPANY
}
