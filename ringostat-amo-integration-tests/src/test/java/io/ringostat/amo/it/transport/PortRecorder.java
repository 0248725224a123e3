package io.ringostat.amo.it.transport;

import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.spi.AmoCrm;
import io.ringostat.amo.core.spi.Credentials;
import io.ringostat.amo.core.spi.CrmException;
import io.ringostat.amo.core.spi.GatewayMetrics;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The {@link AmoCrm} port the engine is given in the transport tests: it passes every call to the
 * gateway and records it, with the server's request mark before and after and the {@link
 * CrmException} it ended with. Lets a test see what the engine asked of the port (which port
 * method a request belongs to, what the gateway threw) without reaching into the engine.
 */
final class PortRecorder implements AmoCrm {
  /** One port call: {@code [markBefore, markAfter)} are the server's requests it made. */
  record Call(String method, int markBefore, int markAfter, long gatewayRequestsAfter,
      Optional<CrmException> error) {}

  private final AmoCrm delegate;
  private final IntSupplier mark;
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  /**
   * @param mark the number of requests the server has received so far
   */
  PortRecorder(AmoCrm delegate, IntSupplier mark) {
    this.delegate = delegate;
    this.mark = mark;
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Calls of {@code method}, in order. */
  List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).toList();
  }

  /** The exceptions the port threw, in order. */
  List<CrmException> errors() {
    return calls.stream().flatMap(c -> c.error().stream()).toList();
  }

  void clear() {
    calls.clear();
  }

  private <T> T call(String method, Supplier<T> body) {
    int before = mark.getAsInt();
    try {
      T result = body.get();
      calls.add(new Call(method, before, mark.getAsInt(), delegate.metrics().requests(),
          Optional.empty()));
      return result;
    } catch (CrmException e) {
      calls.add(new Call(method, before, mark.getAsInt(), delegate.metrics().requests(),
          Optional.of(e)));
      throw e;
    }
  }

  private void run(String method, Runnable body) {
    call(method, () -> {
      body.run();
      return null;
    });
  }

  @Override
  public CrmView lookup(PhoneNumber phone, Set<Include> include) {
    return call("lookup", () -> delegate.lookup(phone, include));
  }

  @Override
  public AccountCatalog catalog(boolean refresh) {
    return call("catalog", () -> delegate.catalog(refresh));
  }

  @Override
  public void probe() {
    run("probe", delegate::probe);
  }

  @Override
  public ComplexIds createComplex(Effect.CreateContact contact, Effect.CreateDeal deal) {
    return call("createComplex", () -> delegate.createComplex(contact, deal));
  }

  @Override
  public List<Long> createContacts(List<Effect.CreateContact> contacts) {
    return call("createContacts", () -> delegate.createContacts(contacts));
  }

  @Override
  public long createDeal(Effect.CreateDeal deal, Optional<Long> contactId) {
    return call("createDeal", () -> delegate.createDeal(deal, contactId));
  }

  @Override
  public UnsortedIds createUnsorted(Effect.CreateUnsorted request) {
    return call("createUnsorted", () -> delegate.createUnsorted(request));
  }

  @Override
  public List<Long> createNotes(EntityType entityType, List<NoteRequest> notes) {
    return call("createNotes", () -> delegate.createNotes(entityType, notes));
  }

  @Override
  public void updateNotes(EntityType entityType, List<NoteUpdate> updates) {
    run("updateNotes", () -> delegate.updateNotes(entityType, updates));
  }

  @Override
  public List<Long> createTasks(List<TaskRequest> tasks) {
    return call("createTasks", () -> delegate.createTasks(tasks));
  }

  @Override
  public void updateFields(Effect.UpdateFields update, long entityId) {
    run("updateFields", () -> delegate.updateFields(update, entityId));
  }

  @Override
  public void completeTasks(List<Effect.CompleteTask> completions) {
    run("completeTasks", () -> delegate.completeTasks(completions));
  }

  @Override
  public void notifyIncomingCall(Effect.NotifyIncomingCall notification) {
    run("notifyIncomingCall", () -> delegate.notifyIncomingCall(notification));
  }

  @Override
  public Optional<FoundContact> findContact(PhoneNumber phone, String contactName,
      Optional<String> dealName) {
    return call("findContact", () -> delegate.findContact(phone, contactName, dealName));
  }

  @Override
  public Optional<Long> findDeal(long contactId, String dealName) {
    return call("findDeal", () -> delegate.findDeal(contactId, dealName));
  }

  @Override
  public Optional<UnsortedIds> findUnsorted(String uniq) {
    return call("findUnsorted", () -> delegate.findUnsorted(uniq));
  }

  @Override
  public Set<String> noteUniqs(EntityType entityType, long entityId, CallDirection direction) {
    return call("noteUniqs", () -> delegate.noteUniqs(entityType, entityId, direction));
  }

  @Override
  public List<ExistingTask> findTasks(Optional<EntityType> entityType, Set<Long> entityIds,
      long responsibleUserId) {
    return call("findTasks", () -> delegate.findTasks(entityType, entityIds, responsibleUserId));
  }

  @Override
  public void useCredentials(Credentials credentials) {
    delegate.useCredentials(credentials);
  }

  @Override
  public GatewayMetrics metrics() {
    return delegate.metrics();
  }
}
