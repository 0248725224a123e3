package io.ringostat.amo.testkit.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The account's mutable state: contacts, leads, companies, notes, tasks, unsorted requests and call
 * popups, with ids assigned the way amoCRM does (increasing integers from realistic values).
 *
 * <p>Not thread-safe by itself: every access holds the lock of the owning {@code Emulation}.
 */
final class Store {
  final Map<Long, ContactEntity> contacts = new LinkedHashMap<>();
  final Map<Long, LeadEntity> leads = new LinkedHashMap<>();
  final Map<Long, CompanyEntity> companies = new LinkedHashMap<>();
  final Map<Long, NoteEntity> notes = new LinkedHashMap<>();
  final Map<Long, TaskEntity> tasks = new LinkedHashMap<>();
  final Map<String, UnsortedEntity> unsorted = new LinkedHashMap<>();
  final List<CallEventEntity> callEvents = new ArrayList<>();

  private final Map<String, Map<String, Tag>> tagsByName = new HashMap<>();
  private final Map<Long, Tag> tagsById = new HashMap<>();
  private final SplittableRandom random;
  private long nextContact = 20000001;
  private long nextLead = 30000001;
  private long nextNote = 40000001;
  private long nextTask = 50000001;
  private long nextCompany = 60000001;
  private long nextTag = 90000001;

  Store(long seed) {
    this.random = new SplittableRandom(seed);
  }

  ContactEntity newContact() {
    ContactEntity c = new ContactEntity(nextContact++);
    contacts.put(c.id, c);
    return c;
  }

  LeadEntity newLead() {
    LeadEntity l = new LeadEntity(nextLead++);
    leads.put(l.id, l);
    return l;
  }

  CompanyEntity newCompany() {
    CompanyEntity c = new CompanyEntity(nextCompany++);
    companies.put(c.id, c);
    return c;
  }

  long nextNoteId() {
    return nextNote++;
  }

  TaskEntity newTask() {
    TaskEntity t = new TaskEntity(nextTask++);
    tasks.put(t.id, t);
    return t;
  }

  /** A fresh unsorted uid: 40 lower-case hex characters, deterministic under the seed. */
  String newUid() {
    return hex(20);
  }

  /** {@code bytes} random bytes as hex, deterministic under the seed. */
  String hex(int bytes) {
    StringBuilder b = new StringBuilder(bytes * 2);
    for (int i = 0; i < bytes; i++) {
      b.append(String.format(Locale.ROOT, "%02x", random.nextInt(256)));
    }
    return b.toString();
  }

  /** The tag named {@code name} of {@code entityType}, created on first use. */
  Tag tag(String entityType, String name) {
    Map<String, Tag> byName = tagsByName.computeIfAbsent(entityType, k -> new HashMap<>());
    String key = name.trim().toLowerCase(Locale.ROOT);
    Tag t = byName.get(key);
    if (t == null) {
      t = new Tag(nextTag++, name.trim());
      byName.put(key, t);
      tagsById.put(t.id(), t);
    }
    return t;
  }

  Optional<Tag> tagById(long id) {
    return Optional.ofNullable(tagsById.get(id));
  }

  /** Live contact with {@code id} (not deleted); hidden unsorted contacts included. */
  Optional<ContactEntity> contact(long id) {
    return Optional.ofNullable(contacts.get(id)).filter(c -> !c.deleted);
  }

  Optional<LeadEntity> lead(long id) {
    return Optional.ofNullable(leads.get(id)).filter(l -> !l.deleted);
  }

  Optional<CompanyEntity> company(long id) {
    return Optional.ofNullable(companies.get(id)).filter(c -> !c.deleted);
  }

  /** The entity of type {@code entityType} ("leads", "contacts", "companies") if it is live. */
  Optional<? extends CrmEntity> entity(String entityType, long id) {
    switch (entityType) {
      case "leads":
        return lead(id);
      case "contacts":
        return contact(id);
      case "companies":
        return company(id);
      default:
        return Optional.empty();
    }
  }

  /** Contacts visible in lists: not deleted and not waiting in Unsorted (reference §7.1). */
  List<ContactEntity> listedContacts() {
    return contacts.values().stream().filter(c -> !c.deleted && !c.unsorted).toList();
  }

  /** Live leads linked to {@code contactId}, in id order. */
  List<LeadEntity> leadsOf(long contactId) {
    return leads.values().stream()
        .filter(l -> !l.deleted && l.contactIds.contains(contactId))
        .toList();
  }

  /** Live leads of the contact that are open (not 142/143). */
  List<LeadEntity> openLeadsOf(long contactId) {
    return leadsOf(contactId).stream().filter(l -> Account.isOpen(l.statusId)).toList();
  }

  /**
   * Live contacts (hidden ones included) whose PHONE ends with the same ten digits as {@code
   * phone}.
   */
  List<ContactEntity> contactsWithPhone(String phone, boolean listedOnly) {
    Collection<ContactEntity> pool = listedOnly ? listedContacts() : contacts.values();
    return pool.stream()
        .filter(c -> !c.deleted)
        .filter(c -> c.phones().stream().anyMatch(p -> Phones.sameNumber(p, phone)))
        .toList();
  }

  /** The earliest deadline of the open tasks of an entity, or null. */
  Long closestTaskAt(String entityType, long entityId) {
    return tasks.values().stream()
        .filter(
            t ->
                !t.completed
                    && entityType.equals(t.entityType)
                    && t.entityId != null
                    && t.entityId == entityId)
        .map(t -> t.completeTill)
        .min(Comparator.naturalOrder())
        .orElse(null);
  }

  /** The pending unsorted request that holds {@code leadId}, if any. */
  Optional<UnsortedEntity> pendingUnsortedOfLead(long leadId) {
    return unsorted.values().stream()
        .filter(u -> u.state == UnsortedEntity.State.PENDING && u.leadId == leadId)
        .findFirst();
  }
}
