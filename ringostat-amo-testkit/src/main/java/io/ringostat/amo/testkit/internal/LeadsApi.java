package io.ringostat.amo.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Leads: list/filter, get, batch create, patch (reference §6.1–6.3, §6.5). */
final class LeadsApi {
  private final Env env;
  private final Render render;
  private final EntityParser parser;
  private final EntityWriter writer;

  LeadsApi(Env env, Render render, EntityParser parser, EntityWriter writer) {
    this.env = env;
    this.render = render;
    this.parser = parser;
    this.writer = writer;
  }

  void register(Router router) {
    router.add("GET", "/api/v4/leads", (r, m) -> list(r));
    router.add("POST", "/api/v4/leads", (r, m) -> create(r, m.actor()));
    router.add("PATCH", "/api/v4/leads", (r, m) -> patchMany(r, m.actor()));
    router.add("GET", "/api/v4/leads/(\\d+)", (r, m) -> get(r, m.id(1)));
    router.add("PATCH", "/api/v4/leads/(\\d+)", (r, m) -> patchOne(r, m.id(1), m.actor()));
  }

  /**
   * {@code GET /api/v4/leads}: {@code filter[id]} (any array spelling), {@code
   * filter[pipeline_id]}, {@code filter[statuses][i][pipeline_id|status_id]}, {@code
   * filter[responsible_user_id]}, {@code query}, {@code with=contacts}; 204 when empty.
   */
  ApiResponse list(ApiRequest r) {
    List<Long> pipelines = r.longList("filter[pipeline_id]");
    List<long[]> stages = new ArrayList<>();
    for (int i = 0; ; i++) {
      var p = r.param("filter[statuses][" + i + "][pipeline_id]");
      var s = r.param("filter[statuses][" + i + "][status_id]");
      if (p.isEmpty() || s.isEmpty()) {
        break;
      }
      try {
        stages.add(new long[] {Long.parseLong(p.get()), Long.parseLong(s.get())});
      } catch (NumberFormatException e) {
        throw new ApiException(Problems.badRequest("filter[statuses] must be numeric"));
      }
    }
    List<LeadEntity> live = env.store.leads.values().stream().filter(l -> !l.deleted).toList();
    List<LeadEntity> found =
        Listing.filter(r, live).stream()
            .filter(l -> pipelines.isEmpty() || pipelines.contains(l.pipelineId))
            .filter(
                l ->
                    stages.isEmpty()
                        || stages.stream()
                            .anyMatch(s -> s[0] == l.pipelineId && s[1] == l.statusId))
            .toList();
    Paging<LeadEntity> page = Paging.of(r, found, 250);
    if (page.items().isEmpty()) {
      return ApiResponse.noContent();
    }
    boolean withContacts = r.with().contains("contacts");
    return ApiResponse.hal(
        page.hal(
            env,
            r,
            "leads",
            page.items().stream().map(l -> render.lead(l, withContacts)).toList(),
            false));
  }

  ApiResponse get(ApiRequest r, long id) {
    return env.store
        .lead(id)
        .map(l -> ApiResponse.hal(render.lead(l, r.with().contains("contacts"))))
        .orElseGet(ApiResponse::noContent);
  }

  /**
   * {@code POST /api/v4/leads}: links only existing contacts/companies; default pipeline = main,
   * default status = its first regular stage.
   */
  ApiResponse create(ApiRequest r, long actor) {
    List<JsonNode> items = EntityParser.batch(r.json(), 50);
    Validation v = new Validation();
    List<Drafts.Lead> drafts = new ArrayList<>();
    List<String> requestIds = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String rid = EntityParser.requestId(items.get(i), i);
      requestIds.add(rid);
      drafts.add(
          parser.lead(items.get(i), v.item(rid), "", EntityParser.LeadMode.CREATE, null, null));
    }
    v.throwIfAny();
    long now = env.now();
    ObjectNode o = Json.object();
    o.set("_links", env.selfLink("/api/v4/leads"));
    ArrayNode out = o.putObject("_embedded").putArray("leads");
    for (int i = 0; i < drafts.size(); i++) {
      LeadEntity l = writer.createLead(drafts.get(i), actor, now);
      out.addObject()
          .put("id", l.id)
          .put("request_id", requestIds.get(i))
          .set("_links", env.selfLink("/api/v4/leads/" + l.id));
    }
    return ApiResponse.hal(o);
  }

  private Drafts.Lead patchDraft(JsonNode item, LeadEntity l, Validation.Item vi) {
    Drafts.Lead d = parser.lead(item, vi, "", EntityParser.LeadMode.PATCH, l, null);
    if (d.statusId != null && env.store.pendingUnsortedOfLead(l.id).isPresent()) {
      // A lead waiting in Unsorted leaves it only through accept/decline.
      vi.notSupportedChoice("status_id");
    }
    return d;
  }

  ApiResponse patchOne(ApiRequest r, long id, long actor) {
    JsonNode body = r.json();
    LeadEntity l =
        env.store.lead(id).orElseThrow(() -> new ApiException(Problems.notFound("Lead not found")));
    Validation v = new Validation();
    Drafts.Lead d = body.isObject() ? patchDraft(body, l, v.item("0")) : null;
    if (d == null) {
      v.item("0").invalidType("", "object");
    }
    v.throwIfAny();
    writer.patchLead(l, d, actor, env.now());
    ObjectNode o = Json.object();
    o.put("id", l.id);
    o.put("updated_at", l.updatedAt);
    o.set("_links", env.selfLink("/api/v4/leads/" + l.id));
    return ApiResponse.hal(o);
  }

  ApiResponse patchMany(ApiRequest r, long actor) {
    List<JsonNode> items = EntityParser.batch(r.json(), 50);
    Validation v = new Validation();
    List<LeadEntity> targets = new ArrayList<>();
    List<Drafts.Lead> drafts = new ArrayList<>();
    List<String> requestIds = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String rid = EntityParser.requestId(item, i);
      requestIds.add(rid);
      Validation.Item vi = v.item(rid);
      Long id = item.isObject() ? parser.integer(item, "id", vi, "") : null;
      LeadEntity l = id == null ? null : env.store.lead(id).orElse(null);
      targets.add(l);
      if (l == null) {
        vi.notSupportedChoice("id");
        drafts.add(null);
      } else {
        drafts.add(patchDraft(item, l, vi));
      }
    }
    v.throwIfAny();
    long now = env.now();
    ObjectNode o = Json.object();
    o.set("_links", env.selfLink("/api/v4/leads"));
    ArrayNode out = o.putObject("_embedded").putArray("leads");
    for (int i = 0; i < targets.size(); i++) {
      LeadEntity l = targets.get(i);
      writer.patchLead(l, drafts.get(i), actor, now);
      out.addObject()
          .put("id", l.id)
          .put("updated_at", l.updatedAt)
          .put("request_id", requestIds.get(i))
          .set("_links", env.selfLink("/api/v4/leads/" + l.id));
    }
    return ApiResponse.hal(o);
  }
}
