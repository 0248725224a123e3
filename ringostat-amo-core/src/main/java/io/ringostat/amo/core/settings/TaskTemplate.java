package io.ringostat.amo.core.settings;

import java.time.Duration;
import java.util.List;

/**
 * A task's text, deadline and amoCRM task type. The text may use the placeholders {@link
 * #PLACEHOLDERS}, e.g. {@code "Missed call from {client_phone}: call back"}.
 *
 * @param deadline how long after the call the task is due
 * @param taskTypeId amoCRM's task type: 1 = call, 2 = meeting, or an account's custom type
 */
public record TaskTemplate(String text, Duration deadline, int taskTypeId) {
  /** amoCRM's built-in "call" task type. */
  public static final int CALL = 1;

  /** Placeholders a template (task text, contact and deal names) may use. */
  public static final List<String> PLACEHOLDERS =
      List.of("client_phone", "employee_name", "endpoint", "tracking_phone", "call_id", "pool",
          "direction");

  @Override
  public String toString() {
    return "'" + text + "' due +" + deadline + " (type " + taskTypeId + ")";
  }
}
