package io.ringostat.amo.core.model;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An employee who takes or makes calls (R-IN-2): a code, a name, an email, own and foreign SIP
 * logins, an internal extension, phone numbers and the amoCRM user the employee is linked to.
 * Endpoints (SIP logins, extension, numbers) identify the employee in call events; see {@link
 * EmployeeDirectory}.
 */
@Value.Immutable
public interface Employee {
  /** The employee code in the telephony system (often equal to the extension). */
  String code();

  /** Full name, as shown in call records and tasks. */
  String name();

  Optional<String> email();

  /** Own and foreign SIP logins the employee answers on; matched case-insensitively. */
  List<String> sipLogins();

  /** The internal extension, e.g. "101". */
  Optional<String> extension();

  /** Phone numbers the employee answers on, in any format; normalized for matching. */
  List<String> phones();

  /** The amoCRM user this employee is linked to. */
  long amoUserId();

  @Value.Check
  default void check() {
    if (code().isBlank()) {
      throw new IllegalStateException("code: must not be blank");
    }
    if (amoUserId() <= 0) {
      throw new IllegalStateException("amoUserId: must be positive (employee " + code() + ")");
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds {@link Employee} values. */
  class Builder extends ImmutableEmployee.Builder {}
}
