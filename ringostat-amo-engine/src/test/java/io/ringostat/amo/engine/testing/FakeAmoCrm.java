package io.ringostat.amo.engine.testing;

import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EntityRef;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.spi.AmoCrm;
import io.ringostat.amo.core.spi.CrmException;
import io.ringostat.amo.core.spi.Credentials;
import io.ringostat.amo.core.testing.FakeCrm;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The amoCRM port in memory, over core's {@link FakeCrm}, with fault injection, for engine and
 * integration tests (published in the engine's test-jar). Thread-safe (one lock around the CRM).
 *
 * <p>Faults are queued with {@link #next(Fault)} and taken by the next <em>write</em> (a create,
 * an update or a popup): {@link Fault#failBefore} (nothing acted), {@link Fault#loseAnswer} (acted,
 * then {@code OUTCOME_UNKNOWN}), {@link Fault#unreadable} (acted, then {@code INVALID_RESPONSE}),
 * {@link Fault#reject} (a batch refused, naming some items; nothing acted). {@link #failNext}
 * makes the next call of any kind (reads included) throw before acting. {@link #revokeToken} makes
 * every call fail with {@code AUTHENTICATION} until credentials with the new token are used.
 * {@link #searchLags} hides contacts from {@code lookup} and {@code findContact} (amoCRM's search
 * lag). {@link #lookupGate} makes lookups started while it is set wait until it opens (ignoring
 * interrupts, like a hung socket).
 */
public final class FakeAmoCrm implements AmoCrm {
  /** A token credential. */
  public record Token(String token) implements Credentials {}

  /** A scripted fault of the next write. */
  public sealed interface Fault {
    /** Fails before acting, with {@code kind}. */
    record FailBefore(CrmException.Kind kind) implements Fault {}

    /** Acts, then loses the answer ({@code OUTCOME_UNKNOWN}). */
    record LoseAnswer() implements Fault {}

    /** Acts, then answers unreadably ({@code INVALID_RESPONSE}). */
    record Unreadable() implements Fault {}

    /** Refuses the batch as it is, naming {@code keys} (effect key values); nothing acts. */
    record Reject(Set<String> keys) implements Fault {}

    static Fault failBefore(CrmException.Kind kind) {
      return new FailBefore(kind);
    }

    static Fault loseAnswer() {
      return new LoseAnswer();
    }

    static Fault unreadable() {
      return new Unreadable();
    }

    static Fault reject(Set<String> keys) {
      return new Reject(keys);
    }
  }

  private final FakeCrm crm = new FakeCrm();
  private final AccountCatalog catalog;
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final Deque<CrmException> failures = new ArrayDeque<>();
  private volatile String validToken = "good";
  private volatile String token = "good";
  /** Hides contacts from searches. */
  public volatile boolean searchLags;
  /** Every write acts and then loses its answer while set. */
  public volatile boolean loseEveryAnswer;
  /** Lookups started while set wait until it opens. */
  public volatile CountDownLatch lookupGate;
  public final AtomicLong lookups = new AtomicLong();
  public final AtomicLong writes = new AtomicLong();
  /** Call records edited (R-LIFE). */
  public final AtomicLong noteEdits = new AtomicLong();

  public FakeAmoCrm(AccountCatalog catalog) {
    this.catalog = catalog;
  }

  /** A catalog of zone {@code zone} with active users {@code users}. */
  public static AccountCatalog catalog(ZoneId zone, long... users) {
    List<AccountCatalog.User> list = new ArrayList<>();
    for (long u : users) {
      list.add(new AccountCatalog.User(u, "User " + u, true));
    }
    return new AccountCatalog("demo", zone, list, List.of(), List.of());
  }

  // --- arranging and observing --------------------------------------------------------------

  public synchronized void next(Fault fault) {
    faults.add(fault);
  }

  public synchronized void failNext(CrmException e) {
    failures.add(e);
  }

  public void revokeToken() {
    validToken = "new";
  }

  /** Runs {@code f} on the underlying CRM under its lock (to arrange or observe it). */
  public synchronized <T> T crm(java.util.function.Function<FakeCrm, T> f) {
    return f.apply(crm);
  }

  public synchronized long addContact(PhoneNumber phone, long responsible) {
    return crm.addContact(phone, "Existing " + phone.digits(), responsible);
  }

  public synchronized int contactCount(PhoneNumber phone) {
    return crm.contactsWithPhone(phone).size();
  }

  public synchronized long dealCount() {
    return crm.deals().size();
  }

  public synchronized long recordsFor(String callId) {
    return crm.callRecords().stream().filter(r -> r.uniq().equals(callId)).count();
  }

  public synchronized List<FakeCrm.Task> tasks() {
    return crm.tasks();
  }

  public synchronized List<FakeCrm.CallRecord> records() {
    return crm.callRecords();
  }

  // --- reads ----------------------------------------------------------------------------------

  @Override
  public CrmView lookup(PhoneNumber phone, Set<Include> include) {
    CountDownLatch gate = lookupGate;
    if (gate != null) {
      boolean interrupted = false;
      while (gate.getCount() > 0) {
        try {
          gate.await();
        } catch (InterruptedException e) {
          interrupted = true; // a hung socket does not listen either
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    lookups.incrementAndGet();
    return read(() -> searchLags ? CrmView.empty(phone) : crm.view(phone));
  }

  @Override
  public AccountCatalog catalog(boolean refresh) {
    checkAuth();
    return catalog;
  }

  @Override
  public void probe() {
    read(() -> Boolean.TRUE);
  }

  @Override
  public Optional<FoundContact> findContact(PhoneNumber phone, String contactName,
      Optional<String> dealName) {
    return read(() -> {
      if (searchLags) {
        return Optional.empty();
      }
      List<FakeCrm.Contact> found = crm.contactsWithPhone(phone).stream()
          .filter(c -> !c.hidden())
          .sorted(Comparator.comparing((FakeCrm.Contact c) -> !c.name().equals(contactName))
              .thenComparing(FakeCrm.Contact::id, Comparator.reverseOrder()))
          .toList();
      if (found.isEmpty()) {
        return Optional.empty();
      }
      if (dealName.isPresent()) {
        for (FakeCrm.Contact c : found) {
          Optional<Long> deal = openDeal(c.id(), dealName.get());
          if (deal.isPresent()) {
            return Optional.of(new FoundContact(c.id(), deal));
          }
        }
      }
      return Optional.of(new FoundContact(found.get(0).id(), Optional.empty()));
    });
  }

  @Override
  public Optional<Long> findDeal(long contactId, String dealName) {
    return read(() -> openDeal(contactId, dealName));
  }

  @Override
  public Optional<UnsortedIds> findUnsorted(String uniq) {
    return read(() -> crm.unsorted().stream()
        .filter(u -> !u.accepted() && u.callId().equals(Optional.of(uniq)))
        .findFirst().map(u -> new UnsortedIds(u.leadId().orElseThrow(), u.contactId())));
  }

  @Override
  public Set<String> noteUniqs(EntityType entityType, long entityId, CallDirection direction) {
    return read(() -> {
      Set<String> out = new HashSet<>();
      crm.callRecords().stream().filter(r -> r.entityType() == entityType
          && r.entityId() == entityId && r.direction() == direction)
          .forEach(r -> out.add(r.uniq()));
      return out;
    });
  }

  @Override
  public Map<String, Optional<Long>> notesByUniq(EntityType entityType, long entityId,
      CallDirection direction) {
    return read(() -> {
      Map<String, Optional<Long>> out = new java.util.LinkedHashMap<>();
      List<FakeCrm.CallRecord> records = crm.callRecords();
      for (int i = 0; i < records.size(); i++) { // a note's id is its place in the list, from 1
        FakeCrm.CallRecord r = records.get(i);
        if (r.entityType() == entityType && r.entityId() == entityId
            && r.direction() == direction) {
          out.putIfAbsent(r.uniq(), Optional.of(i + 1L));
        }
      }
      return out;
    });
  }

  @Override
  public List<ExistingTask> findTasks(Optional<EntityType> entityType, Set<Long> entityIds,
      long responsibleUserId) {
    return read(() -> crm.tasks().stream()
        .filter(t -> t.assigneeUserId() == responsibleUserId)
        .filter(t -> entityType.isEmpty() || (t.entityType().equals(entityType)
            && t.entityId().map(entityIds::contains).orElse(false)))
        .map(t -> new ExistingTask(t.hashCode() & 0xffffL, t.entityType(), t.entityId(),
            t.assigneeUserId(), t.text(), t.deadline().getEpochSecond(), false))
        .toList());
  }

  // --- writes ---------------------------------------------------------------------------------

  @Override
  public ComplexIds createComplex(Effect.CreateContact contact, Effect.CreateDeal deal) {
    return write(List.of(contact.key(), deal.key()), () -> {
      Map<EffectKey, Map<EntityType, Long>> made = crm.execute(plan(contact, deal));
      return new ComplexIds(made.get(contact.key()).get(EntityType.CONTACT),
          made.get(deal.key()).get(EntityType.DEAL));
    });
  }

  @Override
  public List<Long> createContacts(List<Effect.CreateContact> contacts) {
    return write(contacts.stream().map(Effect::key).toList(), () -> {
      Map<EffectKey, Map<EntityType, Long>> made = crm.execute(plan(contacts.toArray(Effect[]::new)));
      return contacts.stream().map(c -> made.get(c.key()).get(EntityType.CONTACT)).toList();
    });
  }

  @Override
  public long createDeal(Effect.CreateDeal deal, Optional<Long> contactId) {
    Effect.CreateDeal d = new Effect.CreateDeal(deal.key(), deal.reason(), deal.name(),
        contactId.map(id -> EntityRef.existing(EntityType.CONTACT, id)), deal.pipelineId(),
        deal.statusId(), deal.responsibleUserId(), deal.fields(), deal.tags());
    return write(List.of(deal.key()),
        () -> crm.execute(plan(d)).get(d.key()).get(EntityType.DEAL));
  }

  @Override
  public UnsortedIds createUnsorted(Effect.CreateUnsorted request) {
    return write(List.of(request.key()), () -> {
      Map<EntityType, Long> ids = crm.execute(plan(request)).get(request.key());
      return new UnsortedIds(ids.get(EntityType.DEAL),
          Optional.ofNullable(ids.get(EntityType.CONTACT)));
    });
  }

  /** Note ids are 1-based positions in the CRM's list of call records. */
  @Override
  public List<Long> createNotes(EntityType entityType, List<NoteRequest> notes) {
    Effect[] effects = notes.stream().map(n -> n.call().withTarget(n.call().key(),
        n.call().reason(), EntityRef.existing(entityType, n.entityId()))).toArray(Effect[]::new);
    return write(notes.stream().map(n -> n.call().key()).toList(), () -> {
      crm.execute(plan(effects));
      int all = crm.callRecords().size();
      List<Long> ids = new java.util.ArrayList<>();
      for (int i = all - notes.size(); i < all; i++) {
        ids.add((long) i + 1);
      }
      return ids;
    });
  }

  @Override
  public void updateNotes(EntityType entityType, List<NoteUpdate> updates) {
    if (updates.isEmpty()) {
      return;
    }
    write(updates.stream().map(u -> u.call().key()).toList(), () -> {
      for (NoteUpdate u : updates) {
        FakeCrm.CallRecord r = crm.callRecords().get((int) u.noteId() - 1);
        if (r.entityType() != entityType || r.entityId() != u.entityId()) {
          throw new CrmException(CrmException.Kind.REJECTED, "note " + u.noteId()
              + " is not on " + entityType + " " + u.entityId());
        }
        noteEdits.incrementAndGet();
        crm.execute(plan(new Effect.UpdateCallRecord(u.call().key(), "edit", u.call().key(),
            entityType, u.entityId(), u.noteId(), u.call())));
      }
      return null;
    });
  }

  @Override
  public List<Long> createTasks(List<TaskRequest> tasks) {
    Effect[] effects = tasks.stream().map(t -> new Effect.CreateTask(t.task().key(),
        t.task().reason(), t.task().target().map(ref -> EntityRef.existing(ref.type(),
            t.entityId().orElseThrow())), t.task().assigneeUserId(), t.task().taskTypeId(),
        t.task().text(), t.task().deadline())).toArray(Effect[]::new);
    return write(tasks.stream().map(t -> t.task().key()).toList(), () -> {
      crm.execute(plan(effects));
      List<FakeCrm.Task> all = crm.tasks();
      return all.subList(all.size() - tasks.size(), all.size()).stream()
          .map(FakeCrm.Task::id).toList();
    });
  }

  @Override
  public void updateFields(Effect.UpdateFields update, long entityId) {
    Effect.UpdateFields u = new Effect.UpdateFields(update.key(), update.reason(),
        EntityRef.existing(update.target().type(), entityId), update.fields(), update.tags());
    write(List.of(u.key()), () -> crm.execute(plan(u)));
  }

  @Override
  public void completeTasks(List<Effect.CompleteTask> completions) {
    if (completions.isEmpty()) {
      return;
    }
    write(completions.stream().map(Effect::key).toList(),
        () -> crm.execute(plan(completions.toArray(Effect[]::new))));
  }

  @Override
  public void notifyIncomingCall(Effect.NotifyIncomingCall notification) {
    write(List.of(notification.key()), () -> crm.execute(plan(notification)));
  }

  @Override
  public void useCredentials(Credentials credentials) {
    if (!(credentials instanceof Token t)) {
      throw new IllegalArgumentException("FakeAmoCrm takes Token credentials");
    }
    token = t.token();
  }

  // --- helpers --------------------------------------------------------------------------------

  private Optional<Long> openDeal(long contactId, String name) {
    return crm.deals().stream().filter(d -> !d.hidden() && d.isOpen()
            && d.contactId().equals(Optional.of(contactId)) && d.name().equals(name))
        .map(FakeCrm.Deal::id).max(Comparator.naturalOrder());
  }

  private <T> T read(Supplier<T> body) {
    checkAuth();
    synchronized (this) {
      CrmException f = failures.poll();
      if (f != null) {
        throw f;
      }
      return body.get();
    }
  }

  private <T> T write(List<EffectKey> keys, Supplier<T> body) {
    checkAuth();
    synchronized (this) {
      writes.incrementAndGet();
      CrmException f = failures.poll();
      if (f != null) {
        throw f;
      }
      Fault fault = faults.poll();
      if (fault instanceof Fault.FailBefore fb) {
        throw new CrmException(fb.kind(), "scripted failure before acting");
      }
      if (fault instanceof Fault.Reject r) {
        throw new CrmException(CrmException.Kind.REJECTED, "400 scripted refusal", null,
            r.keys());
      }
      T out = body.get();
      if (fault instanceof Fault.LoseAnswer || loseEveryAnswer) {
        throw new CrmException(CrmException.Kind.OUTCOME_UNKNOWN, "acted; the answer was lost");
      }
      if (fault instanceof Fault.Unreadable) {
        throw new CrmException(CrmException.Kind.INVALID_RESPONSE,
            "acted; the answer cannot be read");
      }
      return out;
    }
  }

  private void checkAuth() {
    if (!token.equals(validToken)) {
      throw new CrmException(CrmException.Kind.AUTHENTICATION, "401 Unauthorized");
    }
  }

  private static Plan plan(Effect... effects) {
    return new Plan(effects[0].key().callId(), Optional.empty(), List.of(effects), List.of(),
        Optional.empty(), Optional.empty());
  }
}
