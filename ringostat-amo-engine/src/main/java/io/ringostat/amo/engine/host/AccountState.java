package io.ringostat.amo.engine.host;

import io.ringostat.amo.engine.EngineState;

/** An account's state in a host: the engine's states, plus {@link #PAUSED}. */
public enum AccountState {
  /** Not active (activation failed on settings or amoCRM did not answer): events are journaled. */
  INACTIVE,
  /** Delivering events to amoCRM. */
  ACTIVE,
  /** amoCRM refused the credentials: events are journaled until new credentials are given. */
  BROKEN,
  /** amoCRM blocked the account's API: events are journaled; a rare probe resumes. */
  BLOCKED,
  /** An operator paused the account (R-PAUSE): events are journaled, nothing is sent. */
  PAUSED,
  /**
   * This process lost the account's lease (R-FLEET): another process serves it; nothing is
   * journaled or sent here until the host is given a new lease ({@code takeOver}).
   */
  NOT_OWNED;

  static AccountState of(EngineState s) {
    return switch (s) {
      case ACTIVE -> ACTIVE;
      case BROKEN -> BROKEN;
      case BLOCKED -> BLOCKED;
      case PAUSED -> PAUSED;
      case INACTIVE, CLOSED -> INACTIVE;
    };
  }
}
