package io.ringostat.amo.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Tasks: batch add, list with filters, get, patch one or a batch by id (reference §10). */
final class TasksApi {
  private static final Set<String> ENTITY_TYPES =
      Set.of("leads", "contacts", "companies", "customers");

  private final Env env;
  private final Render render;
  private final EntityParser parser;

  TasksApi(Env env, Render render, EntityParser parser) {
    this.env = env;
    this.render = render;
    this.parser = parser;
  }

  void register(Router router) {
    router.add("POST", "/api/v4/tasks", (r, m) -> add(r, m.actor()));
    router.add("GET", "/api/v4/tasks", (r, m) -> list(r));
    router.add("GET", "/api/v4/tasks/(\\d+)", (r, m) -> get(m.id(1)));
    router.add("PATCH", "/api/v4/tasks", (r, m) -> patchMany(r, m.actor()));
    router.add("PATCH", "/api/v4/tasks/(\\d+)", (r, m) -> patch(r, m.id(1), m.actor()));
  }

  /** A parsed task; null fields were absent. */
  private static final class Draft {
    String requestId;
    String text;
    Long completeTill;
    Long responsible;
    String entityType;
    Long entityId;
    Long taskTypeId;
    Long duration;
    Boolean completed;
    String resultText;
    Long createdBy;
    Long createdAt;
  }

  private Draft parse(JsonNode item, Validation.Item v, boolean patch) {
    Draft d = new Draft();
    d.text = patch ? parser.text(item, "text", v, "") : parser.requiredText(item, "text", v, "");
    if (patch && d.text != null && d.text.isBlank()) {
      v.notBlank("text");
    }
    d.completeTill = parser.integer(item, "complete_till", v, "");
    if (!patch && d.completeTill == null && !item.hasNonNull("complete_till")) {
      v.notBlank("complete_till");
    }
    d.responsible = parser.user(item, "responsible_user_id", v, "", false);
    d.entityType = parser.text(item, "entity_type", v, "");
    d.entityId = parser.integer(item, "entity_id", v, "");
    if (d.entityType != null && !ENTITY_TYPES.contains(d.entityType)) {
      v.notSupportedChoice("entity_type");
    } else if (d.entityId != null && d.entityType == null) {
      v.notBlank("entity_type");
    } else if (d.entityType != null && d.entityId == null) {
      v.notBlank("entity_id");
    } else if (d.entityId != null && env.store.entity(d.entityType, d.entityId).isEmpty()) {
      v.notSupportedChoice("entity_id");
    }
    d.taskTypeId = parser.integer(item, "task_type_id", v, "");
    if (d.taskTypeId != null && !env.taskTypes.containsKey(d.taskTypeId.intValue())) {
      v.notSupportedChoice("task_type_id");
    }
    d.duration = parser.integer(item, "duration", v, "");
    d.completed = parser.bool(item, "is_completed", v, "");
    JsonNode result = item.get("result");
    if (result != null && result.isObject()) {
      d.resultText = parser.text(result, "text", v, "result");
    }
    d.createdBy = parser.user(item, "created_by", v, "", true);
    d.createdAt = parser.integer(item, "created_at", v, "");
    return d;
  }

