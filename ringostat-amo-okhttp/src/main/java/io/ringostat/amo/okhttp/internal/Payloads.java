package io.ringostat.amo.okhttp.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EntityRef;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.spi.AmoCrm;
import io.ringostat.amo.core.plan.FieldValue;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Request bodies, built as JSON trees so that their shape is explicit and matches the reference
 * (§5.2, §6.3, §6.4, §7.3, §9, §10, §12). Each batch item carries {@code request_id} = the effect
 * key, which amoCRM echoes (and does not store) so that answers map back to effects.
 */
public final class Payloads {
  private final Json json;

  public Payloads(Json json) {
    this.json = json;
  }

  /** {@code POST /api/v4/contacts}. */
  public byte[] contacts(List<Effect.CreateContact> contacts) {
    ArrayNode items = json.array();
    for (Effect.CreateContact c : contacts) {
      items.add(contactModel(c).put("request_id", c.key().value()));
    }
    return json.write(items);
  }

  /**
   * {@code POST /api/v4/leads/complex}: the deal with its new contact as a full model in {@code
   * _embedded.contacts[0]}.
   */
  public byte[] complex(Effect.CreateContact contact, Effect.CreateDeal deal) {
    return complex(List.of(new Writes.Complex(contact, deal)));
  }

  /** {@code POST /api/v4/leads/complex} with several new clients, one lead item each. */
  public byte[] complex(List<Writes.Complex> items) {
    ArrayNode out = json.array();
    for (Writes.Complex c : items) {
      ObjectNode lead = leadModel(c.deal());
      lead.put("request_id", c.deal().key().value());
      ObjectNode embedded = lead.withObjectProperty("_embedded");
      embedded.putArray("contacts").add(contactModel(c.contact()));
      out.add(lead);
    }
    return json.write(out);
  }

  /** {@code POST /api/v4/leads}, linked to an existing contact when {@code contactId} is set. */
  public byte[] leads(Effect.CreateDeal deal, Optional<Long> contactId) {
    ObjectNode lead = leadModel(deal);
    lead.put("request_id", deal.key().value());
    contactId.ifPresent(id -> lead.withObjectProperty("_embedded").putArray("contacts")
        .addObject().put("id", id).put("is_main", true));
    return json.write(json.array().add(lead));
  }

  /**
   * {@code POST /api/v4/leads/unsorted/sip}. The caller's number goes into the contact's PHONE
   * and into both metadata {@code from} and {@code phone}: amoCRM's two doc pages disagree on
   * which is the caller and a user saw them swap after acceptance (reference §7.3 warning).
   */
  public byte[] unsorted(Effect.CreateUnsorted u) {
    ObjectNode item = json.object();
    String source = u.source();
    item.put("source_uid", source).put("source_name", source);
    u.pipelineId().ifPresent(p -> item.put("pipeline_id", p));
    item.put("created_at", u.calledAt().getEpochSecond());
    item.put("request_id", u.key().value());
    ObjectNode meta = item.putObject("metadata");
    meta.put("uniq", u.callId()).put("from", u.phone().e164()).put("phone", u.phone().e164())
        .put("call_responsible", u.responsibleUserId())
        .put("called_at", u.calledAt().getEpochSecond())
        .put("duration", seconds(u.duration()));
    u.recordingUrl().ifPresent(l -> meta.put("link", l));
    // Whether service_code must match an installed widget is unconfirmed (reference §16.10): we
    // send the source name, as the official client sends its own code.
    meta.put("service_code", source).put("is_call_event_needed", true);
    ObjectNode embedded = item.putObject("_embedded");
    ObjectNode lead = embedded.putArray("leads").addObject();
    lead.put("name", u.dealName()).put("responsible_user_id", u.responsibleUserId());
    putFields(lead, u.fields(), Optional.empty());
    putTags(lead, u.tags());
    ObjectNode contact = embedded.putArray("contacts").addObject();
    contact.put("name", u.contactName()).put("responsible_user_id", u.responsibleUserId());
    putFields(contact, u.contactFields(), Optional.of(u.phone()));
    putTags(contact, u.contactTags());
    return json.write(json.array().add(item));
  }

