package io.ringostat.amo.core.matrix;

/** Who is made responsible for a new entity, or who gets a task. */
public enum Assignee {
  /** The employee who answered (inbound) or dialled (outbound). */
  ANSWERING_EMPLOYEE,
  /** The client's responsible manager: the open deal's, else the contact's. */
  RESPONSIBLE,
  /** The senior manager from the settings. */
  SENIOR_MANAGER
}
