package io.ringostat.amo.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One stretch of a call during which one employee talked with the client (R-LIFE): a call
 * answered by one employee and transferred to another has two legs. Only ended calls carry legs
 * ({@link CallPhase#isFinal()}); the call record names everyone who talked, and the matrix's
 * {@code responsibleLeg} says whose leg decides who is responsible for what the call creates.
 *
 * @param endpoint the SIP login or number of the employee on this leg
 * @param startedAt when this employee started talking
 * @param duration how long this employee talked; not negative
 */
public record CallLeg(String endpoint, Instant startedAt, Duration duration) {
  /**
   * @throws IllegalArgumentException if the endpoint is blank or too long, or the duration is
   *     negative
   */
  public CallLeg {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(duration, "duration");
    if (endpoint.isBlank()) {
      throw new IllegalArgumentException("legs[].endpoint: must not be blank");
    }
    if (endpoint.length() > CallEvent.MAX_TEXT) {
      throw new IllegalArgumentException("legs[].endpoint: longer than " + CallEvent.MAX_TEXT
          + " characters (" + endpoint.length() + ")");
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("legs[].duration: must not be negative, was " + duration);
    }
  }
}
