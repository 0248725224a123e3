package io.ringostat.amo.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringostat.amo.testkit.internal.Account.PipelineDef;
import io.ringostat.amo.testkit.internal.Account.StatusDef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Unsorted (SIP) requests: add, list, get, accept, decline (reference §7). */
final class UnsortedApi {
  private final Env env;
  private final Render render;
  private final EntityParser parser;
  private final UnsortedBook book;

  UnsortedApi(Env env, Render render, EntityParser parser, UnsortedBook book) {
    this.env = env;
    this.render = render;
    this.parser = parser;
    this.book = book;
  }

  void register(Router router) {
    router.add("POST", "/api/v4/leads/unsorted/sip", (r, m) -> addSip(r, m.actor()));
    router.add("GET", "/api/v4/leads/unsorted", (r, m) -> list(r));
    router.add("GET", "/api/v4/leads/unsorted/([0-9A-Za-z_-]+)", (r, m) -> get(m.group(1)));
    router.add(
        "POST",
        "/api/v4/leads/unsorted/([0-9A-Za-z_-]+)/accept",
        (r, m) -> accept(r, m.group(1), m.actor()));
    router.add(
        "DELETE",
        "/api/v4/leads/unsorted/([0-9A-Za-z_-]+)/decline",
        (r, m) -> decline(r, m.group(1), m.actor()));
  }

  private record SipItem(
      String requestId,
      String sourceUid,
      String sourceName,
      Long createdAt,
      ObjectNode metadata,
      Drafts.Lead lead,
      Drafts.Contact contact,
      Drafts.Company company,
      String caller) {}

