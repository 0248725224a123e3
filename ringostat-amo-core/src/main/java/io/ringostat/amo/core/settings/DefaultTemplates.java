package io.ringostat.amo.core.settings;

import io.ringostat.amo.core.matrix.MatrixPresets;
import java.time.Duration;
import java.util.Map;

/** The default task templates, replaced entry by entry by {@code taskTemplates} in settings. */
final class DefaultTemplates {
  static final Map<String, TaskTemplate> TASKS =
      Map.of(
          MatrixPresets.MISSED_CALL_TASK,
          new TaskTemplate("Missed call from {client_phone}: call the client back",
              Duration.ofMinutes(30), TaskTemplate.CALL),
          MatrixPresets.UNKNOWN_ENDPOINT_TASK,
          new TaskTemplate("A call from {client_phone} was answered on an unknown number or SIP"
              + " account '{endpoint}': link it to an employee in the integration settings",
              Duration.ofHours(24), TaskTemplate.CALL),
          MatrixPresets.INVALID_PHONE_TASK,
          new TaskTemplate("Missed call from a number that could not be recognized"
              + " ('{client_phone}', dialled {tracking_phone}): check the call log",
              Duration.ofHours(2), TaskTemplate.CALL));

  private DefaultTemplates() {}
}
