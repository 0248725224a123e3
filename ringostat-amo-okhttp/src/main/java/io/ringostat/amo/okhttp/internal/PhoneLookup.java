package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.core.model.CrmCompany;
import io.ringostat.amo.core.model.CrmContact;
import io.ringostat.amo.core.model.CrmDeal;
import io.ringostat.amo.core.model.CrmUnsorted;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.spi.AmoCrm.Include;
import io.ringostat.amo.okhttp.internal.wire.CompanyDto;
import io.ringostat.amo.okhttp.internal.wire.ContactDto;
import io.ringostat.amo.okhttp.internal.wire.LeadDto;
import io.ringostat.amo.okhttp.internal.wire.UnsortedDto;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What amoCRM holds for a phone, with as few requests as possible (reference §14.1):
 *
 * <ol>
 *   <li>{@code GET /api/v4/contacts?query={last ten digits}&with=leads&limit=250} (more pages only
 *       when {@code _links.next} says so, at most {@value #MAX_PAGES}); 204 is "nothing". Every
 *       hit is verified by its PHONE values ({@link PhoneMatch}); the rest are dropped.
 *   <li>When verified contacts have leads: one {@code GET /api/v4/leads?filter[id][]=…} for their
 *       pipeline and status (open unless 142/143).
 *   <li>Only on request: companies ({@code GET /api/v4/companies?filter[id][]=…}) and pending SIP
 *       unsorted requests ({@code GET /api/v4/leads/unsorted?…}).
 * </ol>
 *
 * <p>The usual cost is one request (unknown caller) or two (a client with deals). All verified
 * contacts are returned; {@link CrmView#primaryContact()} makes the deterministic choice.
 */
public final class PhoneLookup {
  static final int MAX_PAGES = 4;
  static final int PAGE = 250;
  /** Leads fetched one by one when the account ignores {@code filter[id]} (Alpha filters). */
  static final int MAX_SINGLE_FETCH = 10;

  private final Channel http;
  private final Json json;
  private final Pages pages;

  public PhoneLookup(Channel http, Json json) {
    this.http = http;
    this.json = json;
    this.pages = new Pages(http, json);
  }

  public CrmView lookup(PhoneNumber phone, Set<Include> include) {
    List<ContactDto> verified = verifiedContacts(phone);
    Map<Long, Long> contactOfLead = new LinkedHashMap<>();
    for (ContactDto c : verified) {
      for (Long lead : c.leadIds()) {
        contactOfLead.putIfAbsent(lead, c.id());
      }
    }
    List<CrmDeal> deals = new ArrayList<>();
    for (LeadDto l : leads(contactOfLead.keySet())) {
      deals.add(new CrmDeal(l.id(), l.name() == null ? "" : l.name(),
          l.pipelineId() == null ? 0 : l.pipelineId(), l.statusId() == null ? 0 : l.statusId(),
          Optional.ofNullable(l.responsibleUserId()), Optional.ofNullable(contactOfLead.get(l.id())),
          instant(l.updatedAt())));
    }
    List<CrmCompany> companies = include.contains(Include.COMPANIES)
        ? companies(verified) : List.of();
    List<CrmUnsorted> unsorted = include.contains(Include.UNSORTED)
        ? unsorted(phone).stream().map(PhoneLookup::toCore).toList() : List.of();
    List<CrmContact> contacts = verified.stream().map(PhoneLookup::toCore).toList();
    return new CrmView(phone, contacts, deals, companies, unsorted);
  }

  /** Contacts found by {@code query} whose PHONE matches, without duplicates or deleted ones. */
  public List<ContactDto> verifiedContacts(PhoneNumber phone) {
    Map<Long, ContactDto> out = new LinkedHashMap<>();
    pages.read(() -> ApiCall.get("/api/v4/contacts").param("query", phone.lastTen())
        .param("with", "leads").param("limit", PAGE), ContactDto.Page.class,
        MAX_PAGES, p -> {
          for (ContactDto c : p.items()) {
            if (c.id() != null && !Boolean.TRUE.equals(c.isDeleted())
                && c.phones().stream().anyMatch(v -> PhoneMatch.matches(phone, v))) {
              out.putIfAbsent(c.id(), c);
            }
          }
          return !p.items().isEmpty();
        });
    return List.copyOf(out.values());
  }

  /**
   * The leads with {@code ids}, in chunks of 250. amoCRM may ignore {@code filter[id]} on accounts
   * without API filtering (reference §5.1) and answer with other leads: only requested ids are
   * kept, and a few missing ones are then fetched one by one ({@code GET /api/v4/leads/{id}}).
   */
  public List<LeadDto> leads(Set<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<Long, LeadDto> found = new LinkedHashMap<>();
    boolean filterIgnored = false;
    List<Long> all = List.copyOf(ids);
    for (int from = 0; from < all.size(); from += PAGE) {
      List<Long> chunk = all.subList(from, Math.min(all.size(), from + PAGE));
      ApiCall.Builder b = ApiCall.get("/api/v4/leads");
      chunk.forEach(id -> b.param("filter[id][]", id));
      ApiCall call = b.param("limit", PAGE).build();
      ApiResponse r = http.send(call);
      if (r.isEmpty()) {
        continue;
      }
      for (LeadDto l : json.page(r.body(), LeadDto.Page.class, call.endpoint()).items()) {
        if (l.id() != null && ids.contains(l.id())) {
          found.putIfAbsent(l.id(), l);
        } else {
          filterIgnored = true;
        }
      }
    }
    if (filterIgnored) {
      int fetched = 0;
      for (Long id : all) {
        if (!found.containsKey(id) && fetched++ < MAX_SINGLE_FETCH) {
          ApiCall call = ApiCall.get("/api/v4/leads/" + id).build();
          ApiResponse r = http.send(call);
          if (!r.isEmpty()) {
            LeadDto l = json.read(r.body(), LeadDto.class, call.endpoint());
            if (id.equals(l.id())) {
              found.put(id, l);
            }
          }
        }
      }
    }
    List<LeadDto> out = new ArrayList<>();
    for (Long id : all) {
      LeadDto l = found.get(id);
      if (l != null && !Boolean.TRUE.equals(l.isDeleted())) {
        out.add(l);
      }
    }
    return out;
  }

  private List<CrmCompany> companies(List<ContactDto> verified) {
    Set<Long> ids = new LinkedHashSet<>();
    verified.forEach(c -> ids.addAll(c.companyIds()));
    if (ids.isEmpty()) {
      return List.of();
    }
    ApiCall.Builder b = ApiCall.get("/api/v4/companies");
    ids.stream().limit(PAGE).forEach(id -> b.param("filter[id][]", id));
    ApiCall call = b.param("limit", PAGE).build();
    ApiResponse r = http.send(call);
    if (r.isEmpty()) {
      return List.of();
    }
    return json.page(r.body(), CompanyDto.Page.class, call.endpoint()).items().stream()
        .filter(c -> c.id() != null && ids.contains(c.id()))
        .map(c -> new CrmCompany(c.id(), c.name() == null ? "" : c.name(),
            Optional.ofNullable(c.responsibleUserId())))
        .toList();
  }

  /** Pending SIP unsorted requests, newest first (one page of 250), whose phones match. */
  public List<UnsortedDto> unsorted(PhoneNumber phone) {
    return pendingSip().stream()
        .filter(u -> u.phones().stream().anyMatch(v -> PhoneMatch.matches(phone, v))).toList();
  }

  /** The newest pending SIP unsorted requests (one page of 250). */
  public List<UnsortedDto> pendingSip() {
    ApiCall call = ApiCall.get("/api/v4/leads/unsorted").param("filter[category][]", "sip")
        .param("order[created_at]", "desc").param("limit", PAGE).build();
    ApiResponse r = http.send(call);
    if (r.isEmpty()) {
      return List.of();
    }
    return json.page(r.body(), UnsortedDto.Page.class, call.endpoint()).items().stream()
        .filter(u -> u.uid() != null).toList();
  }

  static CrmContact toCore(ContactDto c) {
    return new CrmContact(c.id(), c.name() == null ? "" : c.name(),
        Optional.ofNullable(c.responsibleUserId()), c.leadIds(),
        c.companyIds().stream().findFirst(), instant(c.updatedAt()));
  }

  static CrmUnsorted toCore(UnsortedDto u) {
    return new CrmUnsorted(u.uid(), Optional.ofNullable(u.pipelineId()),
        Optional.ofNullable(u.leadId()), Optional.ofNullable(u.contactId()),
        Optional.ofNullable(u.responsibleUserId()), instant(u.createdAt()));
  }

  static Optional<Instant> instant(Long epochSeconds) {
    return epochSeconds == null || epochSeconds <= 0 ? Optional.empty()
        : Optional.of(Instant.ofEpochSecond(epochSeconds));
  }
}
