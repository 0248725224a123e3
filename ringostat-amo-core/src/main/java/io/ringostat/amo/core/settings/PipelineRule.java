package io.ringostat.amo.core.settings;

import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallParameters;

/**
 * A pipeline rule (R-PIPE): when call parameter {@code parameter} (a name from {@link
 * CallParameters}, or an extra parameter) equals {@code value} (case-insensitive, trimmed), new
 * deals and unsorted requests go to {@code target}. Rules are tried in order; the first match wins.
 */
public record PipelineRule(PipelineTarget target, String parameter, String value) {
  /** True when {@code event}'s parameter equals this rule's value. */
  public boolean matches(CallEvent event) {
    return CallParameters.value(event, parameter)
        .map(v -> v.trim().equalsIgnoreCase(value.trim()))
        .orElse(false);
  }

  @Override
  public String toString() {
    return parameter + " = '" + value + "' → " + target;
  }
}
