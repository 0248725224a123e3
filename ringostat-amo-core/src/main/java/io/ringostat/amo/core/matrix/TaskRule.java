package io.ringostat.amo.core.matrix;

import java.util.Objects;

/**
 * A task a matrix cell creates: for whom, and which task template (text, deadline, type) from the
 * settings.
 */
public record TaskRule(Assignee assignee, String template) {
  public TaskRule {
    Objects.requireNonNull(assignee, "assignee");
    if (template == null || template.isBlank()) {
      throw new IllegalArgumentException("template: must not be blank");
    }
  }

  @Override
  public String toString() {
    return "task '" + template + "' for " + assignee;
  }
}
