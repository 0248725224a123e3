package io.ringostat.amo.engine.internal;

import io.ringostat.amo.engine.journal.KnownEntity;
import io.ringostat.amo.core.model.CrmContact;
import io.ringostat.amo.core.model.CrmDeal;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.plan.EntityType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Adds entities the SDK created recently for a phone to what the CRM search returned, because
 * amoCRM's search can lag behind a create: the next call from the same new number must see the
 * contact and deal the previous call created (R-ONCE). Entities the search already returns are
 * left as the CRM describes them.
 */
public final class ViewMerger {
  private ViewMerger() {}

  public static CrmView merge(CrmView view, List<KnownEntity> known) {
    if (known.isEmpty()) {
      return view;
    }
    List<CrmContact> contacts = new ArrayList<>(view.contacts());
    List<CrmDeal> deals = new ArrayList<>(view.deals());
    Optional<Long> knownContact = Optional.empty();
    for (KnownEntity k : known) {
      if (k.type() == EntityType.CONTACT) {
        knownContact = knownContact.or(() -> Optional.of(k.id()));
        if (contacts.stream().noneMatch(c -> c.id() == k.id())) {
          contacts.add(new CrmContact(k.id(), "", k.responsibleUserId(), List.of(),
              Optional.empty(), Optional.of(k.at())));
        }
      }
    }
    for (KnownEntity k : known) {
      if (k.type() == EntityType.DEAL && deals.stream().noneMatch(d -> d.id() == k.id())) {
        // Status unknown to us; a deal we created moments ago is open.
        deals.add(new CrmDeal(k.id(), "", 0, 0, k.responsibleUserId(), knownContact,
            Optional.of(k.at())));
      }
    }
    return new CrmView(view.phone(), contacts, deals, view.companies(), view.unsorted());
  }
}
