package io.ringostat.amo.core.spi;

import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EntityType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The port to amoCRM: the fine-grained requests the engine's step handlers carry a plan out with,
 * and the reads they reconcile lost answers with. {@code ringostat-amo-okhttp} implements it over
 * REST API v4; a host's tests may implement it in memory. Exactly-once delivery (R-ONCE) lives in
 * the engine, not here: an implementation only speaks amoCRM.
 *
 * <p><b>Contract.</b> Implementations are thread-safe, honour the account's rate limit across all
 * callers, retry transient failures of reads and idempotent writes themselves, and signal what
 * remains with a {@link CrmException} whose {@link CrmException#kind() kind} says what happened:
 *
 * <ul>
 *   <li>{@code OUTCOME_UNKNOWN}: a create was sent and no answer came; it may have acted. The
 *       engine checks with the {@code find*} methods before sending it again.
 *   <li>{@code INVALID_RESPONSE} from a create: amoCRM answered 2xx (it acted) but the answer
 *       cannot be read. The engine finds the ids with the {@code find*} methods and never sends it
 *       again. From a read: the answer cannot be trusted (for example a 200 without {@code
 *       _embedded}); the engine retries later, it never reads it as "nothing found".
 *   <li>{@code REJECTED}: amoCRM refused the request as it is; for a batch, {@link
 *       CrmException#rejectedKeys()} names the refused items by effect key when amoCRM says.
 *   <li>{@code AUTHENTICATION}, {@code ACCOUNT_BLOCKED}: stop calling amoCRM.
 *   <li>{@code TRANSIENT}, {@code RATE_LIMITED}: surely not acted; try again later.
 * </ul>
 *
 * <p>Ids in answers are positive; an implementation reports a zero or negative id as {@code
 * INVALID_RESPONSE}. Every method returns within a bounded time.
 */
public interface AmoCrm {
  /** Extra data a lookup may fetch, at the cost of more requests. */
  enum Include {
    /** Company names and responsible users (the caller card). */
    COMPANIES,
    /** Pending unsorted requests for the phone (routing with UNSORTED priority). */
    UNSORTED
  }

  // --- reads ------------------------------------------------------------------------------

  /**
   * What amoCRM holds for {@code phone}: contacts whose PHONE matches after normalization, their
   * deals with status (open or closed), and what {@code include} asks for. Nothing found is an
   * empty view, not an error.
   */
  CrmView lookup(PhoneNumber phone, Set<Include> include);

  /**
   * The account's time zone, users, pipelines and custom fields; loaded once and cached.
   *
   * @param refresh reload from the CRM instead of returning the cached copy
   */
  AccountCatalog catalog(boolean refresh);

  /** Checks that the credentials work with one cheap request. */
  void probe();

  // --- creates ----------------------------------------------------------------------------

  /**
   * Creates a new client's contact and deal in one request (amoCRM's {@code leads/complex}); the
   * deal's {@code contact} is the contact created here.
   */
  ComplexIds createComplex(Effect.CreateContact contact, Effect.CreateDeal deal);

  /** Creates contacts in one request; returns their ids in the order given. */
  List<Long> createContacts(List<Effect.CreateContact> contacts);

  /** Creates a deal, linked to {@code contactId} when present; returns its id. */
  long createDeal(Effect.CreateDeal deal, Optional<Long> contactId);

  /** Creates an unsorted (SIP) request; returns the ids of its deal and contact. */
  UnsortedIds createUnsorted(Effect.CreateUnsorted request);

  /**
   * Adds call records to entities of {@code entityType} in one request; returns the created notes'
   * ids in the order of {@code notes} (the engine journals them, so that news about the call edits
   * its record with one request, R-LIFE).
   */
  List<Long> createNotes(EntityType entityType, List<NoteRequest> notes);

  /**
   * Creates tasks in one request; returns their ids in the order of {@code tasks} (the engine
   * journals them, so that the decision knows the SDK's open call-back tasks, R-LIFE).
   */
  List<Long> createTasks(List<TaskRequest> tasks);

  // --- idempotent writes --------------------------------------------------------------------

  /** Writes tracking data into the custom fields and tags of entity {@code entityId}. */
  void updateFields(Effect.UpdateFields update, long entityId);

  /**
   * Edits call records on entities of {@code entityType} in one request ({@code PATCH
   * /api/v4/{entity}/notes} with a list body): each note is made to say its update's call
   * (R-LIFE). Idempotent: sending the same edit again changes nothing a user sees.
   */
  void updateNotes(EntityType entityType, List<NoteUpdate> updates);

  /** Shows amoCRM's incoming-call popup. Harmless to repeat, useless late. */
  void notifyIncomingCall(Effect.NotifyIncomingCall notification);

  /**
   * Completes tasks with their result texts, in one request (R-LIFE: an answered call completes
   * the client's open call-back task). Idempotent: completing a completed task again changes
   * nothing a user sees.
   */
  void completeTasks(List<Effect.CompleteTask> completions);

  // --- reads that find what a lost create may have made -----------------------------------

  /**
   * The contact a lost create for {@code phone} may have made (a contact whose PHONE matches;
   * among several, the one named {@code contactName}, then the newest) and, when {@code dealName}
   * is present, the open deal of that name linked to it.
   */
  Optional<FoundContact> findContact(PhoneNumber phone, String contactName,
      Optional<String> dealName);

  /** The newest open deal named {@code dealName} linked to contact {@code contactId}. */
  Optional<Long> findDeal(long contactId, String dealName);

  /** The pending unsorted request whose {@code uniq} is {@code uniq}. */
  Optional<UnsortedIds> findUnsorted(String uniq);

  /** The {@code uniq} of every call record of {@code direction} on the entity. */
  Set<String> noteUniqs(EntityType entityType, long entityId, CallDirection direction);

  /**
   * The call records of {@code direction} on the entity by their {@code uniq}, with their note ids
   * where the port knows them (R-LIFE: a record found after a lost answer can still be edited by
   * a later update of its call). The default knows the uniqs only.
   */
  default Map<String, Optional<Long>> notesByUniq(EntityType entityType, long entityId,
      CallDirection direction) {
    Map<String, Optional<Long>> out = new LinkedHashMap<>();
    noteUniqs(entityType, entityId, direction).forEach(u -> out.put(u, Optional.empty()));
    return out;
  }

  /**
   * Tasks of {@code responsibleUserId} on the entities {@code entityIds} of {@code entityType},
   * or, when {@code entityType} is empty, all of that user's tasks.
   */
  List<ExistingTask> findTasks(Optional<EntityType> entityType, Set<Long> entityIds,
      long responsibleUserId);

  // --- credentials and counters -------------------------------------------------------------

  /**
   * Switches to new credentials (reactivation after a broken token, R-KEEP).
   *
   * @throws IllegalArgumentException if this implementation does not support that kind
   */
  void useCredentials(Credentials credentials);

  /** Counters since start. */
  default GatewayMetrics metrics() {
    return GatewayMetrics.ZERO;
  }

  // --- values -------------------------------------------------------------------------------

  /** The ids of a contact and deal created together. */
  record ComplexIds(long contactId, long dealId) {}

  /** The ids of an unsorted request's deal and (when amoCRM says) contact. */
  record UnsortedIds(long dealId, Optional<Long> contactId) {}

  /** A contact found after a lost create, and the deal found with it. */
  record FoundContact(long contactId, Optional<Long> dealId) {}

  /** A call record to add to entity {@code entityId}. */
  record NoteRequest(Effect.RecordCall call, long entityId) {}

  /**
   * An edit of call record {@code noteId} on entity {@code entityId}: the note's call parameters
   * become {@code call}'s (duration, link, status, result, responsible).
   */
  record NoteUpdate(long noteId, long entityId, Effect.RecordCall call) {}

  /** A task to create, on entity {@code entityId} of the task's target type when present. */
  record TaskRequest(Effect.CreateTask task, Optional<Long> entityId) {}

  /** A task as amoCRM holds it. */
  record ExistingTask(long id, Optional<EntityType> entityType, Optional<Long> entityId,
      long responsibleUserId, String text, long completeTillEpochSecond, boolean completed) {}
}
