package io.ringostat.amo.core.model;

/** Why a phone number could not be normalized (R-PHONE). */
public enum PhoneProblem {
  /** Nothing was given. */
  EMPTY,
  /** The network withheld the number ("anonymous", "private", "unknown", ...). */
  ANONYMOUS,
  /** Fewer than 7 digits: an internal extension or a fragment, not a client's number. */
  TOO_SHORT,
  /** More than 15 digits, longer than any E.164 number. */
  TOO_LONG,
  /** Letters or digits that form no possible number in any plan. */
  NOT_A_NUMBER
}