  /**
   * {@code POST /api/v4/leads/unsorted/sip}: all fields but {@code created_at} and {@code
   * pipeline_id} are required; {@code _embedded.leads} holds exactly one lead, contacts and
   * companies at most one each.
   */
  ApiResponse addSip(ApiRequest r, long actor) {
    List<JsonNode> items = EntityParser.batch(r.json(), 50);
    Validation v = new Validation();
    List<SipItem> parsed = new ArrayList<>();
    Set<String> callers = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String rid = EntityParser.requestId(item, i);
      Validation.Item vi = v.item(rid);
      if (!EntityParser.isObject(item, vi, "")) {
        continue;
      }
      String sourceUid = parser.requiredText(item, "source_uid", vi, "");
      String sourceName = parser.requiredText(item, "source_name", vi, "");
      Long pipelineId = parser.integer(item, "pipeline_id", vi, "");
      if (pipelineId != null && env.account.pipeline(pipelineId).isEmpty()) {
        vi.notSupportedChoice("pipeline_id");
        pipelineId = null;
      }
      Long createdAt = parser.integer(item, "created_at", vi, "");
      ObjectNode metadata = metadata(item.get("metadata"), vi);
      JsonNode embedded = item.get("_embedded");
      Drafts.Lead lead = null;
      Drafts.Contact contact = null;
      Drafts.Company company = null;
      if (embedded == null || !embedded.isObject()) {
        vi.notBlank("_embedded.leads");
      } else {
        JsonNode leads = embedded.get("leads");
        if (leads == null || !leads.isArray() || leads.size() != 1) {
          vi.error(
              Validation.COUNT_EXCEEDED,
              "_embedded.leads",
              "This collection should contain exactly 1 element.");
        } else {
          lead =
              parser.lead(
                  leads.get(0),
                  vi,
                  "_embedded.leads.0",
                  EntityParser.LeadMode.UNSORTED,
                  null,
                  pipelineId);
        }
        contact =
            EntityParser.single(embedded.get("contacts"), "_embedded.contacts", vi) == null
                ? null
                : parser.contact(
                    embedded.get("contacts").get(0), vi, "_embedded.contacts.0", false, false);
        company =
            EntityParser.single(embedded.get("companies"), "_embedded.companies", vi) == null
                ? null
                : parser.company(
                    embedded.get("companies").get(0), vi, "_embedded.companies.0", false);
      }
      String caller = UnsortedBook.callerDigits(contact, metadata);
      book.checkDuplicate(
          caller,
          callers,
          vi,
          contact != null ? "_embedded.contacts.0.custom_fields_values" : "metadata.from");
      parsed.add(
          new SipItem(
              rid, sourceUid, sourceName, createdAt, metadata, lead, contact, company, caller));
    }
    v.throwIfAny();
    ObjectNode o = Json.object();
    o.put("_total_items", parsed.size());
    o.set("_links", env.selfLink("/api/v4/leads/unsorted/sip"));
    ArrayNode out = o.putObject("_embedded").putArray("unsorted");
    for (SipItem p : parsed) {
      UnsortedEntity u =
          book.open(
              p.sourceUid(),
              p.sourceName(),
              "sip",
              p.createdAt(),
              p.metadata(),
              p.lead(),
              p.contact(),
              p.company(),
              p.caller(),
              actor);
      ObjectNode item = out.addObject();
      item.put("uid", u.uid);
      item.put("account_id", env.account.id);
      item.put("request_id", p.requestId());
      item.set("_embedded", render.unsortedEmbedded(u));
    }
    return ApiResponse.hal(o);
  }

  /** SIP metadata: uniq, duration and service_code required; {@code from} or {@code phone} too. */
  private ObjectNode metadata(JsonNode m, Validation.Item v) {
    if (m == null || m.isNull()) {
      v.notBlank("metadata");
      return Json.object();
    }
    if (!EntityParser.isObject(m, v, "metadata")) {
      return Json.object();
    }
    parser.requiredText(m, "uniq", v, "metadata");
    if (m.get("duration") == null || m.get("duration").isNull()) {
      v.notBlank("metadata.duration");
    } else {
      parser.integer(m, "duration", v, "metadata");
    }
    parser.requiredText(m, "service_code", v, "metadata");
    String from = parser.text(m, "from", v, "metadata");
    String phone = parser.text(m, "phone", v, "metadata");
    if ((from == null || from.isBlank()) && (phone == null || phone.isBlank())) {
      v.notBlank("metadata.phone");
    }
    parser.integer(m, "called_at", v, "metadata");
    parser.text(m, "link", v, "metadata");
    parser.bool(m, "is_call_event_needed", v, "metadata");
    return m.deepCopy();
  }

  /** Pending requests, filtered and ordered; 204 when none (reference §2.4, §7.2). */
  ApiResponse list(ApiRequest r) {
    List<String> uids = r.paramList("filter[uid]");
    List<String> categories = r.paramList("filter[category]");
    List<Long> pipelines = r.longList("filter[pipeline_id]");
    List<UnsortedEntity> found =
        new ArrayList<>(
            env.store.unsorted.values().stream()
                .filter(u -> u.state == UnsortedEntity.State.PENDING)
                .filter(u -> uids.isEmpty() || uids.contains(u.uid))
                .filter(u -> categories.isEmpty() || categories.contains(u.category))
                .filter(u -> pipelines.isEmpty() || pipelines.contains(u.pipelineId))
                .toList());
    Comparator<UnsortedEntity> order = Comparator.comparingLong(u -> u.createdAt);
    if (r.param("order[created_at]").orElse("asc").equalsIgnoreCase("desc")) {
      order = order.reversed();
    }
    found.sort(order);
    return Paging.of(r, found, 250).reply(env, r, "unsorted", render::unsorted, true);
  }

  ApiResponse get(String uid) {
    UnsortedEntity u = env.store.unsorted.get(uid);
    if (u == null || u.state != UnsortedEntity.State.PENDING) {
      return ApiResponse.noContent();
    }
    return ApiResponse.hal(render.unsorted(u));
  }

  private UnsortedEntity pending(String uid) {
    UnsortedEntity u = env.store.unsorted.get(uid);
    if (u == null || u.state != UnsortedEntity.State.PENDING) {
      throw new ApiException(Problems.notFound("Unsorted not found"));
    }
    return u;
  }

  private JsonNode optionalBody(ApiRequest r) {
    return r.body().isBlank() ? Json.object() : r.json();
  }

  /**
   * Accepts a pending request: the lead moves to {@code status_id} (or the pipeline's first stage),
   * the contact and company become visible. With {@code user_id}, that user becomes the responsible
   * of the lead and the contact (our choice for reference §16.9, matching SPEC R-UNS: "accepting
   * creates the entities for the accepting manager").
   */
  ApiResponse accept(ApiRequest r, String uid, long actor) {
    UnsortedEntity u = pending(uid);
    JsonNode body = optionalBody(r);
    Validation v = new Validation();
    Validation.Item vi = v.item("0");
    Long userId = null;
    StatusDef target = null;
    PipelineDef pipe = env.account.pipeline(u.pipelineId).orElseThrow();
    if (EntityParser.isObject(body, vi, "")) {
      userId = parser.user(body, "user_id", vi, "", false);
      Long statusId = parser.integer(body, "status_id", vi, "");
      if (statusId != null) {
        target = pipe.status(statusId).filter(s -> s.type() == 0).orElse(null);
        if (target == null) {
          vi.notSupportedChoice("status_id");
        }
      }
    }
    v.throwIfAny();
    long now = env.now();
    LeadEntity lead = env.store.lead(u.leadId).orElseThrow();
    lead.statusId = (target != null ? target : pipe.firstRegular()).id();
    lead.closedAt = Account.isOpen(lead.statusId) ? null : now;
    lead.updatedAt = now;
    lead.updatedBy = userId != null ? userId : actor;
    if (userId != null) {
      lead.responsibleUserId = userId;
    }
    if (u.contactId != null) {
      ContactEntity c = env.store.contacts.get(u.contactId);
      c.unsorted = false;
      c.updatedAt = now;
      if (userId != null) {
        c.responsibleUserId = userId;
      }
    }
    if (u.companyId != null) {
      env.store.companies.get(u.companyId).unsorted = false;
    }
    u.state = UnsortedEntity.State.ACCEPTED;
    u.decidedBy = userId != null ? userId : actor;
    return ApiResponse.hal(decision(u));
  }

  /** Declines a pending request: its lead, contact and company go to the trash (deleted). */
  ApiResponse decline(ApiRequest r, String uid, long actor) {
    UnsortedEntity u = pending(uid);
    JsonNode body = optionalBody(r);
    Validation v = new Validation();
    Long userId = null;
    if (EntityParser.isObject(body, v.item("0"), "")) {
      userId = parser.user(body, "user_id", v.item("0"), "", false);
    }
    v.throwIfAny();
    env.store.lead(u.leadId).ifPresent(l -> l.deleted = true);
    if (u.contactId != null && env.store.contacts.get(u.contactId).unsorted) {
      env.store.contacts.get(u.contactId).deleted = true;
    }
    if (u.companyId != null && env.store.companies.get(u.companyId).unsorted) {
      env.store.companies.get(u.companyId).deleted = true;
    }
    u.state = UnsortedEntity.State.DECLINED;
    u.decidedBy = userId != null ? userId : actor;
    return ApiResponse.hal(decision(u));
  }

  private ObjectNode decision(UnsortedEntity u) {
    ObjectNode o = Json.object();
    o.put("uid", u.uid);
    o.put("category", u.category);
    o.put("pipeline_id", u.pipelineId);
    o.put("created_at", u.createdAt);
    o.set("_embedded", render.unsortedEmbedded(u));
    return o;
  }
}
