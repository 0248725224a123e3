package io.ringostat.amo.core.matrix;

/**
 * Whose leg of a transferred call decides who is responsible for the entities the call creates
 * (R-LIFE). Applies when the entities are created from an event that carries legs (an ENDED-only
 * host, or a cell that creates at the end); entities created on ANSWER go to whoever answered.
 */
public enum ResponsibleLeg {
  /** The first employee who talked (the default). */
  FIRST,
  /** The last employee who talked: the one the call was transferred to. */
  LAST,
  /** The employee who talked longest; the earlier leg on a tie. */
  LONGEST
}