  /** {@code POST /api/v4/{leads|contacts}/notes}: {@code call_in}/{@code call_out} notes. */
  public byte[] notes(List<AmoCrm.NoteRequest> notes) {
    ArrayNode items = json.array();
    for (AmoCrm.NoteRequest n : notes) {
      Effect.RecordCall r = n.call();
      ObjectNode item = items.addObject();
      item.put("entity_id", n.entityId()).put("note_type", noteType(r));
      r.authorUserId().ifPresent(a -> item.put("created_by", a));
      item.put("responsible_user_id", r.responsibleUserId());
      item.put("request_id", r.key().value());
      callParams(item.putObject("params"), r);
    }
    return json.write(items);
  }

  /**
   * {@code PATCH /api/v4/{leads|contacts}/notes}: {@code [{"id":…,"entity_id":…,"note_type":…,
   * "params":{…}}]}, every call parameter again (the note's params are replaced as a whole;
   * never {@code created_by}, which a PATCH may refuse, reference §15).
   */
  public byte[] noteUpdates(List<AmoCrm.NoteUpdate> updates) {
    ArrayNode items = json.array();
    for (AmoCrm.NoteUpdate u : updates) {
      ObjectNode item = items.addObject();
      item.put("id", u.noteId()).put("entity_id", u.entityId())
          .put("note_type", noteType(u.call()));
      callParams(item.putObject("params"), u.call());
    }
    return json.write(items);
  }

  private static void callParams(ObjectNode params, Effect.RecordCall r) {
    params.put("uniq", r.uniq()).put("duration", seconds(r.duration())).put("source", r.source());
    r.recordingUrl().ifPresent(l -> params.put("link", l));
    // call_status and call_result are not in the docs' params table but the official client
    // sends them (unconfirmed whether honoured, reference §16.6); harmless if ignored.
    params.put("phone", r.phone().e164())
        .put("call_responsible", r.authorUserId().orElse(r.responsibleUserId()))
        .put("call_status", r.status().code())
        .put("call_result", r.result());
  }

  /**
   * {@code POST /api/v4/tasks}. {@code task_type_id} is always sent (the default when omitted is
   * unconfirmed, reference §16.15).
   */
  public byte[] tasks(List<AmoCrm.TaskRequest> tasks) {
    ArrayNode items = json.array();
    for (AmoCrm.TaskRequest t : tasks) {
      Effect.CreateTask c = t.task();
      ObjectNode item = items.addObject();
      item.put("task_type_id", c.taskTypeId()).put("text", c.text())
          .put("complete_till", c.deadline().getEpochSecond());
      Optional<EntityType> type = c.target().map(EntityRef::type);
      if (t.entityId().isPresent() && type.isPresent()) {
        item.put("entity_id", t.entityId().get()).put("entity_type", path(type.get()));
      }
      item.put("responsible_user_id", c.assigneeUserId()).put("request_id", c.key().value());
    }
    return json.write(items);
  }

  /**
   * {@code PATCH /api/v4/tasks}: {@code [{"id":…,"is_completed":true,"result":{"text":"…"}}]}
   * (reference §10).
   */
  public byte[] completions(List<Effect.CompleteTask> completions) {
    ArrayNode items = json.array();
    for (Effect.CompleteTask c : completions) {
      items.addObject().put("id", c.taskId()).put("is_completed", true)
          .put("request_id", c.key().value())
          .putObject("result").put("text", c.resultText());
    }
    return json.write(items);
  }

  /** {@code PATCH /api/v4/{leads|contacts}/{id}}: only the changed fields and tags to add. */
  public byte[] patch(Effect.UpdateFields u) {
    ObjectNode body = json.object();
    putFields(body, u.fields(), Optional.empty());
    if (!u.tags().isEmpty()) {
      ArrayNode tags = body.putArray("tags_to_add");
      u.tags().forEach(t -> tags.addObject().put("name", t));
    }
    return json.write(body);
  }

