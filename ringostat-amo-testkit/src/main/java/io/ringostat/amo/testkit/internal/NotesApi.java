package io.ringostat.amo.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Notes on leads, contacts and companies: batch add and list (reference §9). */
final class NotesApi {
  static final Set<String> NOTE_TYPES =
      Set.of(
          "common",
          "call_in",
          "call_out",
          "service_message",
          "extended_service_message",
          "message_cashier",
          "geolocation",
          "sms_in",
          "sms_out",
          "attachment");
  private static final String TYPES = "(leads|contacts|companies)";

  private final Env env;
  private final Render render;
  private final EntityParser parser;

  NotesApi(Env env, Render render, EntityParser parser) {
    this.env = env;
    this.render = render;
    this.parser = parser;
  }

  void register(Router router) {
    router.add(
        "POST", "/api/v4/" + TYPES + "/notes", (r, m) -> add(r, m.group(1), null, m.actor()));
    router.add(
        "POST",
        "/api/v4/" + TYPES + "/(\\d+)/notes",
        (r, m) -> add(r, m.group(1), m.id(2), m.actor()));
    router.add("PATCH", "/api/v4/" + TYPES + "/notes", (r, m) -> edit(r, m.group(1), m.actor()));
    router.add("GET", "/api/v4/" + TYPES + "/notes", (r, m) -> list(r, m.group(1), null));
    router.add("GET", "/api/v4/" + TYPES + "/(\\d+)/notes", (r, m) -> list(r, m.group(1), m.id(2)));
  }

  private record Draft(
      String requestId,
      long entityId,
      String noteType,
      ObjectNode params,
      Long createdBy,
      Long responsible) {}

