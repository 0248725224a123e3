package io.ringostat.amo.core.model;

/** How a call ended (R-IN-1). Anything but {@link #ANSWERED} is a missed call. */
public enum Disposition {
  ANSWERED,
  NO_ANSWER,
  BUSY,
  FAILED,
  VOICEMAIL;

  /** True for every disposition except {@link #ANSWERED}. */
  public boolean isMissed() {
    return this != ANSWERED;
  }
}
