package io.ringostat.amo.core.model;

import java.util.Optional;

/**
 * The result of normalizing a raw phone string (R-PHONE): either a {@link Valid} number or an
 * {@link Invalid} one with the reason. Never an exception.
 */
public sealed interface PhoneParse {
  /** The raw input, as given. */
  String raw();

  /** The normalized number, if there is one. */
  default Optional<PhoneNumber> number() {
    return this instanceof Valid v ? Optional.of(v.phone()) : Optional.empty();
  }

  /** A number that normalized. */
  record Valid(String raw, PhoneNumber phone) implements PhoneParse {}

  /** A number that did not; {@code problem} says why. */
  record Invalid(String raw, PhoneProblem problem) implements PhoneParse {}
}
