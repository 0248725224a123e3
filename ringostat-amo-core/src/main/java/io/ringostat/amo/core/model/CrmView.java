package io.ringostat.amo.core.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What amoCRM holds for one phone (R-CLASS), exactly what a gateway's lookup returns: the contacts
 * whose PHONE matches, the deals linked to them (open and closed), their companies, and pending
 * unsorted requests for the number.
 *
 * <p>When several contacts match, the SDK's choice is deterministic: {@link #primaryContact()}
 * prefers a contact with an open deal, then the most recently updated, then the lowest id.
 *
 * <p>{@code openCallbackTasks} are the open tasks the SDK itself created for this phone, which
 * the engine fills from its journal (R-LIFE: at most one open call-back task per client and
 * entity; an answered call completes it). A gateway's lookup leaves it empty.
 */
public record CrmView(
    PhoneNumber phone,
    List<CrmContact> contacts,
    List<CrmDeal> deals,
    List<CrmCompany> companies,
    List<CrmUnsorted> unsorted,
    List<OpenTask> openCallbackTasks) {

  private static final Comparator<Optional<Instant>> NEWEST_FIRST =
      Comparator.comparing((Optional<Instant> t) -> t.orElse(Instant.EPOCH)).reversed();

  public CrmView {
    contacts = List.copyOf(contacts);
    deals = List.copyOf(deals);
    companies = List.copyOf(companies);
    unsorted = List.copyOf(unsorted);
    openCallbackTasks = List.copyOf(openCallbackTasks);
  }

  /** What a lookup returns: no open tasks known. */
  public CrmView(PhoneNumber phone, List<CrmContact> contacts, List<CrmDeal> deals,
      List<CrmCompany> companies, List<CrmUnsorted> unsorted) {
    this(phone, contacts, deals, companies, unsorted, List.of());
  }

  /** This view with {@code tasks} as the open tasks the SDK created for the phone. */
  public CrmView withOpenCallbackTasks(List<OpenTask> tasks) {
    return new CrmView(phone, contacts, deals, companies, unsorted, tasks);
  }

  /** Nothing known for {@code phone}. */
  public static CrmView empty(PhoneNumber phone) {
    return new CrmView(phone, List.of(), List.of(), List.of(), List.of());
  }

  /** True when the CRM holds a contact, an open deal or a pending unsorted request (R-CLASS). */
  public boolean isExisting() {
    return !contacts.isEmpty() || !unsorted.isEmpty() || hasOpenDeal();
  }

  private boolean hasOpenDeal() {
    for (CrmDeal d : deals) {
      if (d.isOpen()) {
        return true;
      }
    }
    return false;
  }

  /** Open deals, the primary contact's first, then the most recently updated, then by id. */
  public List<CrmDeal> openDeals() {
    if (deals.size() <= 1) { // the common case: no sorting needed
      return deals.isEmpty() || !deals.get(0).isOpen() ? List.of() : deals;
    }
    Optional<Long> primary = primaryContact().map(CrmContact::id);
    return deals.stream()
        .filter(CrmDeal::isOpen)
        .sorted(Comparator.comparing((CrmDeal d) -> !d.contactId().equals(primary) || primary.isEmpty())
            .thenComparing(CrmDeal::updatedAt, NEWEST_FIRST)
            .thenComparingLong(CrmDeal::id))
        .toList();
  }

  /** The contact the SDK works with; see the class comment for the order. */
  public Optional<CrmContact> primaryContact() {
    if (contacts.size() <= 1) { // the common case: nothing to choose from
      return contacts.isEmpty() ? Optional.empty() : Optional.of(contacts.get(0));
    }
    return contacts.stream()
        .min(Comparator.comparing((CrmContact c) -> !hasOpenDeal(c))
            .thenComparing(CrmContact::updatedAt, NEWEST_FIRST)
            .thenComparingLong(CrmContact::id));
  }

  /** The open deal the SDK works with: the first of {@link #openDeals()}. */
  public Optional<CrmDeal> primaryOpenDeal() {
    List<CrmDeal> open = openDeals();
    return open.isEmpty() ? Optional.empty() : Optional.of(open.get(0));
  }

  /** The oldest pending unsorted request, if any. */
  public Optional<CrmUnsorted> pendingUnsorted() {
    if (unsorted.size() <= 1) {
      return unsorted.isEmpty() ? Optional.empty() : Optional.of(unsorted.get(0));
    }
    return unsorted.stream()
        .min(Comparator.comparing((CrmUnsorted u) -> u.createdAt().orElse(Instant.EPOCH))
            .thenComparing(CrmUnsorted::uid));
  }

  private boolean hasOpenDeal(CrmContact c) {
    return deals.stream()
        .anyMatch(d -> d.isOpen()
            && (d.contactId().equals(Optional.of(c.id())) || c.dealIds().contains(d.id())));
  }
}