  /**
   * Adds tasks: {@code text} and {@code complete_till} are required; the responsible defaults to
   * the token's user; {@code task_type_id} defaults to 1 ("call"; the default is unconfirmed,
   * reference §10); a past {@code complete_till} is accepted.
   */
  ApiResponse add(ApiRequest r, long actor) {
    List<JsonNode> items = EntityParser.batch(r.json(), 50);
    Validation v = new Validation();
    List<Draft> drafts = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String rid = EntityParser.requestId(item, i);
      Validation.Item vi = v.item(rid);
      if (EntityParser.isObject(item, vi, "")) {
        Draft d = parse(item, vi, false);
        d.requestId = rid;
        drafts.add(d);
      }
    }
    v.throwIfAny();
    long now = env.now();
    ObjectNode o = Json.object();
    o.set("_links", env.selfLink("/api/v4/tasks"));
    ArrayNode out = o.putObject("_embedded").putArray("tasks");
    for (Draft d : drafts) {
      TaskEntity t = env.store.newTask();
      t.createdBy = d.createdBy != null ? d.createdBy : actor;
      t.updatedBy = t.createdBy;
      t.createdAt = d.createdAt != null ? d.createdAt : now;
      t.updatedAt = t.createdAt;
      apply(t, d);
      if (d.responsible == null) {
        t.responsibleUserId = actor;
      }
      out.addObject()
          .put("id", t.id)
          .put("request_id", d.requestId)
          .set("_links", env.selfLink("/api/v4/tasks/" + t.id));
    }
    return ApiResponse.hal(o);
  }

  private static void apply(TaskEntity t, Draft d) {
    if (d.text != null) {
      t.text = d.text;
    }
    if (d.completeTill != null) {
      t.completeTill = d.completeTill;
    }
    if (d.responsible != null) {
      t.responsibleUserId = d.responsible;
    }
    if (d.entityType != null) {
      t.entityType = d.entityType;
      t.entityId = d.entityId;
    }
    if (d.taskTypeId != null) {
      t.taskTypeId = d.taskTypeId;
    }
    if (d.duration != null) {
      t.duration = d.duration;
    }
    if (d.completed != null) {
      t.completed = d.completed;
    }
    if (d.resultText != null) {
      t.resultText = d.resultText;
    }
  }

  /**
   * Tasks by {@code filter[responsible_user_id]}, {@code filter[is_completed]} (1/0), {@code
   * filter[entity_type]}, {@code filter[entity_id]}, {@code filter[task_type]}, {@code filter[id]};
   * 204 when none.
   */
  ApiResponse list(ApiRequest r) {
    List<Long> responsible = r.longList("filter[responsible_user_id]");
    List<String> types = r.paramList("filter[entity_type]");
    List<Long> entityIds = r.longList("filter[entity_id]");
    List<Long> taskTypes = r.longList("filter[task_type]");
    List<Long> ids = r.longList("filter[id]");
    Boolean completed =
        r.param("filter[is_completed]")
            .map(s -> s.equals("1") || s.equalsIgnoreCase("true"))
            .orElse(null);
    List<TaskEntity> found =
        env.store.tasks.values().stream()
            .filter(t -> responsible.isEmpty() || responsible.contains(t.responsibleUserId))
            .filter(t -> types.isEmpty() || types.contains(t.entityType))
            .filter(
                t -> entityIds.isEmpty() || (t.entityId != null && entityIds.contains(t.entityId)))
            .filter(t -> taskTypes.isEmpty() || taskTypes.contains(t.taskTypeId))
            .filter(t -> ids.isEmpty() || ids.contains(t.id))
            .filter(t -> completed == null || t.completed == completed)
            .toList();
    return Paging.of(r, found, 250).reply(env, r, "tasks", render::task, false);
  }

  ApiResponse get(long id) {
    TaskEntity t = env.store.tasks.get(id);
    return t == null ? ApiResponse.noContent() : ApiResponse.hal(render.task(t));
  }

  /**
   * {@code PATCH /api/v4/tasks}: a batch of patches, each naming its task by {@code id}, e.g.
   * {@code [{"id":…,"is_completed":true,"result":{"text":"…"}}]}; all or nothing.
   */
  ApiResponse patchMany(ApiRequest r, long actor) {
    List<JsonNode> items = EntityParser.batch(r.json(), 50);
    Validation v = new Validation();
    List<TaskEntity> targets = new ArrayList<>();
    List<Draft> drafts = new ArrayList<>();
    List<String> requestIds = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String rid = EntityParser.requestId(item, i);
      Validation.Item vi = v.item(rid);
      requestIds.add(rid);
      Long id = item.isObject() ? parser.integer(item, "id", vi, "") : null;
      TaskEntity t = id == null ? null : env.store.tasks.get(id);
      if (t == null) {
        vi.notSupportedChoice("id");
      }
      targets.add(t);
      drafts.add(EntityParser.isObject(item, vi, "") ? parse(item, vi, true) : null);
    }
    v.throwIfAny();
    long now = env.now();
    ObjectNode o = Json.object();
    o.set("_links", env.selfLink("/api/v4/tasks"));
    ArrayNode out = o.putObject("_embedded").putArray("tasks");
    for (int i = 0; i < targets.size(); i++) {
      TaskEntity t = targets.get(i);
      apply(t, drafts.get(i));
      t.updatedBy = actor;
      t.updatedAt = now;
      out.addObject()
          .put("id", t.id)
          .put("updated_at", t.updatedAt)
          .put("request_id", requestIds.get(i))
          .set("_links", env.selfLink("/api/v4/tasks/" + t.id));
    }
    return ApiResponse.hal(o);
  }

  /** {@code PATCH /api/v4/tasks/{id}}, e.g. {@code {"is_completed":true,"result":{"text":"…"}}}. */
  ApiResponse patch(ApiRequest r, long id, long actor) {
    JsonNode body = r.json();
    TaskEntity t = env.store.tasks.get(id);
    if (t == null) {
      return Problems.notFound("Task not found");
    }
    Validation v = new Validation();
    Draft d = EntityParser.isObject(body, v.item("0"), "") ? parse(body, v.item("0"), true) : null;
    v.throwIfAny();
    apply(t, d);
    t.updatedBy = actor;
    t.updatedAt = env.now();
    return ApiResponse.hal(render.patched("/api/v4/tasks/", t.id, t.updatedAt));
  }
}
