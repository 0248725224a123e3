package io.ringostat.amo.core.matrix;

import io.ringostat.amo.core.model.CallDirection;

/**
 * The scenario a call falls into (R-CLASS): direction × answered/missed × new/existing client.
 * Outbound calls to numbers the CRM does not know are their own scenarios ({@code OUTBOUND_*_NEW}).
 */
public enum Scenario {
  INBOUND_ANSWERED_NEW(CallDirection.INBOUND, true, false),
  INBOUND_ANSWERED_EXISTING(CallDirection.INBOUND, true, true),
  INBOUND_MISSED_NEW(CallDirection.INBOUND, false, false),
  INBOUND_MISSED_EXISTING(CallDirection.INBOUND, false, true),
  OUTBOUND_ANSWERED_NEW(CallDirection.OUTBOUND, true, false),
  OUTBOUND_ANSWERED_EXISTING(CallDirection.OUTBOUND, true, true),
  OUTBOUND_MISSED_NEW(CallDirection.OUTBOUND, false, false),
  OUTBOUND_MISSED_EXISTING(CallDirection.OUTBOUND, false, true);

  private static final Scenario[] ALL = values();

  private final CallDirection direction;
  private final boolean answered;
  private final boolean existingClient;

  Scenario(CallDirection direction, boolean answered, boolean existingClient) {
    this.direction = direction;
    this.answered = answered;
    this.existingClient = existingClient;
  }

  /** The scenario of a call with these three facts. */
  public static Scenario of(CallDirection direction, boolean answered, boolean existingClient) {
    for (Scenario s : ALL) {
      if (s.direction == direction && s.answered == answered && s.existingClient == existingClient) {
        return s;
      }
    }
    throw new AssertionError("every combination is a scenario");
  }

  public CallDirection direction() {
    return direction;
  }

  public boolean answered() {
    return answered;
  }

  public boolean existingClient() {
    return existingClient;
  }

  /** "inbound answered call from a new client", for explanations. */
  public String describe() {
    return (direction == CallDirection.INBOUND ? "inbound " : "outbound ")
        + (answered ? "answered" : "missed") + " call, "
        + (existingClient ? "existing client" : "new client");
  }
}
