package io.ringostat.amo.core.settings;

import io.ringostat.amo.core.model.CallEvent;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A pipeline rule (R-PIPE): when every one of its {@link CallCondition}s holds for a call (a
 * condition group: pool, tracking number, UTM fields or extra parameters, compared by equals,
 * prefix, contains or a bounded regular expression), new deals and unsorted requests go to
 * {@code target}. Rules are tried in order; the first match wins.
 *
 * @param conditions at least one; all must hold
 */
public record PipelineRule(PipelineTarget target, List<CallCondition> conditions) {
  public PipelineRule {
    Objects.requireNonNull(target, "target");
    conditions = List.copyOf(conditions);
    if (conditions.isEmpty()) {
      throw new IllegalArgumentException("a pipeline rule needs at least one condition");
    }
  }

  /**
   * The rule of settings written before condition groups: call parameter {@code parameter} equals
   * {@code value} (case-insensitive, trimmed).
   */
  public PipelineRule(PipelineTarget target, String parameter, String value) {
    this(target, List.of(CallCondition.equalTo(parameter, value)));
  }

  /** True when every condition holds for {@code event}. */
  public boolean matches(CallEvent event) {
    for (CallCondition c : conditions) {
      if (!c.matches(event)) {
        return false;
      }
    }
    return true;
  }

  /** True when the rule is one {@code EQUALS} condition, the form of older settings. */
  public boolean isSimple() {
    return conditions.size() == 1
        && conditions.get(0).operator() == CallCondition.Operator.EQUALS;
  }

  @Override
  public String toString() {
    if (isSimple()) {
      CallCondition c = conditions.get(0);
      return c.parameter() + " = '" + c.value() + "' → " + target;
    }
    return conditions.stream().map(CallCondition::toString).collect(Collectors.joining(" and "))
        + " → " + target;
  }
}
