package io.ringostat.amo.benchmarks;

import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.spi.AmoCrm;
import io.ringostat.amo.core.spi.Credentials;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An amoCRM that answers instantly and counts lookups: every phone belongs to an existing client
 * (contact + open deal, responsible Andriy). Writes succeed without storing anything; finds find
 * nothing. Thread-safe.
 */
final class CountingGateway implements AmoCrm {
  private final AccountCatalog catalog;
  private final AtomicLong ids = new AtomicLong(1_000_000);
  final AtomicLong lookups = new AtomicLong();

  CountingGateway(AccountCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public CrmView lookup(PhoneNumber phone, Set<Include> include) {
    lookups.incrementAndGet();
    return BenchFixtures.existingClient(phone);
  }

  @Override
  public AccountCatalog catalog(boolean refresh) {
    return catalog;
  }

  @Override
  public void probe() {}

  @Override
  public ComplexIds createComplex(Effect.CreateContact contact, Effect.CreateDeal deal) {
    return new ComplexIds(ids.incrementAndGet(), ids.incrementAndGet());
  }

  @Override
  public List<Long> createContacts(List<Effect.CreateContact> contacts) {
    return contacts.stream().map(c -> ids.incrementAndGet()).toList();
  }

  @Override
  public long createDeal(Effect.CreateDeal deal, Optional<Long> contactId) {
    return ids.incrementAndGet();
  }

  @Override
  public UnsortedIds createUnsorted(Effect.CreateUnsorted request) {
    return new UnsortedIds(ids.incrementAndGet(), Optional.of(ids.incrementAndGet()));
  }

  @Override
  public List<Long> createNotes(EntityType entityType, List<NoteRequest> notes) {
    return notes.stream().map(n -> ids.incrementAndGet()).toList();
  }

  @Override
  public void updateNotes(EntityType entityType, List<NoteUpdate> updates) {}

  @Override
  public List<Long> createTasks(List<TaskRequest> tasks) {
    return tasks.stream().map(t -> 1L).toList();
  }

  @Override
  public void updateFields(Effect.UpdateFields update, long entityId) {}

  @Override
  public void notifyIncomingCall(Effect.NotifyIncomingCall notification) {}

  @Override
  public void completeTasks(List<Effect.CompleteTask> completions) {}

  @Override
  public Optional<FoundContact> findContact(PhoneNumber phone, String contactName,
      Optional<String> dealName) {
    return Optional.empty();
  }

  @Override
  public Optional<Long> findDeal(long contactId, String dealName) {
    return Optional.empty();
  }

  @Override
  public Optional<UnsortedIds> findUnsorted(String uniq) {
    return Optional.empty();
  }

  @Override
  public Set<String> noteUniqs(EntityType entityType, long entityId, CallDirection direction) {
    return Set.of();
  }

  @Override
  public List<ExistingTask> findTasks(Optional<EntityType> entityType, Set<Long> entityIds,
      long responsibleUserId) {
    return List.of();
  }

  @Override
  public void useCredentials(Credentials credentials) {}
}
