package io.ringostat.amo.core.testing;

import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CrmContact;
import io.ringostat.amo.core.model.CrmDeal;
import io.ringostat.amo.core.model.CrmUnsorted;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.OpenTask;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.model.PhoneParse;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.CallStatus;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EffectVisitor;
import io.ringostat.amo.core.plan.EntityRef;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.FieldValue;
import io.ringostat.amo.core.plan.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An in-memory CRM that carries out plans the way amoCRM would, for tests: it assigns ids,
 * resolves {@link EntityRef.Pending} references, records call records by {@code uniq} on their
 * entity, tasks, field updates and popups, and keeps unsorted requests whose lead and contact stay
 * hidden until a manager {@linkplain #acceptUnsorted accepts} them. {@link #view} gives what a
 * lookup by phone returns: the visible contacts with the phone, the deals found through them (or
 * by the phone), and the pending unsorted requests with their lead and contact ids.
 *
 * <p>It never deduplicates: a plan that records a call twice leaves two records, so tests see the
 * duplicate. A plan that refers to an entity the CRM does not hold fails with {@link
 * IllegalStateException}. Not thread-safe; no clock (created entities have no update time).
 *
 * <pre>{@code
 * FakeCrm crm = new FakeCrm();
 * Plan plan = Decider.matrix().decide(event, crm.lookup(Decider.phone(event, settings)), settings, progress);
 * progress = crm.apply(plan, progress);
 * }</pre>
 */
public final class FakeCrm {
  /** The pipeline of new deals when a plan names none. */
  public static final long MAIN_PIPELINE = 3_383_100;

  /** A contact; {@code hidden} while it belongs to a pending unsorted request. */
  public record Contact(long id, String name, PhoneNumber phone, Optional<Long> responsibleUserId,
      List<FieldValue> fields, List<String> tags, Optional<Instant> updatedAt, boolean hidden,
      Optional<String> createdByCall) {}

  /** A deal; found by phone through its contact, or by {@code phone} when it has none. */
  public record Deal(long id, String name, Optional<Long> contactId, Optional<PhoneNumber> phone,
      long pipelineId, long statusId, Optional<Long> responsibleUserId, List<FieldValue> fields,
      List<String> tags, Optional<Instant> updatedAt, boolean hidden,
      Optional<String> createdByCall) {
    public boolean isOpen() {
      return statusId != CrmDeal.WON && statusId != CrmDeal.LOST;
    }
  }

  /** An unsorted request; pending until accepted. */
  public record Unsorted(String uid, PhoneNumber phone, Optional<Long> pipelineId,
      Optional<Long> leadId, Optional<Long> contactId, Optional<Long> responsibleUserId,
      Optional<Instant> createdAt, Optional<String> callId, boolean accepted) {}

  /** A call record ("call_in"/"call_out" note) on one entity. */
  public record CallRecord(EntityType entityType, long entityId, String uniq,
      CallDirection direction, PhoneNumber phone, Duration duration, CallStatus status,
      String result, Optional<Long> authorUserId, long responsibleUserId,
      Optional<String> recordingUrl) {}

  /** A task, on an entity or on none; {@code result} is set once it is completed. */
  public record Task(Optional<EntityType> entityType, Optional<Long> entityId, long assigneeUserId,
      int taskTypeId, String text, Instant deadline, EffectKey key, long id,
      Optional<String> result) {
    public boolean completed() {
      return result.isPresent();
    }
  }

  /** An incoming-call popup. */
  public record Notification(PhoneNumber phone, List<Long> userIds, EffectKey key) {}

  private final TreeMap<Long, Contact> contacts = new TreeMap<>();
  private final TreeMap<Long, Deal> deals = new TreeMap<>();
  private final Map<String, Unsorted> unsorted = new LinkedHashMap<>();
  private final List<CallRecord> callRecords = new ArrayList<>();
  private final List<Task> tasks = new ArrayList<>();
  private final List<Notification> notifications = new ArrayList<>();
  private long nextId;
  /** Tasks count apart, so that a task does not shift the ids of later contacts and deals. */
  private long nextTaskId = TASK_IDS;
  /** The first task id. */
  public static final long TASK_IDS = 900_001;

  /** An empty CRM whose first created entity gets id 7001. */
  public FakeCrm() {
    this(7001);
  }

  /** An empty CRM whose first created entity gets {@code firstId}. */
  public FakeCrm(long firstId) {
    this.nextId = firstId;
  }

  /** A CRM holding exactly what {@code view} shows; {@code view(view.phone())} gives it back. */
  public static FakeCrm seededFrom(CrmView view) {
    return new FakeCrm().seed(view);
  }

  // --- arranging --------------------------------------------------------------------------

  /** Adds what {@code view} shows, keeping its ids. */
  public FakeCrm seed(CrmView view) {
    PhoneNumber phone = view.phone();
    for (CrmContact c : view.contacts()) {
      contacts.put(c.id(), new Contact(c.id(), c.name(), phone, c.responsibleUserId(), List.of(),
          List.of(), c.updatedAt(), false, Optional.empty()));
      bump(c.id());
    }
    for (CrmDeal d : view.deals()) {
      boolean linked = d.contactId().map(contacts::containsKey).orElse(false);
      deals.put(d.id(), new Deal(d.id(), d.name(), linked ? d.contactId() : Optional.empty(),
          linked ? Optional.empty() : Optional.of(phone), d.pipelineId(), d.statusId(),
          d.responsibleUserId(), List.of(), List.of(), d.updatedAt(), false, Optional.empty()));
      bump(d.id());
    }
    for (CrmUnsorted u : view.unsorted()) {
      u.contactId().ifPresent(id -> {
        contacts.put(id, new Contact(id, "Unsorted " + u.uid(), phone, u.responsibleUserId(),
            List.of(), List.of(), Optional.empty(), true, Optional.empty()));
        bump(id);
      });
      u.leadId().ifPresent(id -> {
        long pipeline = u.pipelineId().orElse(MAIN_PIPELINE);
        deals.put(id, new Deal(id, "Unsorted " + u.uid(), u.contactId(), Optional.empty(),
            pipeline, pipeline * 10, u.responsibleUserId(), List.of(), List.of(), Optional.empty(),
            true, Optional.empty()));
        bump(id);
      });
      unsorted.put(u.uid(), new Unsorted(u.uid(), phone, u.pipelineId(), u.leadId(),
          u.contactId(), u.responsibleUserId(), u.createdAt(), Optional.empty(), false));
    }
    return this;
  }

  /** Adds a visible contact, as another integration or a manager would. */
  public long addContact(PhoneNumber phone, String name, long responsibleUserId) {
    long id = nextId++;
    contacts.put(id, new Contact(id, name, phone, Optional.of(responsibleUserId), List.of(),
        List.of(), Optional.empty(), false, Optional.empty()));
    return id;
  }

  /** Adds a deal linked to contact {@code contactId}. */
  public long addDeal(long contactId, long pipelineId, long statusId, long responsibleUserId) {
    requireContact(contactId);
    long id = nextId++;
    deals.put(id, new Deal(id, "Deal " + id, Optional.of(contactId), Optional.empty(), pipelineId,
        statusId, Optional.of(responsibleUserId), List.of(), List.of(), Optional.empty(), false,
        Optional.empty()));
    return id;
  }

  /** Moves deal {@code id} to 142 (won) or 143 (lost). */
  public void closeDeal(long id, boolean won) {
    Deal d = requireDeal(id);
    deals.put(id, new Deal(d.id(), d.name(), d.contactId(), d.phone(), d.pipelineId(),
        won ? CrmDeal.WON : CrmDeal.LOST, d.responsibleUserId(), d.fields(), d.tags(),
        d.updatedAt(), d.hidden(), d.createdByCall()));
  }

  /**
   * A manager accepts pending request {@code uid}: its lead and contact become visible, with the
   * accepting manager responsible (R-UNS).
   */
  public void acceptUnsorted(String uid, long userId) {
    Unsorted u = unsorted.get(uid);
    if (u == null || u.accepted()) {
      throw new IllegalStateException("no pending unsorted request " + uid);
    }
    unsorted.put(uid, new Unsorted(u.uid(), u.phone(), u.pipelineId(), u.leadId(), u.contactId(),
        Optional.of(userId), u.createdAt(), u.callId(), true));
    u.contactId().ifPresent(id -> {
      Contact c = requireContact(id);
      contacts.put(id, new Contact(c.id(), c.name(), c.phone(), Optional.of(userId), c.fields(),
          c.tags(), c.updatedAt(), false, c.createdByCall()));
    });
    u.leadId().ifPresent(id -> {
      Deal d = requireDeal(id);
      deals.put(id, new Deal(d.id(), d.name(), d.contactId(), d.phone(), d.pipelineId(),
          d.pipelineId() * 10 + 1, Optional.of(userId), d.fields(), d.tags(), d.updatedAt(), false,
          d.createdByCall()));
    });
  }

  // --- acting -----------------------------------------------------------------------------

  /**
   * Carries out {@code plan} and returns {@code progress} plus every effect done, with what each
   * created: what the journal would hold afterwards.
   *
   * @throws IllegalStateException if the plan refers to an entity the CRM does not hold
   */
  public CallProgress apply(Plan plan, CallProgress progress) {
    CallProgress out = progress;
    for (Map.Entry<EffectKey, Map<EntityType, Long>> e : execute(plan).entrySet()) {
      out = out.with(e.getKey(), e.getValue());
    }
    return out;
  }

  /** Carries out {@code plan}; per effect key, what it created (empty maps for the rest). */
  public Map<EffectKey, Map<EntityType, Long>> execute(Plan plan) {
    Map<EffectKey, Map<EntityType, Long>> created = new LinkedHashMap<>();
    Executor executor = new Executor(created);
    for (Effect e : plan.effects()) {
      created.put(e.key(), e.accept(executor));
    }
    return created;
  }

  private final class Executor implements EffectVisitor<Map<EntityType, Long>> {
    private final Map<EffectKey, Map<EntityType, Long>> created;

    Executor(Map<EffectKey, Map<EntityType, Long>> created) {
      this.created = created;
    }

    @Override
    public Map<EntityType, Long> createContact(Effect.CreateContact e) {
      long id = nextId++;
      contacts.put(id, new Contact(id, e.name(), e.phone(), Optional.of(e.responsibleUserId()),
          e.fields(), e.tags(), Optional.empty(), false, Optional.of(e.key().callId())));
      return Map.of(EntityType.CONTACT, id);
    }

    @Override
    public Map<EntityType, Long> createDeal(Effect.CreateDeal e) {
      Optional<Long> contact = e.contact().map(r -> resolve(r, created));
      long pipeline = e.pipelineId().orElse(MAIN_PIPELINE);
      long id = nextId++;
      deals.put(id, new Deal(id, e.name(), contact, Optional.empty(), pipeline,
          e.statusId().orElse(pipeline * 10 + 1), Optional.of(e.responsibleUserId()), e.fields(),
          e.tags(), Optional.empty(), false, Optional.of(e.key().callId())));
      return Map.of(EntityType.DEAL, id);
    }

    @Override
    public Map<EntityType, Long> createUnsorted(Effect.CreateUnsorted e) {
      long contactId = nextId++;
      long leadId = nextId++;
      long pipeline = e.pipelineId().orElse(MAIN_PIPELINE);
      contacts.put(contactId, new Contact(contactId, e.contactName(), e.phone(),
          Optional.of(e.responsibleUserId()), e.contactFields(), e.contactTags(), Optional.empty(),
          true, Optional.of(e.callId())));
      deals.put(leadId, new Deal(leadId, e.dealName(), Optional.of(contactId), Optional.empty(),
          pipeline, pipeline * 10, Optional.of(e.responsibleUserId()), e.fields(), e.tags(),
          Optional.empty(), true, Optional.of(e.callId())));
      String uid = "unsorted-" + leadId;
      unsorted.put(uid, new Unsorted(uid, e.phone(), e.pipelineId(), Optional.of(leadId),
          Optional.of(contactId), Optional.of(e.responsibleUserId()), Optional.of(e.calledAt()),
          Optional.of(e.callId()), false));
      Map<EntityType, Long> out = new EnumMap<>(EntityType.class);
      out.put(EntityType.DEAL, leadId);
      out.put(EntityType.CONTACT, contactId);
      return Map.copyOf(out);
    }

    @Override
    public Map<EntityType, Long> recordCall(Effect.RecordCall e) {
      long id = resolve(e.target(), created);
      callRecords.add(new CallRecord(e.target().type(), id, e.uniq(), e.direction(), e.phone(),
          e.duration(), e.status(), e.result(), e.authorUserId(), e.responsibleUserId(),
          e.recordingUrl()));
      return Map.of();
    }

    @Override
    public Map<EntityType, Long> updateCallRecord(Effect.UpdateCallRecord u) {
      Effect.RecordCall e = u.call();
      for (int i = 0; i < callRecords.size(); i++) {
        CallRecord r = callRecords.get(i);
        if (r.entityType() == u.entityType() && r.entityId() == u.entityId()
            && r.uniq().equals(e.uniq())) {
          callRecords.set(i, new CallRecord(r.entityType(), r.entityId(), e.uniq(),
              e.direction(), e.phone(), e.duration(), e.status(), e.result(), e.authorUserId(),
              e.responsibleUserId(), e.recordingUrl()));
        }
      }
      return Map.of();
    }

    @Override
    public Map<EntityType, Long> createTask(Effect.CreateTask e) {
      Optional<Long> id = e.target().map(r -> resolve(r, created));
      tasks.add(new Task(e.target().map(EntityRef::type), id, e.assigneeUserId(), e.taskTypeId(),
          e.text(), e.deadline(), e.key(), nextTaskId++, Optional.empty()));
      return Map.of();
    }

    @Override
    public Map<EntityType, Long> completeTask(Effect.CompleteTask e) {
      for (int i = 0; i < tasks.size(); i++) {
        Task t = tasks.get(i);
        if (t.id() == e.taskId()) {
          tasks.set(i, new Task(t.entityType(), t.entityId(), t.assigneeUserId(), t.taskTypeId(),
              t.text(), t.deadline(), t.key(), t.id(), Optional.of(e.resultText())));
          return Map.of();
        }
      }
      throw new IllegalStateException("no task #" + e.taskId());
    }

    @Override
    public Map<EntityType, Long> updateFields(Effect.UpdateFields e) {
      long id = resolve(e.target(), created);
      if (e.target().type() == EntityType.CONTACT) {
        Contact c = requireContact(id);
        contacts.put(id, new Contact(c.id(), c.name(), c.phone(), c.responsibleUserId(),
            merge(c.fields(), e.fields()), union(c.tags(), e.tags()), c.updatedAt(), c.hidden(),
            c.createdByCall()));
      } else {
        Deal d = requireDeal(id);
        deals.put(id, new Deal(d.id(), d.name(), d.contactId(), d.phone(), d.pipelineId(),
            d.statusId(), d.responsibleUserId(), merge(d.fields(), e.fields()),
            union(d.tags(), e.tags()), d.updatedAt(), d.hidden(), d.createdByCall()));
      }
      return Map.of();
    }

    @Override
    public Map<EntityType, Long> notifyIncomingCall(Effect.NotifyIncomingCall e) {
      notifications.add(new Notification(e.phone(), e.userIds(), e.key()));
      return Map.of();
    }
  }

  private long resolve(EntityRef ref, Map<EffectKey, Map<EntityType, Long>> created) {
    if (ref instanceof EntityRef.Pending p) {
      Long id = created.getOrDefault(p.createdBy(), Map.of()).get(p.type());
      if (id == null) {
        throw new IllegalStateException("the plan refers to " + ref + " of " + p.createdBy()
            + ", which no earlier effect of the plan created");
      }
      return id;
    }
    EntityRef.Existing x = (EntityRef.Existing) ref;
    if (x.type() == EntityType.CONTACT) {
      requireContact(x.id());
    } else if (x.type() == EntityType.DEAL) {
      requireDeal(x.id());
    } else {
      throw new IllegalStateException("the fake CRM holds no companies: " + ref);
    }
    return x.id();
  }

  // --- observing --------------------------------------------------------------------------

  /**
   * What a lookup of {@code phone} returns: visible contacts with the phone (by id), the visible
   * deals linked to them or to the phone (by id), and pending unsorted requests for the phone.
   */
  public CrmView view(PhoneNumber phone) {
    List<CrmContact> cs = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    for (Contact c : contacts.values()) {
      if (!c.hidden() && c.phone().equals(phone)) {
        ids.add(c.id());
      }
    }
    List<CrmDeal> ds = new ArrayList<>();
    for (Deal d : deals.values()) {
      boolean found = d.contactId().map(ids::contains).orElse(false)
          || d.phone().map(phone::equals).orElse(false);
      if (!d.hidden() && found) {
        ds.add(new CrmDeal(d.id(), d.name(), d.pipelineId(), d.statusId(), d.responsibleUserId(),
            d.contactId(), d.updatedAt()));
      }
    }
    for (long id : ids) {
      Contact c = contacts.get(id);
      List<Long> dealIds = ds.stream().filter(d -> d.contactId().equals(Optional.of(id)))
          .map(CrmDeal::id).toList();
      cs.add(new CrmContact(c.id(), c.name(), c.responsibleUserId(), dealIds, Optional.empty(),
          c.updatedAt()));
    }
    List<CrmUnsorted> us = new ArrayList<>();
    for (Unsorted u : unsorted.values()) {
      if (!u.accepted() && u.phone().equals(phone)) {
        us.add(new CrmUnsorted(u.uid(), u.pipelineId(), u.leadId(), u.contactId(),
            u.responsibleUserId(), u.createdAt()));
      }
    }
    return new CrmView(phone, cs, ds, List.of(), us, openTasks(ids, ds, us));
  }

  /**
   * The open tasks the SDK created on the phone's contacts and deals, and on its pending unsorted
   * requests' hidden lead and contact, as the engine's journal would report them (R-LIFE); the
   * template is the task key's target.
   */
  private List<OpenTask> openTasks(List<Long> visibleContacts, List<CrmDeal> ds,
      List<CrmUnsorted> pending) {
    List<Long> contactIds = new ArrayList<>(visibleContacts);
    List<Long> dealIds = new ArrayList<>(ds.stream().map(CrmDeal::id).toList());
    pending.forEach(u -> {
      u.contactId().ifPresent(contactIds::add);
      u.leadId().ifPresent(dealIds::add);
    });
    List<OpenTask> out = new ArrayList<>();
    for (Task t : tasks) {
      if (t.completed() || t.entityId().isEmpty()) {
        continue;
      }
      long on = t.entityId().get();
      boolean deal = t.entityType().equals(Optional.of(EntityType.DEAL))
          && dealIds.contains(on);
      boolean contact = t.entityType().equals(Optional.of(EntityType.CONTACT))
          && contactIds.contains(on);
      if (deal || contact) {
        out.add(new OpenTask(t.id(), t.key().target(), deal ? t.entityId() : Optional.empty(),
            contact ? t.entityId() : Optional.empty(), t.assigneeUserId(), t.deadline()));
      }
    }
    return out;
  }

  /**
   * What a journal knows about {@code phone} without asking the CRM: only the entities that call
   * {@code callId} created (what the engine passes to {@code decide} when {@code
   * Decider.needsLookup} says no lookup is needed).
   */
  public CrmView journalView(PhoneNumber phone, String callId) {
    CrmView all = view(phone);
    Optional<String> call = Optional.of(callId);
    List<CrmContact> cs = all.contacts().stream()
        .filter(c -> contacts.get(c.id()).createdByCall().equals(call)).toList();
    List<CrmDeal> ds = all.deals().stream()
        .filter(d -> deals.get(d.id()).createdByCall().equals(call)).toList();
    List<CrmUnsorted> us = all.unsorted().stream()
        .filter(u -> unsorted.get(u.uid()).callId().equals(call)).toList();
    return new CrmView(phone, cs, ds, List.of(), us);
  }

  /** The view for a normalized phone, or empty when it did not normalize (no lookup). */
  public Optional<CrmView> lookup(PhoneParse phone) {
    return phone.number().map(this::view);
  }

  /** Every contact, hidden ones included, by id. */
  public List<Contact> contacts() {
    return List.copyOf(contacts.values());
  }

  /** Contacts with {@code phone}, hidden ones (of pending unsorted requests) included. */
  public List<Contact> contactsWithPhone(PhoneNumber phone) {
    return contacts.values().stream().filter(c -> c.phone().equals(phone)).toList();
  }

  public Optional<Contact> contact(long id) {
    return Optional.ofNullable(contacts.get(id));
  }

  /** Every deal, hidden ones included, by id. */
  public List<Deal> deals() {
    return List.copyOf(deals.values());
  }

  public Optional<Deal> deal(long id) {
    return Optional.ofNullable(deals.get(id));
  }

  /** Every unsorted request, accepted ones included, in creation order. */
  public List<Unsorted> unsorted() {
    return List.copyOf(unsorted.values());
  }

  public List<CallRecord> callRecords() {
    return List.copyOf(callRecords);
  }

  public List<Task> tasks() {
    return List.copyOf(tasks);
  }

  public List<Notification> notifications() {
    return List.copyOf(notifications);
  }

  // --- helpers ----------------------------------------------------------------------------

  private Contact requireContact(long id) {
    Contact c = contacts.get(id);
    if (c == null) {
      throw new IllegalStateException("the CRM holds no contact #" + id);
    }
    return c;
  }

  private Deal requireDeal(long id) {
    Deal d = deals.get(id);
    if (d == null) {
      throw new IllegalStateException("the CRM holds no deal #" + id);
    }
    return d;
  }

  private void bump(long id) {
    nextId = Math.max(nextId, id + 1);
  }

  private static List<FieldValue> merge(List<FieldValue> old, List<FieldValue> updates) {
    Map<String, FieldValue> byField = new LinkedHashMap<>();
    for (FieldValue f : old) {
      byField.put(fieldKey(f), f);
    }
    for (FieldValue f : updates) {
      byField.put(fieldKey(f), f);
    }
    return List.copyOf(byField.values());
  }

  private static String fieldKey(FieldValue f) {
    return f.fieldId().map(id -> "#" + id).orElseGet(() -> f.fieldCode().orElseThrow());
  }

  private static List<String> union(List<String> a, List<String> b) {
    LinkedHashSet<String> out = new LinkedHashSet<>(a);
    out.addAll(b);
    return List.copyOf(out);
  }
}
