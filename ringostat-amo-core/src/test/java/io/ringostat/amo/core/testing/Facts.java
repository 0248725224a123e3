package io.ringostat.amo.core.testing;

import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallParameters;
import io.ringostat.amo.core.model.CrmContact;
import io.ringostat.amo.core.model.CrmDeal;
import io.ringostat.amo.core.model.CrmUnsorted;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.FieldValue;
import io.ringostat.amo.core.settings.FieldMapping;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import io.ringostat.amo.core.plan.EntityRef;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.PipelineRule;
import io.ringostat.amo.core.settings.PipelineTarget;
import java.util.Locale;
import java.util.Optional;

/**
 * What the spec says about an input, computed independently of the decision code, for properties
 * to compare the plan with: who answered, whether the endpoint is unknown, who is responsible,
 * which pipeline rule matches.
 */
public final class Facts {
  private Facts() {}

  /** The employee behind the event's endpoint, if any. */
  public static Optional<Employee> answeringEmployee(DecisionInput in) {
    return in.event().employeeEndpoint().flatMap(in.settings().directory()::byEndpoint);
  }

  /**
   * True when someone picked up on an endpoint that names no employee (inbound calls without an
   * endpoint count: someone answered, but who is unknown).
   */
  public static boolean unknownEndpoint(DecisionInput in) {
    CallEvent e = in.event();
    return e.isAnswered() && answeringEmployee(in).isEmpty()
        && (e.employeeEndpoint().isPresent() || e.direction() == CallDirection.INBOUND);
  }

  /** The client's responsible user: the primary open deal's, else the contact's, else the request's. */
  public static Optional<Long> responsibleUser(Optional<CrmView> view) {
    if (view.isEmpty()) {
      return Optional.empty();
    }
    CrmView v = view.get();
    return v.primaryOpenDeal().flatMap(CrmDeal::responsibleUserId)
        .or(() -> v.primaryContact().flatMap(CrmContact::responsibleUserId))
        .or(() -> v.pendingUnsorted().flatMap(CrmUnsorted::responsibleUserId));
  }

  /** True when the view holds a contact, an open deal or a pending unsorted request (R-CLASS). */
  public static boolean existing(Optional<CrmView> view) {
    return view.map(v -> !v.contacts().isEmpty()
        || v.deals().stream().anyMatch(d -> d.statusId() != 142 && d.statusId() != 143)
        || !v.unsorted().isEmpty()).orElse(false);
  }

  /** The pipeline new deals of this call go to (R-PIPE): the first matching rule's, else the default. */
  public static Optional<PipelineTarget> pipeline(IntegrationSettings s, CallEvent event) {
    for (PipelineRule r : s.pipelineRules()) {
      Optional<String> value = CallParameters.value(event, r.parameter());
      if (value.isPresent() && normalize(value.get()).equals(normalize(r.value()))) {
        return Optional.of(r.target());
      }
    }
    return s.defaultPipeline();
  }

  private static String normalize(String s) {
    return s.trim().toLowerCase(Locale.ROOT);
  }

  /**
   * The custom-field values new or updated entities of {@code type} get (R-FIELDS): one per
   * mapping of that entity that writes a field and whose parameter the call carries (not blank),
   * in mapping order.
   */
  public static List<FieldValue> fields(IntegrationSettings s, CallEvent event, EntityType type) {
    List<FieldValue> out = new ArrayList<>();
    for (FieldMapping m : s.fieldMappings()) {
      Optional<String> v = CallParameters.value(event, m.parameter()).filter(x -> !x.isBlank());
      if (m.entity() == type && (m.fieldId().isPresent() || m.fieldCode().isPresent())
          && v.isPresent()) {
        out.add(new FieldValue(m.fieldId(), m.fieldCode(), v.get()));
      }
    }
    return out;
  }

  /**
   * The tags entities of {@code type} get (R-FIELDS): for deals the settings' tags first, then the
   * values of tag mappings of that entity, without repeats.
   */
  public static List<String> tags(IntegrationSettings s, CallEvent event, EntityType type) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    if (type == EntityType.DEAL) {
      out.addAll(s.tags());
    }
    for (FieldMapping m : s.fieldMappings()) {
      if (m.entity() == type && m.asTag()) {
        CallParameters.value(event, m.parameter()).filter(x -> !x.isBlank()).ifPresent(out::add);
      }
    }
    return List.copyOf(out);
  }

  /** The tags a call's tracking data gives an existing entity (R-V2): mapped parameters only. */
  public static List<String> trackingTags(IntegrationSettings s, CallEvent event, EntityType type) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (FieldMapping m : s.fieldMappings()) {
      if (m.entity() == type && m.asTag()) {
        CallParameters.value(event, m.parameter()).filter(x -> !x.isBlank()).ifPresent(out::add);
      }
    }
    return List.copyOf(out);
  }

  /** How many effects of the plan create an entity of any kind with this effect type. */
  public static long count(Plan plan, Class<? extends Effect> type) {
    return plan.effects().stream().filter(type::isInstance).count();
  }

  /** The existing id a ref points at, if it is not pending. */
  public static Optional<Long> existingId(EntityRef ref) {
    return ref instanceof EntityRef.Existing x ? Optional.of(x.id()) : Optional.empty();
  }
}
