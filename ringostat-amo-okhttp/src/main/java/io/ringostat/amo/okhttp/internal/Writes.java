package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.spi.AmoCrm.ComplexIds;
import io.ringostat.amo.core.spi.AmoCrm;
import io.ringostat.amo.core.spi.AmoCrm.NoteRequest;
import io.ringostat.amo.core.spi.AmoCrm.TaskRequest;
import io.ringostat.amo.core.spi.AmoCrm.UnsortedIds;
import io.ringostat.amo.okhttp.internal.wire.ComplexResultDto;
import io.ringostat.amo.okhttp.internal.wire.CreatedDto;
import io.ringostat.amo.okhttp.internal.wire.UnsortedDto;
import io.ringostat.amo.okhttp.AmoRateLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The writes of the port and how their answers are read. The batch endpoints go through a {@link
 * Lane} each, so that the writes of concurrent callers (engine workers delivering different
 * phones) share a request under a backlog (R-BATCH): {@code leads/complex}, notes per entity type,
 * contacts on their own, tasks, task completions and field patches per entity type. The others
 * are one request each. Ids in an answer must be positive; a 2xx answer whose ids cannot be read
 * is {@code INVALID_RESPONSE} (amoCRM acted). Batch items carry {@code request_id} = the effect
 * key ({@link Payloads}), which maps answers (and validation errors) back to effects.
 * Exactly-once is the engine's: nothing here sends a create twice after it may have reached
 * amoCRM. Thread-safe.
 */
public final class Writes {
  /** amoCRM's advice for batch sizes, enforced as a cap by the emulator (reference §2.2). */
  public static final int MAX_BATCH = 50;

  /** A new client's contact and deal, one item of {@code leads/complex}. */
  public record Complex(Effect.CreateContact contact, Effect.CreateDeal deal) {}

  private final Channel http;
  private final Json json;
  private final Payloads payloads;
  private final Lane<Complex, ComplexIds> complex;
  private final Lane<Effect.CreateContact, Long> contacts;
  private final Map<EntityType, Lane<NoteRequest, Long>> notes = new EnumMap<>(EntityType.class);
  private final Lane<TaskRequest, Long> tasks;
  private final Lane<Effect.CompleteTask, Long> completions;
  private final Map<EntityType, Lane<Payloads.Patch, Long>> patches = new EnumMap<>(EntityType.class);

  /**
   * @param limiter the account's limiter: a lane's leader takes its permit before forming a batch
   * @param maxWait how long a lane's leader waits for a permit at most
   */
  public Writes(Channel http, Json json, Payloads payloads, AmoRateLimiter limiter,
      Duration maxWait) {
    this.http = http;
    this.json = json;
    this.payloads = payloads;
    this.complex = new Lane<>("POST /api/v4/leads/complex", MAX_BATCH, limiter, maxWait,
        c -> c.deal().key().value(),
        c -> Set.of(c.contact().key().value(), c.deal().key().value()), this::sendComplex);
    this.contacts = new Lane<>("POST /api/v4/contacts", MAX_BATCH, limiter, maxWait,
        c -> c.key().value(), c -> Set.of(c.key().value()), this::sendContacts);
    for (EntityType type : EntityType.values()) {
      String path = "/api/v4/" + Payloads.path(type) + "/notes";
      notes.put(type, new Lane<>("POST " + path, MAX_BATCH, limiter, maxWait,
          n -> n.call().key().value(), n -> Set.of(n.call().key().value()),
          items -> sendNotes(path, items)));
      String patchPath = "/api/v4/" + Payloads.path(type);
      patches.put(type, new Lane<>("PATCH " + patchPath, MAX_BATCH, limiter, maxWait,
          p -> p.update().key().value(), p -> Set.of(p.update().key().value()),
          items -> sendPatches(patchPath, items)));
    }
    this.tasks = new Lane<>("POST /api/v4/tasks", MAX_BATCH, limiter, maxWait,
        t -> t.task().key().value(), t -> Set.of(t.task().key().value()), this::sendTasks);
    this.completions = new Lane<>("PATCH /api/v4/tasks", MAX_BATCH, limiter, maxWait,
        c -> c.key().value(), c -> Set.of(c.key().value()), this::sendCompletions);
  }

  /** {@code POST /api/v4/leads/complex}, batched with other callers' new clients. */
  public ComplexIds complex(Effect.CreateContact contact, Effect.CreateDeal deal) {
    return complex.submit(List.of(new Complex(contact, deal))).get(0);
  }

