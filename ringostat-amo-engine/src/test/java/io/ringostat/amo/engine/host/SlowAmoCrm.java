package io.ringostat.amo.engine.host;

import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.spi.AmoCrm;
import io.ringostat.amo.core.spi.Credentials;
import io.ringostat.amo.core.spi.GatewayMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An amoCRM port that answers every request after {@code delay} (a slow account). */
final class SlowAmoCrm implements AmoCrm {
  private final AmoCrm d;
  volatile Duration delay;

  SlowAmoCrm(AmoCrm delegate, Duration delay) {
    this.d = delegate;
    this.delay = delay;
  }

  private void slow() {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public CrmView lookup(PhoneNumber phone, Set<Include> include) {
    slow();
    return d.lookup(phone, include);
  }

  @Override
  public AccountCatalog catalog(boolean refresh) {
    return d.catalog(refresh);
  }

  @Override
  public void probe() {
    d.probe();
  }

  @Override
  public ComplexIds createComplex(Effect.CreateContact contact, Effect.CreateDeal deal) {
    slow();
    return d.createComplex(contact, deal);
  }

  @Override
  public List<Long> createContacts(List<Effect.CreateContact> contacts) {
    slow();
    return d.createContacts(contacts);
  }

  @Override
  public long createDeal(Effect.CreateDeal deal, Optional<Long> contactId) {
    slow();
    return d.createDeal(deal, contactId);
  }

  @Override
  public UnsortedIds createUnsorted(Effect.CreateUnsorted request) {
    slow();
    return d.createUnsorted(request);
  }

  @Override
  public List<Long> createNotes(EntityType entityType, List<NoteRequest> notes) {
    slow();
    return d.createNotes(entityType, notes);
  }

  @Override
  public void updateNotes(EntityType entityType, List<NoteUpdate> updates) {
    slow();
    d.updateNotes(entityType, updates);
  }

  @Override
  public List<Long> createTasks(List<TaskRequest> tasks) {
    slow();
    return d.createTasks(tasks);
  }

  @Override
  public void updateFields(Effect.UpdateFields update, long entityId) {
    slow();
    d.updateFields(update, entityId);
  }

  @Override
  public void completeTasks(List<Effect.CompleteTask> completions) {
    slow();
    d.completeTasks(completions);
  }

  @Override
  public void notifyIncomingCall(Effect.NotifyIncomingCall notification) {
    slow();
    d.notifyIncomingCall(notification);
  }

  @Override
  public Optional<FoundContact> findContact(PhoneNumber phone, String contactName,
      Optional<String> dealName) {
    slow();
    return d.findContact(phone, contactName, dealName);
  }

  @Override
  public Optional<Long> findDeal(long contactId, String dealName) {
    slow();
    return d.findDeal(contactId, dealName);
  }

  @Override
  public Optional<UnsortedIds> findUnsorted(String uniq) {
    slow();
    return d.findUnsorted(uniq);
  }

  @Override
  public Set<String> noteUniqs(EntityType entityType, long entityId, CallDirection direction) {
    slow();
    return d.noteUniqs(entityType, entityId, direction);
  }

  @Override
  public List<ExistingTask> findTasks(Optional<EntityType> entityType, Set<Long> entityIds,
      long responsibleUserId) {
    slow();
    return d.findTasks(entityType, entityIds, responsibleUserId);
  }

  @Override
  public void useCredentials(Credentials credentials) {
    d.useCredentials(credentials);
  }

  @Override
  public GatewayMetrics metrics() {
    return d.metrics();
  }
}
