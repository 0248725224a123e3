package io.ringostat.amo.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Leads: list/filter, get, batch create, patch (reference §6.1–6.3, §6.5). */
final class LeadsApi {
  private final Env env;
  private final Render render;
  private final EntityParser parser;
  private final EntityWriter writer;
  private final EntityBatch<Drafts.Lead, LeadEntity> batch;

  LeadsApi(Env env, Render render, EntityParser parser, EntityWriter writer) {
    this.env = env;
    this.render = render;
    this.parser = parser;
    this.writer = writer;
    this.batch = new EntityBatch<>(env, parser, "leads", env.store::lead);
  }

  void register(Router router) {
    router.add("GET", "/api/v4/leads", (r, m) -> list(r));
    router.add("POST", "/api/v4/leads", (r, m) -> create(r, m.actor()));
    router.add("PATCH", "/api/v4/leads", (r, m) -> patchMany(r, m.actor()));
    router.add("GET", "/api/v4/leads/(\\d+)", (r, m) -> get(r, m.id(1)));
    router.add("PATCH", "/api/v4/leads/(\\d+)", (r, m) -> patchOne(r, m.id(1), m.actor()));
    router.add("POST", "/api/v4/leads/(\\d+)/link", (r, m) -> link(r, m.id(1)));
  }

  /**
   * {@code POST /api/v4/leads/{id}/link}: links contacts to the lead, a list of {@code
   * {"to_entity_id", "to_entity_type":"contacts", "metadata":{"is_main"?}}}; companies are
   * accepted for the one company. An unknown lead is 404 (amoCRM answers 204 for a GET of a
   * missing id; for a link the emulator is strict); an unknown target is 400. Linking again
   * changes nothing. The answer lists the links.
   */
  ApiResponse link(ApiRequest r, long leadId) {
    LeadEntity lead = env.store.lead(leadId)
        .orElseThrow(() -> new ApiException(Problems.notFound("Lead not found")));
    List<com.fasterxml.jackson.databind.JsonNode> items = EntityParser.batch(r.json(), 50);
    Validation v = new Validation();
    for (int i = 0; i < items.size(); i++) {
      com.fasterxml.jackson.databind.JsonNode item = items.get(i);
      Validation.Item vi = v.item(EntityParser.requestId(item, i));
      Long to = parser.integer(item, "to_entity_id", vi, "");
      String type = parser.requiredText(item, "to_entity_type", vi, "");
      if (to == null || type == null) {
        continue;
      }
      if (!type.equals("contacts") || env.store.contact(to).isEmpty()) {
        vi.notSupportedChoice("to_entity_id");
      }
    }
    v.throwIfAny();
    com.fasterxml.jackson.databind.node.ObjectNode o = Json.object();
    com.fasterxml.jackson.databind.node.ArrayNode out =
        o.putObject("_embedded").putArray("links");
    for (com.fasterxml.jackson.databind.JsonNode item : items) {
      long to = item.get("to_entity_id").asLong();
      boolean main = item.path("metadata").path("is_main").asBoolean(false);
      if (!lead.contactIds.contains(to)) {
        if (main) {
          lead.contactIds.add(0, to);
        } else {
          lead.contactIds.add(to);
        }
      }
      out.addObject().put("entity_id", leadId).put("entity_type", "leads")
          .put("to_entity_id", to).put("to_entity_type", "contacts");
    }
    return ApiResponse.hal(o);
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
    boolean withContacts = r.with().contains("contacts");
    return Paging.of(r, found, 250)
        .reply(env, r, "leads", l -> render.lead(l, withContacts), false);
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
    return batch.create(
        r,
        actor,
        (item, v) -> parser.lead(item, v, "", EntityParser.LeadMode.CREATE, null, null),
        writer::createLead);
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
    return ApiResponse.hal(render.patched("/api/v4/leads/", l.id, l.updatedAt));
  }

  ApiResponse patchMany(ApiRequest r, long actor) {
    return batch.patch(
        r, actor, (item, l, v) -> l == null ? null : patchDraft(item, l, v), writer::patchLead);
  }
}
