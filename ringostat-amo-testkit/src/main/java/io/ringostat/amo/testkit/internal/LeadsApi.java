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