  /** One {@code leads/complex} request: a plain JSON array of {id, contact_id, request_id}. */
  private List<ComplexIds> sendComplex(List<Complex> items) {
    ApiCall call = create("/api/v4/leads/complex", payloads.complex(items));
    List<ComplexResultDto> answer = json.readList(http.send(call).body(), ComplexResultDto.class,
        call.endpoint());
    List<ComplexIds> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String key = items.get(i).deal().key().value();
      int index = i;
      ComplexResultDto item = answer.stream()
          .filter(a -> a.requestId() != null && a.requestId().contains(key)).findFirst()
          .orElse(answer.size() == items.size() ? answer.get(index) : null);
      if (item == null) {
        throw Json.invalid(call.endpoint(), "the answer names no created lead for item " + i,
            null);
      }
      out.add(new ComplexIds(positive(item.contactId(), call, "contact_id"),
          positive(item.id(), call, "id")));
    }
    return out;
  }

  /**
   * {@code POST /api/v4/contacts}, batched with other callers' new contacts: ids in the order of
   * {@code contacts}.
   */
  public List<Long> contacts(List<Effect.CreateContact> contacts) {
    return this.contacts.submit(contacts);
  }

  private List<Long> sendContacts(List<Effect.CreateContact> items) {
    ApiCall call = create("/api/v4/contacts", payloads.contacts(items));
    return ids(items, call, "contacts");
  }

  /** {@code POST /api/v4/leads}, linked to {@code contactId} when present. */
  public long deal(Effect.CreateDeal deal, Optional<Long> contactId) {
    ApiCall call = create("/api/v4/leads", payloads.leads(deal, contactId));
    return ids(List.of(deal), call, "leads").get(0);
  }

  /** {@code POST /api/v4/leads/unsorted/sip}. */
  public UnsortedIds unsorted(Effect.CreateUnsorted request) {
    ApiCall call = create("/api/v4/leads/unsorted/sip", payloads.unsorted(request));
    List<UnsortedDto> items = json.read(http.send(call).body(), UnsortedDto.Page.class,
        call.endpoint()).items();
    UnsortedDto item = items.stream().filter(i -> request.key().value().equals(i.requestId()))
        .findFirst().orElse(items.size() == 1 ? items.get(0) : null);
    if (item == null) {
      throw Json.invalid(call.endpoint(), "the answer names no unsorted request", null);
    }
    long deal = positive(item.leadId(), call, "the unsorted lead id");
    Optional<Long> contact = item.contactId() == null ? Optional.empty()
        : Optional.of(positive(item.contactId(), call, "the unsorted contact id"));
    return new UnsortedIds(deal, contact);
  }

  /**
   * {@code POST /api/v4/{leads|contacts}/notes}, batched with other callers' notes on entities of
   * the same type: note ids in the order of {@code notes}; nothing is sent for none.
   */
  public List<Long> notes(EntityType entityType, List<NoteRequest> notes) {
    return this.notes.get(entityType).submit(notes);

  }

  /**
   * {@code PATCH /api/v4/{leads|contacts}/notes} (batch, by id): sending the same edit again
   * changes nothing, so it is retried like a read; nothing is sent for none.
   */
  public void noteUpdates(EntityType entityType, List<AmoCrm.NoteUpdate> updates) {
    if (!updates.isEmpty()) {
      http.send(ApiCall.patch("/api/v4/" + Payloads.path(entityType) + "/notes",
          payloads.noteUpdates(updates)).build());
    }
  }

  private List<Long> sendNotes(String path, List<NoteRequest> items) {
    ApiCall call = create(path, payloads.notes(items));
    return ids(items.stream().map(NoteRequest::call).toList(), call, "notes");
  }

  /**
   * {@code POST /api/v4/tasks}, batched with other callers' tasks: ids in the order of {@code
   * tasks}; nothing is sent for none.
   */
  public List<Long> tasks(List<TaskRequest> tasks) {
    return this.tasks.submit(tasks);
  }

  private List<Long> sendTasks(List<TaskRequest> items) {
    ApiCall call = create("/api/v4/tasks", payloads.tasks(items));
    return ids(items.stream().map(TaskRequest::task).toList(), call, "tasks");
  }

  /**
   * {@code PATCH /api/v4/{type}} with the entity's id, batched with other callers' patches of the
   * same entity type: idempotent, retried like a read.
   */
  public void update(Effect.UpdateFields update, long entityId) {
    patches.get(update.target().type()).submit(List.of(new Payloads.Patch(update, entityId)));
  }

  private List<Long> sendPatches(String path, List<Payloads.Patch> items) {
    ApiCall call = ApiCall.patch(path, payloads.patches(items)).build();
    return updated(items.size(), call);
  }

  /**
   * {@code PATCH /api/v4/tasks} (by id), batched with other callers' completions: completing
   * again changes nothing; retried.
   */
  public void completeTasks(List<Effect.CompleteTask> completions) {
    this.completions.submit(completions);
  }

  private List<Long> sendCompletions(List<Effect.CompleteTask> items) {
    ApiCall call = ApiCall.patch("/api/v4/tasks", payloads.completions(items)).build();
    return updated(items.size(), call);
  }

  /** {@code POST /api/v2/events}: harmless to repeat, retried like a read. */
  public void notifyIncomingCall(Effect.NotifyIncomingCall n) {
    http.send(ApiCall.post("/api/v2/events", payloads.event(n), ApiCall.Mode.IDEMPOTENT)
        .build());
  }

  private static ApiCall create(String path, byte[] body) {
    return ApiCall.post(path, body, ApiCall.Mode.CREATE).build();
  }

  /**
   * A batch patch's answer: a 2xx is all that counts (the patch is idempotent); one placeholder
   * result per item for the lane.
   */
  private List<Long> updated(int count, ApiCall call) {
    http.send(call);
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(0L);
    }
    return out;
  }

  /** The ids of a batch create's answer, matched by request_id, else by position. */
  private List<Long> ids(List<? extends Effect> effects, ApiCall call, String entity) {
    List<CreatedDto> items = json.read(http.send(call).body(), CreatedDto.Page.class,
        call.endpoint()).items(entity);
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < effects.size(); i++) {
      String key = effects.get(i).key().value();
      int index = i;
      Long id = items.stream().filter(it -> key.equals(it.requestId())).map(CreatedDto::id)
          .findFirst()
          .orElse(items.size() == effects.size() ? items.get(index).id() : null);
      out.add(positive(id, call, "the id of item " + i));
    }
    return out;
  }

  private static long positive(Long id, ApiCall call, String what) {
    if (id == null) {
      throw Json.invalid(call.endpoint(), "the answer lacks " + what, null);
    }
    if (id <= 0) {
      throw Json.invalid(call.endpoint(), what + " is not a positive id (" + id + ")", null);
    }
    return id;
  }
}