  /** A field patch of entity {@code entityId}, one item of a batch patch. */
  public record Patch(Effect.UpdateFields update, long entityId) {}

  /**
   * {@code PATCH /api/v4/{leads|contacts}} (batch form): each item is {@link #patch}'s body with
   * the entity's {@code id} and the effect key as {@code request_id}.
   */
  public byte[] patches(List<Patch> patches) {
    ArrayNode items = json.array();
    for (Patch p : patches) {
      ObjectNode item = items.addObject();
      item.put("id", p.entityId()).put("request_id", p.update().key().value());
      putFields(item, p.update().fields(), Optional.empty());
      if (!p.update().tags().isEmpty()) {
        ArrayNode tags = item.putArray("tags_to_add");
        p.update().tags().forEach(t -> tags.addObject().put("name", t));
      }
    }
    return json.write(items);
  }

  /** {@code POST /api/v2/events}: the incoming-call popup. */
  public byte[] event(Effect.NotifyIncomingCall n) {
    ObjectNode body = json.object();
    ObjectNode e = body.putArray("add").addObject();
    e.put("type", "phone_call").put("phone_number", n.phone().e164());
    if (!n.userIds().isEmpty()) {
      ArrayNode users = e.putArray("users");
      n.userIds().forEach(users::add);
    }
    return json.write(body);
  }

  public static String noteType(Effect.RecordCall r) {
    return noteType(r.direction());
  }

  /** {@code call_in} or {@code call_out}. */
  public static String noteType(CallDirection direction) {
    return direction == CallDirection.INBOUND ? "call_in" : "call_out";
  }

  /** The v4 path segment of an entity type. */
  public static String path(EntityType type) {
    switch (type) {
      case CONTACT:
        return "contacts";
      case COMPANY:
        return "companies";
      case DEAL:
      default:
        return "leads";
    }
  }

  private ObjectNode contactModel(Effect.CreateContact c) {
    ObjectNode contact = json.object();
    contact.put("name", c.name()).put("responsible_user_id", c.responsibleUserId());
    putFields(contact, c.fields(), Optional.of(c.phone()));
    putTags(contact, c.tags());
    return contact;
  }

  private ObjectNode leadModel(Effect.CreateDeal d) {
    ObjectNode lead = json.object();
    lead.put("name", d.name());
    d.pipelineId().ifPresent(p -> lead.put("pipeline_id", p));
    d.statusId().ifPresent(s -> lead.put("status_id", s));
    lead.put("responsible_user_id", d.responsibleUserId());
    putFields(lead, d.fields(), Optional.empty());
    putTags(lead, d.tags());
    return lead;
  }

  /** {@code custom_fields_values}: PHONE first, then fields by id or code, values grouped. */
  private void putFields(ObjectNode target, List<FieldValue> fields, Optional<PhoneNumber> phone) {
    if (fields.isEmpty() && phone.isEmpty()) {
      return;
    }
    ArrayNode out = target.putArray("custom_fields_values");
    phone.ifPresent(p -> {
      ObjectNode f = out.addObject().put("field_code", "PHONE");
      f.putArray("values").addObject().put("value", p.e164()).put("enum_code", "WORK");
    });
    Map<String, ArrayNode> byField = new LinkedHashMap<>();
    for (FieldValue v : fields) {
      String key = v.fieldId().map(id -> "id:" + id).orElseGet(() -> "code:" + v.fieldCode().get());
      ArrayNode values = byField.computeIfAbsent(key, k -> {
        ObjectNode f = out.addObject();
        if (v.fieldId().isPresent()) {
          f.put("field_id", v.fieldId().get());
        } else {
          f.put("field_code", v.fieldCode().get());
        }
        return f.putArray("values");
      });
      values.addObject().put("value", v.value());
    }
  }

  private static void putTags(ObjectNode target, List<String> tags) {
    if (tags.isEmpty()) {
      return;
    }
    ArrayNode out = target.withObjectProperty("_embedded").putArray("tags");
    tags.forEach(t -> out.addObject().put("name", t));
  }

  private static long seconds(Duration d) {
    return Math.max(0, d.toSeconds());
  }
}
