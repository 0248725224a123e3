package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.core.model.CrmDeal;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.okhttp.internal.wire.ContactDto;
import io.ringostat.amo.okhttp.internal.wire.LeadDto;
import io.ringostat.amo.okhttp.internal.wire.NoteDto;
import io.ringostat.amo.okhttp.internal.wire.TaskDto;
import io.ringostat.amo.okhttp.internal.wire.UnsortedDto;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Looks in amoCRM for what a create whose outcome is unknown may already have made (R-ONCE).
 * amoCRM has no idempotency key ({@code request_id} is echoed, not stored; reference §0), so each
 * kind of entity is recognized by what the plan put into it:
 *
 * <ul>
 *   <li>contact: a contact whose PHONE matches the plan's phone (the plan creates a contact only
 *       when there was none, so one present now is ours); among several, the one with the plan's
 *       name, then the newest (highest id);
 *   <li>deal: an open deal linked to that contact with the plan's name, newest first;
 *   <li>unsorted: a pending SIP request whose {@code metadata.uniq} is the call id;
 *   <li>call note: a {@code call_in}/{@code call_out} note on the entity whose {@code
 *       params.uniq} is the call id;
 *   <li>task: a task of the same responsible user and entity with the same text and deadline.
 * </ul>
 *
 * <p>amoCRM's search may lag behind a create, and whether the notes list returns {@code
 * params.uniq} in every case is unconfirmed (reference §9.2); a miss right after a lost answer can
 * therefore lead to one duplicate in the worst case, never more (one resend). Reads only;
 * thread-safe.
 */
public final class Reconciler {
  private static final int MAX_PAGES = 4;

  private final AmoTransport http;
  private final Json json;
  private final PhoneLookup lookup;
  private final Pages pages;

  public Reconciler(AmoTransport http, Json json, PhoneLookup lookup) {
    this.http = http;
    this.json = json;
    this.lookup = lookup;
    this.pages = new Pages(http, json);
  }

  /** A contact found for a phone and, when asked, its deal. Either id may be null. */
  public record Found(Long contactId, Long dealId) {}

  /**
   * The contact a lost create for {@code phone} may have made and, when {@code dealName} is set,
   * the deal created with it (leads/complex).
   */
  public Found contact(PhoneNumber phone, String contactName, Optional<String> dealName,
      Tally tally) {
    List<ContactDto> verified = lookup.verifiedContacts(phone, tally);
    if (verified.isEmpty()) {
      return new Found(null, null);
    }
    Comparator<ContactDto> preference = Comparator
        .comparing((ContactDto c) -> !contactName.equals(c.name()))
        .thenComparing(ContactDto::id, Comparator.reverseOrder());
    if (dealName.isPresent()) {
      Set<Long> leadIds = new LinkedHashSet<>();
      verified.forEach(c -> leadIds.addAll(c.leadIds()));
      List<LeadDto> deals = matchingDeals(lookup.leads(leadIds, tally), dealName.get());
      for (LeadDto d : deals) {
        Optional<ContactDto> owner = verified.stream().filter(c -> c.leadIds().contains(d.id()))
            .min(preference);
        if (owner.isPresent()) {
          return new Found(owner.get().id(), d.id());
        }
      }
    }
    return new Found(verified.stream().min(preference).get().id(), null);
  }

  /** The open deal named {@code dealName} linked to contact {@code contactId}, if any. */
  public Long deal(long contactId, String dealName, Tally tally) {
    ApiCall call = ApiCall.get("/api/v4/contacts/" + contactId).param("with", "leads").build();
    ApiResponse r = http.send(call, tally);
    if (r.isEmpty()) {
      return null;
    }
    ContactDto c = json.read(r.body(), ContactDto.class, call.endpoint());
    List<LeadDto> deals = matchingDeals(lookup.leads(new LinkedHashSet<>(c.leadIds()), tally),
        dealName);
    return deals.isEmpty() ? null : deals.get(0).id();
  }

  /** The pending SIP request whose {@code metadata.uniq} is {@code uniq}, if any. */
  public UnsortedDto unsorted(String uniq, Tally tally) {
    return lookup.pendingSip(tally).stream()
        .filter(u -> u.metadata() != null && uniq.equals(u.metadata().uniq()))
        .findFirst().orElse(null);
  }

  /** The {@code params.uniq} of every {@code noteType} note on the entity. */
  public Set<String> noteUniqs(EntityType type, long entityId, String noteType, Tally tally) {
    Set<String> out = new HashSet<>();
    pages.read(() -> ApiCall.get("/api/v4/" + Payloads.path(type) + "/" + entityId + "/notes")
        .param("filter[note_type]", noteType).param("limit", 250), NoteDto.Page.class,
        NoteDto.Page::links, MAX_PAGES, tally, p -> {
          p.items().stream().filter(n -> noteType.equals(n.noteType()) || n.noteType() == null)
              .map(NoteDto::uniq).filter(java.util.Objects::nonNull).forEach(out::add);
          return true;
        });
    return out;
  }

  /**
   * Tasks of {@code responsibleUserId} on the entities {@code entityIds} of {@code entityType}
   * (or, when {@code entityType} is null, all of that user's tasks).
   */
  public List<TaskDto> tasks(EntityType entityType, Set<Long> entityIds, long responsibleUserId,
      Tally tally) {
    List<TaskDto> out = new ArrayList<>();
    pages.read(() -> {
      ApiCall.Builder b = ApiCall.get("/api/v4/tasks");
      if (entityType != null) {
        entityIds.forEach(id -> b.param("filter[entity_id][]", id));
        b.param("filter[entity_type]", Payloads.path(entityType));
      }
      return b.param("filter[responsible_user_id]", responsibleUserId).param("limit", 250);
    }, TaskDto.Page.class, TaskDto.Page::links, MAX_PAGES, tally, p -> {
      out.addAll(p.items());
      return true;
    });
    return out;
  }

  private static List<LeadDto> matchingDeals(List<LeadDto> leads, String name) {
    return leads.stream()
        .filter(l -> name.equals(l.name()) && l.statusId() != null
            && l.statusId() != CrmDeal.WON && l.statusId() != CrmDeal.LOST)
        .sorted(Comparator.comparing(LeadDto::id, Comparator.reverseOrder()))
        .toList();
  }
}
