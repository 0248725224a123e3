package io.ringostat.amo.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A contact amoCRM holds for a phone: id, name, responsible user, linked deals and company.
 *
 * @param updatedAt when amoCRM last changed it; used to choose among several contacts
 */
public record CrmContact(
    long id,
    String name,
    Optional<Long> responsibleUserId,
    List<Long> dealIds,
    Optional<Long> companyId,
    Optional<Instant> updatedAt) {
  public CrmContact {
    dealIds = List.copyOf(dealIds);
  }

  /** A contact with just an id, name and responsible user. */
  public static CrmContact of(long id, String name, long responsibleUserId) {
    return new CrmContact(id, name, Optional.of(responsibleUserId), List.of(), Optional.empty(),
        Optional.empty());
  }

  /** This contact with {@code dealIds} linked. */
  public CrmContact withDeals(List<Long> ids) {
    return new CrmContact(id, name, responsibleUserId, ids, companyId, updatedAt);
  }
}
