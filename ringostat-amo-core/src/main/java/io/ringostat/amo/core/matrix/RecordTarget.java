package io.ringostat.amo.core.matrix;

/** Where a matrix cell attaches the call record. */
public enum RecordTarget {
  NONE,
  CONTACT,
  DEAL,
  /**
   * Both the contact and the deal: the call shows in each card, but amoCRM's call reports count it
   * twice, and a new client's call costs one more request (notes are posted per entity type).
   */
  BOTH,
  /** The open deal if there is one, otherwise the contact. */
  DEAL_ELSE_CONTACT
}
