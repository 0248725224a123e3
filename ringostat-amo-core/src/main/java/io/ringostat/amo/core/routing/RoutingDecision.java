package io.ringostat.amo.core.routing;

import io.ringostat.amo.core.model.Employee;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The answer to "who should take this call?" (R-ROUTE): route to an employee's destinations
 * (SIP logins, extension, phone numbers) because of an entity, or fall through to the next step of
 * the host's forwarding scheme, with the reason.
 *
 * @param entity the entity that decided, e.g. {@code CONTACT} #3501, when routing
 * @param fromCache true when the answer came from the routing cache
 */
public record RoutingDecision(
    Optional<Employee> employee,
    List<String> destinations,
    Optional<RoutingTarget> entityKind,
    Optional<Long> entityId,
    Optional<FallThroughReason> fallThrough,
    String reason,
    boolean fromCache) {

  public RoutingDecision {
    destinations = List.copyOf(destinations);
    if (employee.isPresent() == fallThrough.isPresent()) {
      throw new IllegalArgumentException("a decision routes to an employee or falls through");
    }
  }

  /** Route to {@code employee} because of {@code kind} #{@code id}. */
  public static RoutingDecision route(Employee employee, RoutingTarget kind, Optional<Long> id,
      String reason) {
    return new RoutingDecision(Optional.of(employee), destinationsOf(employee), Optional.of(kind),
        id, Optional.empty(), reason, false);
  }

  /** Fall through, for {@code why}. */
  public static RoutingDecision fallThrough(FallThroughReason why, String reason) {
    return new RoutingDecision(Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
        Optional.of(why), reason, false);
  }

  /** True when the call should go to {@link #employee()}. */
  public boolean routes() {
    return employee.isPresent();
  }

  /** This decision marked as served from the cache. */
  public RoutingDecision cached() {
    return new RoutingDecision(employee, destinations, entityKind, entityId, fallThrough, reason,
        true);
  }

  /** SIP logins first, then the extension, then phone numbers. */
  static List<String> destinationsOf(Employee e) {
    List<String> out = new ArrayList<>(e.sipLogins());
    e.extension().ifPresent(out::add);
    out.addAll(e.phones());
    return out;
  }
}
