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
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * What the spec says about an input, computed independently of the decision code, for properties
 * to compare the plan with: who answered, whether the endpoint is unknown, who is responsible,
 * which pipeline rule matches. Nothing here calls {@code Decision}, {@code CrmView}'s selection
 * helpers ({@code primaryContact}, {@code primaryOpenDeal}, {@code pendingUnsorted}, {@code
 * isExisting}) or {@code PipelineRule.matches}: each rule is restated from SPEC.md, so a bug in
 * one of them is not copied into the expectation. Only the input model's semantics are reused
 * (parameter values of a call, the directory's endpoint lookup), which have their own tests.
 */
public final class Facts {
  private Facts() {}

  /** The employee behind the event's endpoint, if any. */
  public static Optional<Employee> answeringEmployee(DecisionInput in) {
    return employeeAt(in.settings(), in.event().employeeEndpoint());
  }

  /**
   * The employee behind {@code endpoint} (R-IN-2). The directory's lookup is the input model's own
   * semantics (SIP login, extension or number), tested in {@code EmployeeDirectoryTest}; no decision
   * code is involved.
   */
  public static Optional<Employee> employeeAt(IntegrationSettings s, Optional<String> endpoint) {
    return endpoint.flatMap(s.directory()::byEndpoint);
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

  /**
   * The client's responsible user: the primary open deal's, else the primary contact's, else the
   * pending request's; each chosen here by the documented order, not by {@code CrmView}'s helpers.
   */
  public static Optional<Long> responsibleUser(Optional<CrmView> view) {
    if (view.isEmpty()) {
      return Optional.empty();
    }
    CrmView v = view.get();
    return primaryOpenDeal(v).flatMap(CrmDeal::responsibleUserId)
        .or(() -> primaryContact(v).flatMap(CrmContact::responsibleUserId))
        .or(() -> pendingUnsorted(v).flatMap(CrmUnsorted::responsibleUserId));
  }

  private static boolean open(CrmDeal d) {
    return d.statusId() != 142 && d.statusId() != 143;
  }

  private static long newest(Optional<Instant> t) {
    return -t.orElse(Instant.EPOCH).toEpochMilli();
  }

  /**
   * The contact the SDK must work with (SPEC R-CLASS, CrmView's contract): one with an open deal
   * first, then the most recently updated, then the lowest id.
   */
  public static Optional<CrmContact> primaryContact(CrmView v) {
    CrmContact best = null;
    for (CrmContact c : v.contacts()) {
      if (best == null || contactRank(v, c).compareTo(contactRank(v, best)) < 0) {
        best = c;
      }
    }
    return Optional.ofNullable(best);
  }

  private static String contactRank(CrmView v, CrmContact c) {
    boolean withOpenDeal = v.deals().stream().anyMatch(d -> open(d)
        && (d.contactId().equals(Optional.of(c.id())) || c.dealIds().contains(d.id())));
    return String.format(Locale.ROOT, "%d %020d %020d", withOpenDeal ? 0 : 1,
        newest(c.updatedAt()) + Long.MAX_VALUE / 2, c.id());
  }

  /**
   * The open deal the SDK must work with: the primary contact's first, then the most recently
   * updated, then the lowest id.
   */
  public static Optional<CrmDeal> primaryOpenDeal(CrmView v) {
    Optional<Long> primary = primaryContact(v).map(CrmContact::id);
    CrmDeal best = null;
    String bestRank = null;
    for (CrmDeal d : v.deals()) {
      if (!open(d)) {
        continue;
      }
      String rank = String.format(Locale.ROOT, "%d %020d %020d",
          primary.isPresent() && d.contactId().equals(primary) ? 0 : 1,
          newest(d.updatedAt()) + Long.MAX_VALUE / 2, d.id());
      if (best == null || rank.compareTo(bestRank) < 0) {
        best = d;
        bestRank = rank;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The oldest pending unsorted request (by creation, then uid). */
  public static Optional<CrmUnsorted> pendingUnsorted(CrmView v) {
    CrmUnsorted best = null;
    for (CrmUnsorted u : v.unsorted()) {
      if (best == null) {
        best = u;
        continue;
      }
      int byTime = u.createdAt().orElse(Instant.EPOCH).compareTo(best.createdAt().orElse(Instant.EPOCH));
      if (byTime < 0 || (byTime == 0 && u.uid().compareTo(best.uid()) < 0)) {
        best = u;
      }
    }
    return Optional.ofNullable(best);
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
      if (r.conditions().stream().allMatch(c -> holds(c, event))) {
        return Optional.of(r.target());
      }
    }
    return s.defaultPipeline();
  }

  /** A condition of a pipeline rule, as the docs state it (an independent reading). */
  private static boolean holds(io.ringostat.amo.core.settings.CallCondition c, CallEvent event) {
    Optional<String> value = CallParameters.value(event, c.parameter());
    if (value.isEmpty()) {
      return false;
    }
    String actual = normalize(value.get());
    String wanted = normalize(c.value());
    return switch (c.operator()) {
      case EQUALS -> actual.equals(wanted);
      case PREFIX -> actual.startsWith(wanted);
      case CONTAINS -> value.get().toLowerCase(Locale.ROOT).contains(wanted);
      case MATCHES -> value.get().length() <= 256 && java.util.regex.Pattern.compile(c.value(),
          java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE)
          .matcher(value.get()).find();
    };
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
