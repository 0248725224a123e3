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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The writes of the port, one amoCRM request each, and how their answers are read. Ids in an
 * answer must be positive; a 2xx answer whose ids cannot be read is {@code INVALID_RESPONSE}
 * (amoCRM acted). Batch items carry {@code request_id} = the effect key ({@link Payloads}), which
 * maps answers (and validation errors) back to effects. Exactly-once is the engine's: nothing here
 * sends a create twice after it may have reached amoCRM. Thread-safe.
 */
public final class Writes {
  private final Channel http;
  private final Json json;
  private final Payloads payloads;

  public Writes(Channel http, Json json, Payloads payloads) {
    this.http = http;
    this.json = json;
    this.payloads = payloads;
  }

  /** {@code POST /api/v4/leads/complex}: a plain JSON array of {id, contact_id, request_id}. */
  public ComplexIds complex(Effect.CreateContact contact, Effect.CreateDeal deal) {
    ApiCall call = create("/api/v4/leads/complex", payloads.complex(contact, deal));
    List<ComplexResultDto> items = json.readList(http.send(call).body(), ComplexResultDto.class,
        call.endpoint());
    ComplexResultDto item = items.stream()
        .filter(i -> i.requestId() != null && i.requestId().contains(deal.key().value()))
        .findFirst().orElse(items.size() == 1 ? items.get(0) : null);
    if (item == null) {
      throw Json.invalid(call.endpoint(), "the answer names no created lead", null);
    }
    return new ComplexIds(positive(item.contactId(), call, "contact_id"),
        positive(item.id(), call, "id"));
  }

  /** {@code POST /api/v4/contacts}: ids in the order of {@code contacts}. */
  public List<Long> contacts(List<Effect.CreateContact> contacts) {
    ApiCall call = create("/api/v4/contacts", payloads.contacts(contacts));
    return ids(contacts, call, "contacts");
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
   * {@code POST /api/v4/{leads|contacts}/notes}: the note ids in the order of {@code notes}
   * (R-LIFE: an update of the call edits its note); nothing is sent for none.
   */
  public List<Long> notes(EntityType entityType, List<NoteRequest> notes) {
    if (notes.isEmpty()) {
      return List.of();
    }
    ApiCall call = create("/api/v4/" + Payloads.path(entityType) + "/notes",
        payloads.notes(notes));
    return ids(notes.stream().map(NoteRequest::call).toList(), call, "notes");
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

  /** {@code POST /api/v4/tasks}: ids in the order of {@code tasks}; nothing is sent for none. */
  public List<Long> tasks(List<TaskRequest> tasks) {
    if (tasks.isEmpty()) {
      return List.of();
    }
    ApiCall call = create("/api/v4/tasks", payloads.tasks(tasks));
    return ids(tasks.stream().map(TaskRequest::task).toList(), call, "tasks");
  }

  /** {@code PATCH /api/v4/{type}/{id}}: idempotent, retried like a read. */
  public void update(Effect.UpdateFields update, long entityId) {
    http.send(ApiCall.patch("/api/v4/" + Payloads.path(update.target().type()) + "/" + entityId,
        payloads.patch(update)).build());
  }

  /** {@code PATCH /api/v4/tasks} (batch, by id): completing again changes nothing; retried. */
  public void completeTasks(List<Effect.CompleteTask> completions) {
    if (!completions.isEmpty()) {
      http.send(ApiCall.patch("/api/v4/tasks", payloads.completions(completions)).build());
    }
  }

  /** {@code POST /api/v2/events}: harmless to repeat, retried like a read. */
  public void notifyIncomingCall(Effect.NotifyIncomingCall n) {
    http.send(ApiCall.post("/api/v2/events", payloads.event(n), ApiCall.Mode.IDEMPOTENT)
        .build());
  }

  private static ApiCall create(String path, byte[] body) {
    return ApiCall.post(path, body, ApiCall.Mode.CREATE).build();
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
