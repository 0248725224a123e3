package io.ringostat.amo.core.plan;

import io.ringostat.amo.core.model.Disposition;

/** amoCRM's {@code call_status} of a call record, mapped from the call's disposition. */
public enum CallStatus {
  VOICEMAIL(1),
  CALL_BACK_LATER(2),
  NOT_AVAILABLE(3),
  TALKED(4),
  WRONG_NUMBER(5),
  NO_ANSWER(6),
  BUSY(7);

  private final int code;

  CallStatus(int code) {
    this.code = code;
  }

  /** The numeric code amoCRM expects. */
  public int code() {
    return code;
  }

  /** ANSWERED→4, NO_ANSWER→6, BUSY→7, VOICEMAIL→1, FAILED→6 (reference §8.2). */
  public static CallStatus of(Disposition d) {
    switch (d) {
      case ANSWERED: return TALKED;
      case BUSY: return BUSY;
      case VOICEMAIL: return VOICEMAIL;
      case NO_ANSWER:
      case FAILED:
      default: return NO_ANSWER;
    }
  }
}