  /**
   * Adds notes. Each needs an existing entity (unknown → 400 NotSupportedChoice on {@code
   * entity_id}), a known {@code note_type} and its {@code params}: {@code text} for common; {@code
   * uniq}, {@code duration}, {@code source}, {@code phone} for call notes ({@code link}, {@code
   * call_responsible}, {@code call_status}, {@code call_result} optional). Params are kept as sent;
   * notes are never deduplicated.
   */
  ApiResponse add(ApiRequest r, String entityType, Long pathEntityId, long actor) {
    List<JsonNode> items = EntityParser.batch(r.json(), 50);
    Validation v = new Validation();
    List<Draft> drafts = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String rid = EntityParser.requestId(item, i);
      Validation.Item vi = v.item(rid);
      if (!EntityParser.isObject(item, vi, "")) {
        continue;
      }
      Long entityId =
          pathEntityId != null ? pathEntityId : parser.integer(item, "entity_id", vi, "");
      if (entityId == null) {
        vi.notBlank("entity_id");
      } else if (env.store.entity(entityType, entityId).isEmpty()) {
        vi.notSupportedChoice("entity_id");
      }
      String type = parser.requiredText(item, "note_type", vi, "");
      if (type != null && !NOTE_TYPES.contains(type)) {
        vi.notSupportedChoice("note_type");
      }
      ObjectNode params = params(type, item.get("params"), vi);
      Long createdBy = parser.user(item, "created_by", vi, "", true);
      Long responsible = parser.user(item, "responsible_user_id", vi, "", false);
      drafts.add(
          new Draft(rid, entityId == null ? 0 : entityId, type, params, createdBy, responsible));
    }
    v.throwIfAny();
    long now = env.now();
    ObjectNode o = Json.object();
    o.set("_links", env.selfLink("/api/v4/" + entityType + "/notes"));
    ArrayNode out = o.putObject("_embedded").putArray("notes");
    for (Draft d : drafts) {
      NoteEntity n =
          create(
              entityType,
              d.entityId(),
              d.noteType(),
              d.params(),
              d.createdBy() != null ? d.createdBy() : actor,
              d.responsible() != null ? d.responsible() : actor,
              now);
      out.addObject()
          .put("id", n.id)
          .put("entity_id", n.entityId)
          .put("request_id", d.requestId())
          .set(
              "_links",
              env.selfLink("/api/v4/" + entityType + "/" + n.entityId + "/notes/" + n.id));
    }
    return ApiResponse.hal(o);
  }

  /**
   * Edits notes (R-LIFE): a list of {@code {"id", "entity_id"?, "note_type"?, "params"}}. Each id
   * must be a note of this entity type (and of {@code entity_id} when given); the note type cannot
   * change; {@code params} are validated as on add and replace the note's. All or nothing; the
   * answer lists {@code id}, {@code entity_id} and {@code updated_at}.
   */
  ApiResponse edit(ApiRequest r, String entityType, long actor) {
    List<JsonNode> items = EntityParser.batch(r.json(), 50);
    Validation v = new Validation();
    List<NoteEntity> notes = new ArrayList<>();
    List<ObjectNode> newParams = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      Validation.Item vi = v.item(EntityParser.requestId(item, i));
      if (!EntityParser.isObject(item, vi, "")) {
        continue;
      }
      Long id = parser.integer(item, "id", vi, "");
      NoteEntity n = id == null ? null : env.store.notes.get(id);
      if (id == null) {
        vi.notBlank("id");
        continue;
      }
      if (n == null || !n.entityType.equals(entityType)) {
        vi.notSupportedChoice("id");
        continue;
      }
      Long entityId = parser.integer(item, "entity_id", vi, "");
      if (entityId != null && entityId != n.entityId) {
        vi.notSupportedChoice("entity_id");
      }
      String type = parser.text(item, "note_type", vi, "");
      if (type != null && !type.equals(n.noteType)) {
        vi.notSupportedChoice("note_type");
      }
      notes.add(n);
      newParams.add(item.has("params") ? params(n.noteType, item.get("params"), vi) : n.params);
    }
    v.throwIfAny();
    long now = env.now();
    ObjectNode o = Json.object();
    o.set("_links", env.selfLink("/api/v4/" + entityType + "/notes"));
    ArrayNode out = o.putObject("_embedded").putArray("notes");
    for (int i = 0; i < notes.size(); i++) {
      NoteEntity n = notes.get(i);
      n.params = newParams.get(i);
      n.updatedBy = actor;
      n.updatedAt = now;
      n.edits++;
      out.addObject().put("id", n.id).put("entity_id", n.entityId).put("updated_at", n.updatedAt);
    }
    return ApiResponse.hal(o);
  }

  /** Stores a note; also used by {@code POST /api/v4/calls}. */
  NoteEntity create(
      String entityType,
      long entityId,
      String noteType,
      ObjectNode params,
      long createdBy,
      long responsible,
      long now) {
    NoteEntity n = new NoteEntity(env.store.nextNoteId(), entityType, entityId, noteType, params);
    n.createdBy = createdBy;
    n.updatedBy = createdBy;
    n.responsibleUserId = responsible;
    n.createdAt = now;
    n.updatedAt = now;
    env.store.notes.put(n.id, n);
    return n;
  }

  private ObjectNode params(String type, JsonNode params, Validation.Item v) {
    if (params == null || params.isNull()) {
      if (type != null && !type.equals("attachment") && !type.equals("geolocation")) {
        v.notBlank("params");
      }
      return Json.object();
    }
    if (!EntityParser.isObject(params, v, "params")) {
      return Json.object();
    }
    if ("common".equals(type)
        || "sms_in".equals(type)
        || "sms_out".equals(type)
        || "service_message".equals(type)) {
      parser.requiredText(params, "text", v, "params");
    } else if ("call_in".equals(type) || "call_out".equals(type)) {
      parser.requiredText(params, "uniq", v, "params");
      if (params.get("duration") == null || params.get("duration").isNull()) {
        v.notBlank("params.duration");
      } else {
        parser.integer(params, "duration", v, "params");
      }
      parser.requiredText(params, "source", v, "params");
      parser.requiredText(params, "phone", v, "params");
      parser.text(params, "link", v, "params");
      Long status = parser.integer(params, "call_status", v, "params");
      if (status != null && (status < 1 || status > 8)) {
        v.notSupportedChoice("params.call_status");
      }
    }
    return params.deepCopy();
  }

  /**
   * Notes of one entity or of a type, by {@code filter[note_type]}, {@code filter[entity_id]}; 204
   * when none.
   */
  ApiResponse list(ApiRequest r, String entityType, Long entityId) {
    List<String> types = r.paramList("filter[note_type]");
    List<Long> entityIds = entityId != null ? List.of(entityId) : r.longList("filter[entity_id]");
    List<Long> ids = r.longList("filter[id]");
    List<NoteEntity> found =
        env.store.notes.values().stream()
            .filter(n -> n.entityType.equals(entityType))
            .filter(n -> entityIds.isEmpty() || entityIds.contains(n.entityId))
            .filter(n -> types.isEmpty() || types.contains(n.noteType))
            .filter(n -> ids.isEmpty() || ids.contains(n.id))
            .toList();
    return Paging.of(r, found, 250).reply(env, r, "notes", render::note, false);
  }
}
