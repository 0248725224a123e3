package io.ringostat.amo.core.routing;

import io.ringostat.amo.core.model.Employee;
import java.util.List;
import java.util.Optional;

/**
 * What the CRM knows about a caller, for a softphone's screen pop (R-CARD): the contact's name,
 * the responsible manager, open deals with pipeline and status names, the company, and direct
 * links into the amoCRM web interface. An empty card carries the reason.
 */
public record CallerCard(
    String phone,
    Optional<Entity> contact,
    Optional<Responsible> responsible,
    List<Deal> openDeals,
    Optional<Entity> company,
    Optional<String> emptyReason) {

  public CallerCard {
    openDeals = List.copyOf(openDeals);
  }

  /** A card with nothing known, for {@code reason}. */
  public static CallerCard empty(String phone, String reason) {
    return new CallerCard(phone, Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
        Optional.of(reason));
  }

  public boolean isEmpty() {
    return contact.isEmpty() && openDeals.isEmpty() && company.isEmpty();
  }

  /** A contact or company: id, name and web link. */
  public record Entity(long id, String name, String link) {}

  /** The responsible manager: the amoCRM user, and the employee if one is linked. */
  public record Responsible(long amoUserId, String name, Optional<Employee> employee) {}

  /** An open deal with its pipeline and status names. */
  public record Deal(long id, String name, String pipeline, String status, String link) {}
}
