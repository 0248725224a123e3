package io.ringostat.amo.core.testing;

import io.ringostat.amo.core.Decider;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.model.PhoneParse;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.settings.IntegrationSettings;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything {@link Decider#decide} takes: settings, one call event, what the CRM holds for the
 * event's phone (empty when the phone does not normalize) and what was already done for the call.
 * {@link #toString()} is a compact summary for failure messages.
 */
public record DecisionInput(
    IntegrationSettings settings, CallEvent event, Optional<CrmView> view, CallProgress progress) {
  public DecisionInput {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(progress, "progress");
  }

  /** The decision for this input. */
  public Plan decide() {
    return Decider.matrix().decide(event, view, settings, progress);
  }

  /** The event's client phone, normalized with the settings' country. */
  public PhoneParse phone() {
    return Decider.phone(event, settings);
  }

  /** True when the view shows a contact, an open deal or a pending unsorted request. */
  public boolean existingClient() {
    return view.map(CrmView::isExisting).orElse(false);
  }

  /** The same input with {@code p} as the progress. */
  public DecisionInput withProgress(CallProgress p) {
    return new DecisionInput(settings, event, view, p);
  }

  /** The same input with another view. */
  public DecisionInput withView(Optional<CrmView> v) {
    return new DecisionInput(settings, event, v, progress);
  }

  @Override
  public String toString() {
    return "DecisionInput{\n    settings: " + describe(settings)
        + "\n    event: " + event
        + "\n    view: " + view.map(Object::toString).orElse("(none: phone did not normalize)")
        + "\n    progress: " + progress + "\n}";
  }

  /** A compact, readable summary of settings for failure messages. */
  public static String describe(IntegrationSettings s) {
    String employees = s.employees().stream().map(DecisionInput::describe)
        .collect(Collectors.joining(", "));
    StringBuilder out = new StringBuilder();
    out.append("matrix=").append(s.matrix().name())
        .append(" country=").append(s.defaultCountry())
        .append(" senior=").append(s.seniorManagerUserId())
        .append(" employees=[").append(employees).append(']');
    s.matrix().cells().forEach((scenario, cell) ->
        out.append("\n      ").append(scenario).append(": ").append(cell.description()));
    s.matrix().unknownEndpointTask().ifPresent(t -> out.append("\n      unknown endpoint: ").append(t));
    if (s.defaultPipeline().isPresent()) {
      out.append("\n      defaultPipeline=").append(s.defaultPipeline().get());
    }
    if (!s.pipelineRules().isEmpty()) {
      out.append("\n      rules=").append(s.pipelineRules());
    }
    if (!s.fieldMappings().isEmpty()) {
      out.append("\n      mappings=").append(s.fieldMappings());
    }
    if (!s.tags().isEmpty()) {
      out.append("\n      tags=").append(s.tags());
    }
    if (s.callPopup()) {
      out.append("\n      callPopup");
    }
    s.updateOnlyRetryDelay().ifPresent(d -> out.append("\n      updateOnlyRetryDelay=").append(d));
    return out.toString();
  }

  private static String describe(Employee e) {
    return e.code() + "(user " + e.amoUserId() + ", sip " + e.sipLogins()
        + e.extension().map(x -> ", ext " + x).orElse("")
        + (e.phones().isEmpty() ? "" : ", phones " + e.phones()) + ")";
  }
}
