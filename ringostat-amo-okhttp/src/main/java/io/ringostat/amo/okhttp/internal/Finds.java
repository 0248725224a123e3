package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CrmDeal;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.spi.AmoCrm.ExistingTask;
import io.ringostat.amo.core.spi.AmoCrm.FoundContact;
import io.ringostat.amo.core.spi.AmoCrm.UnsortedIds;
import io.ringostat.amo.okhttp.internal.wire.ContactDto;
import io.ringostat.amo.okhttp.internal.wire.LeadDto;
import io.ringostat.amo.okhttp.internal.wire.NoteDto;
import io.ringostat.amo.okhttp.internal.wire.TaskDto;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The reads the engine finds what a lost create may have made with (R-ONCE). amoCRM has no
 * idempotency key ({@code request_id} is echoed, not stored; reference §0), so each kind of entity
 * is recognized by what the plan put into it:
 *
 * <ul>
 *   <li>contact: a contact whose PHONE matches the plan's phone (the plan creates a contact only
 *       when there was none, so one present now is ours); among several, the one with the plan's
 *       name, then the newest (highest id);
 *   <li>deal: an open deal linked to that contact with the plan's name, newest first;
 *   <li>unsorted: a pending SIP request whose {@code metadata.uniq} is the call id;
 *   <li>call note: a {@code call_in}/{@code call_out} note on the entity whose {@code
 *       params.uniq} is the call id;
 *   <li>task: the tasks of the same responsible user and entities, for the engine to compare.
 * </ul>
 *
 * <p>amoCRM's search may lag behind a create, and whether the notes list returns {@code
 * params.uniq} in every case is unconfirmed (reference §9.2). Reads only; thread-safe.
 */
public final class Finds {
  private static final int MAX_PAGES = 4;

  private final Channel http;
  private final Json json;
  private final PhoneLookup lookup;
  private final Pages pages;

  public Finds(Channel http, Json json, PhoneLookup lookup) {
    this.http = http;
    this.json = json;
    this.lookup = lookup;
    this.pages = new Pages(http, json);
  }

  /** See {@code AmoCrm.findContact}. */
  public Optional<FoundContact> contact(PhoneNumber phone, String contactName,
      Optional<String> dealName) {
    List<ContactDto> verified = lookup.verifiedContacts(phone);
    if (verified.isEmpty()) {
      return Optional.empty();
    }
    Comparator<ContactDto> preference = Comparator
        .comparing((ContactDto c) -> !contactName.equals(c.name()))
        .thenComparing(ContactDto::id, Comparator.reverseOrder());
    if (dealName.isPresent()) {
      Set<Long> leadIds = new LinkedHashSet<>();
      verified.forEach(c -> leadIds.addAll(c.leadIds()));
      for (LeadDto d : matchingDeals(lookup.leads(leadIds), dealName.get())) {
        Optional<ContactDto> owner = verified.stream().filter(c -> c.leadIds().contains(d.id()))
            .min(preference);
        if (owner.isPresent()) {
          return Optional.of(new FoundContact(owner.get().id(), Optional.of(d.id())));
        }
      }
    }
    return Optional.of(new FoundContact(verified.stream().min(preference).get().id(),
        Optional.empty()));
  }

  /** See {@code AmoCrm.findDeal}. */
  public Optional<Long> deal(long contactId, String dealName) {
    ApiCall call = ApiCall.get("/api/v4/contacts/" + contactId).param("with", "leads").build();
    ApiResponse r = http.send(call);
    if (r.isEmpty()) {
      return Optional.empty();
    }
    ContactDto c = json.read(r.body(), ContactDto.class, call.endpoint());
    return matchingDeals(lookup.leads(new LinkedHashSet<>(c.leadIds())), dealName).stream()
        .map(LeadDto::id).findFirst();
  }

  /** See {@code AmoCrm.findUnsorted}. */
  public Optional<UnsortedIds> unsorted(String uniq) {
    return lookup.pendingSip().stream()
        .filter(u -> u.metadata() != null && uniq.equals(u.metadata().uniq())
            && u.leadId() != null && u.leadId() > 0)
        .findFirst()
        .map(u -> new UnsortedIds(u.leadId(), Optional.ofNullable(u.contactId())));
  }

  /** See {@code AmoCrm.noteUniqs}. */
  public Set<String> noteUniqs(EntityType type, long entityId, CallDirection direction) {
    return new HashSet<>(notesByUniq(type, entityId, direction).keySet());
  }

  /** See {@code AmoCrm.notesByUniq}. */
  public Map<String, Optional<Long>> notesByUniq(EntityType type, long entityId,
      CallDirection direction) {
    String noteType = Payloads.noteType(direction);
    Map<String, Optional<Long>> out = new LinkedHashMap<>();
    pages.read(() -> ApiCall.get("/api/v4/" + Payloads.path(type) + "/" + entityId + "/notes")
        .param("filter[note_type]", noteType).param("limit", 250), NoteDto.Page.class,
        MAX_PAGES, p -> {
          p.items().stream().filter(n -> noteType.equals(n.noteType()) || n.noteType() == null)
              .filter(n -> n.uniq() != null)
              .forEach(n -> out.putIfAbsent(n.uniq(), Optional.ofNullable(n.id())));
          return true;
        });
    return out;
  }

  /** See {@code AmoCrm.findTasks}. */
  public List<ExistingTask> tasks(Optional<EntityType> entityType, Set<Long> entityIds,
      long responsibleUserId) {
    List<ExistingTask> out = new ArrayList<>();
    pages.read(() -> {
      ApiCall.Builder b = ApiCall.get("/api/v4/tasks");
      entityType.ifPresent(t -> {
        entityIds.forEach(id -> b.param("filter[entity_id][]", id));
        b.param("filter[entity_type]", Payloads.path(t));
      });
      return b.param("filter[responsible_user_id]", responsibleUserId).param("limit", 250);
    }, TaskDto.Page.class, MAX_PAGES, p -> {
      p.items().stream().filter(t -> t.id() != null && t.id() > 0).map(Finds::task)
          .forEach(out::add);
      return true;
    });
    return out;
  }

  private static ExistingTask task(TaskDto t) {
    return new ExistingTask(t.id(), entityType(t.entityType()), Optional.ofNullable(t.entityId()),
        t.responsibleUserId() == null ? 0 : t.responsibleUserId(),
        t.text() == null ? "" : t.text(), t.completeTill() == null ? 0 : t.completeTill(),
        Boolean.TRUE.equals(t.isCompleted()));
  }

  private static Optional<EntityType> entityType(String path) {
    if (path == null) {
      return Optional.empty();
    }
    switch (path) {
      case "leads":
        return Optional.of(EntityType.DEAL);
      case "contacts":
        return Optional.of(EntityType.CONTACT);
      case "companies":
        return Optional.of(EntityType.COMPANY);
      default:
        return Optional.empty();
    }
  }

  private static List<LeadDto> matchingDeals(List<LeadDto> leads, String name) {
    return leads.stream()
        .filter(l -> name.equals(l.name()) && l.statusId() != null
            && l.statusId() != CrmDeal.WON && l.statusId() != CrmDeal.LOST)
        .sorted(Comparator.comparing(LeadDto::id, Comparator.reverseOrder()))
        .toList();
  }
}
