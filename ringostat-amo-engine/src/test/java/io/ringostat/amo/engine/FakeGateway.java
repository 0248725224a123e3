package io.ringostat.amo.engine;

import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.core.model.CrmContact;
import io.ringostat.amo.core.model.CrmDeal;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EntityRef;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.spi.CrmException;
import io.ringostat.amo.core.spi.CrmGateway;
import io.ringostat.amo.core.spi.Credentials;
import io.ringostat.amo.core.spi.EffectResult;
import io.ringostat.amo.core.spi.ExecutionObserver;
import io.ringostat.amo.core.spi.ExecutionReport;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory CRM behind the gateway port, for engine tests: applies effects, can be scripted to
 * fail (before or after acting), to refuse credentials, and to hide fresh contacts from search
 * (amoCRM's search lag).
 */
final class FakeGateway implements CrmGateway {
  record Credential(String token) implements Credentials {}

  private final Map<String, List<Long>> contactsByPhone = new HashMap<>();
  private final Map<Long, CrmContact> contacts = new HashMap<>();
  private final Map<Long, CrmDeal> deals = new HashMap<>();
  final List<Effect.RecordCall> records = new ArrayList<>();
  final List<Effect.CreateTask> tasks = new ArrayList<>();
  final List<Effect.CreateUnsorted> unsorted = new ArrayList<>();
  private final Deque<CrmException> failures = new ArrayDeque<>();
  private final Map<EffectKey, Map<EntityType, Long>> applied = new HashMap<>();
  private final AtomicLong ids = new AtomicLong(1000);
  private final AccountCatalog catalog;
  private volatile String validToken = "good";
  private volatile String token = "good";
  volatile boolean searchLags;
  volatile boolean loseResponsesAfterActing;
  volatile CountDownLatch lookupGate;
  final AtomicLong lookups = new AtomicLong();
  final AtomicLong executions = new AtomicLong();

  FakeGateway(AccountCatalog catalog) {
    this.catalog = catalog;
  }

  synchronized void failNext(CrmException e) {
    failures.add(e);
  }

  void revokeToken() {
    validToken = "new";
  }

  synchronized int contactCount(PhoneNumber phone) {
    return contactsByPhone.getOrDefault(phone.digits(), List.of()).size();
  }

  synchronized long dealCount() {
    return deals.size();
  }

  synchronized long recordsFor(String callId) {
    return records.stream().filter(r -> r.uniq().equals(callId)).count();
  }

  synchronized long contactId(PhoneNumber phone, int i) {
    return contactsByPhone.get(phone.digits()).get(i);
  }

  synchronized long addContact(PhoneNumber phone, long responsible) {
    long id = ids.incrementAndGet();
    contacts.put(id, CrmContact.of(id, "Existing " + phone, responsible));
    contactsByPhone.computeIfAbsent(phone.digits(), p -> new ArrayList<>()).add(id);
    return id;
  }

  @Override
  public CrmView lookup(PhoneNumber phone, Set<Include> include) {
    CountDownLatch gate = lookupGate;
    if (gate != null) {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    lookups.incrementAndGet();
    checkAuth();
    synchronized (this) {
      throwScripted();
      if (searchLags) {
        return CrmView.empty(phone);
      }
      List<CrmContact> found = new ArrayList<>();
      List<CrmDeal> theirDeals = new ArrayList<>();
      for (long id : contactsByPhone.getOrDefault(phone.digits(), List.of())) {
        found.add(contacts.get(id));
        deals.values().stream().filter(d -> d.contactId().equals(Optional.of(id)))
            .forEach(theirDeals::add);
      }
      return new CrmView(phone, found, theirDeals, List.of(), List.of());
    }
  }

  @Override
  public ExecutionReport execute(Plan plan, Set<EffectKey> uncertain, ExecutionObserver observer) {
    executions.incrementAndGet();
    List<EffectResult> results = new ArrayList<>();
    Map<EffectKey, Map<EntityType, Long>> made = new HashMap<>();
    boolean stop = false;
    for (Effect e : plan.effects()) {
      if (stop) {
        results.add(new EffectResult.Skipped(e.key(), "stopped"));
        continue;
      }
      try {
        checkAuth();
        synchronized (this) {
          throwScripted();
        }
        Map<EntityType, Long> already = alreadyApplied(e.key(), uncertain);
        if (already != null) {
          made.put(e.key(), already);
          EffectResult.Done done = new EffectResult.Done(e.key(), already, true);
          observer.done(done);
          results.add(done);
          continue;
        }
        observer.sending(List.of(e.key()));
        Map<EntityType, Long> created = apply(e, made);
        synchronized (this) {
          applied.put(e.key(), created);
        }
        if (loseResponsesAfterActing) {
          throw new CrmException(CrmException.Kind.OUTCOME_UNKNOWN, "response lost");
        }
        made.put(e.key(), created);
        EffectResult.Done done = EffectResult.Done.of(e.key(), created);
        observer.done(done);
        results.add(done);
      } catch (CrmException ex) {
        results.add(new EffectResult.Failed(e.key(), ex));
        stop = true;
      }
    }
    return new ExecutionReport(results, plan.effects().size());
  }

  private synchronized Map<EntityType, Long> apply(Effect e, Map<EffectKey, Map<EntityType, Long>> made) {
    if (e instanceof Effect.CreateContact c) {
      return Map.of(EntityType.CONTACT, addContact(c.phone(), c.responsibleUserId()));
    }
    if (e instanceof Effect.CreateDeal d) {
      long id = ids.incrementAndGet();
      Optional<Long> contact = d.contact().map(r -> resolve(r, made));
      deals.put(id, new CrmDeal(id, d.name(), d.pipelineId().orElse(1L), 10,
          Optional.of(d.responsibleUserId()), contact, Optional.empty()));
      return Map.of(EntityType.DEAL, id);
    }
    if (e instanceof Effect.CreateUnsorted u) {
      unsorted.add(u);
      return Map.of(EntityType.DEAL, ids.incrementAndGet(), EntityType.CONTACT, ids.incrementAndGet());
    }
    if (e instanceof Effect.RecordCall r) {
      resolve(r.target(), made);
      records.add(r);
      return Map.of();
    }
    if (e instanceof Effect.CreateTask t) {
      tasks.add(t);
      return Map.of();
    }
    return Map.of();
  }

  /** The port's contract: an uncertain effect is checked in the CRM before it is repeated. */
  private synchronized Map<EntityType, Long> alreadyApplied(EffectKey key, Set<EffectKey> uncertain) {
    return uncertain.contains(key) ? applied.get(key) : null;
  }

  private static long resolve(EntityRef ref, Map<EffectKey, Map<EntityType, Long>> made) {
    if (ref instanceof EntityRef.Existing x) {
      return x.id();
    }
    EntityRef.Pending p = (EntityRef.Pending) ref;
    return made.get(p.createdBy()).get(p.type());
  }

  private void throwScripted() {
    CrmException next = failures.poll();
    if (next != null) {
      throw next;
    }
  }

  private void checkAuth() {
    if (!token.equals(validToken)) {
      throw new CrmException(CrmException.Kind.AUTHENTICATION, "401 Unauthorized");
    }
  }

  @Override
  public AccountCatalog catalog(boolean refresh) {
    checkAuth();
    return catalog;
  }

  @Override
  public void probe() {
    checkAuth();
    synchronized (this) {
      throwScripted();
    }
  }

  @Override
  public void useCredentials(Credentials credentials) {
    token = ((Credential) credentials).token();
  }

  static AccountCatalog catalog(ZoneId zone, long... users) {
    List<AccountCatalog.User> list = new ArrayList<>();
    for (long u : users) {
      list.add(new AccountCatalog.User(u, "User " + u, true));
    }
    return new AccountCatalog("demo", zone, list, List.of(), List.of());
  }
}
