package io.ringostat.amo.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /api/v4/calls} (reference §8): finds the contact (else company) whose PHONE has the
 * same last ten digits, oldest first; attaches the call to its only open lead when it has exactly
 * one, else to the contact/company; stores it as a {@code call_in}/{@code call_out} note. Calls are
 * not deduplicated.
 *
 * <p>Unknown numbers: HTTP 400 with the calls envelope and an "Entity not found" error per unknown
 * item, and nothing saved, even for the known items of the same batch (our choice; mixed batches
 * are unconfirmed, §16.5).
 */
final class CallsApi {
  private final Env env;
  private final EntityParser parser;
  private final NotesApi notes;

  CallsApi(Env env, EntityParser parser, NotesApi notes) {
    this.env = env;
    this.parser = parser;
    this.notes = notes;
  }

  void register(Router router) {
    router.add("POST", "/api/v4/calls", (r, m) -> add(r, m.actor()));
  }

  private record Target(String entityType, String singular, long id) {}

  private record Draft(
      String requestId,
      String direction,
      ObjectNode params,
      Long createdBy,
      Long responsible,
      Target target) {}

  ApiResponse add(ApiRequest r, long actor) {
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
      String direction = parser.requiredText(item, "direction", vi, "");
      if (direction != null && !direction.equals("inbound") && !direction.equals("outbound")) {
        vi.notSupportedChoice("direction");
      }
      Long duration = parser.integer(item, "duration", vi, "");
      if (duration == null && (item.get("duration") == null || item.get("duration").isNull())) {
        vi.notBlank("duration");
      }
      String source = parser.requiredText(item, "source", vi, "");
      String phone = parser.requiredText(item, "phone", vi, "");
      String uniq = parser.text(item, "uniq", vi, "");
      String link = parser.text(item, "link", vi, "");
      String result = parser.text(item, "call_result", vi, "");
      Long status = parser.integer(item, "call_status", vi, "");
      if (status != null && (status < 1 || status > 8)) {
        vi.notSupportedChoice("call_status");
      }
      Long responsible = parser.user(item, "responsible_user_id", vi, "", false);
      Long createdBy = parser.user(item, "created_by", vi, "", true);
      parser.integer(item, "created_at", vi, "");
      ObjectNode params = Json.object();
      params.put("uniq", uniq);
      params.put("duration", duration == null ? 0 : duration);
      params.put("source", source);
      params.put("link", link);
      params.put("phone", phone);
      JsonNode callResponsible = item.get("call_responsible");
      if (callResponsible != null && !callResponsible.isNull()) {
        params.set("call_responsible", callResponsible.deepCopy());
      }
      if (status != null) {
        params.put("call_status", status);
      }
      if (result != null) {
        params.put("call_result", result);
      }
      Target target = phone == null ? null : find(phone).orElse(null);
      drafts.add(new Draft(rid, direction, params, createdBy, responsible, target));
    }
    v.throwIfAny();
    ObjectNode o = Json.object();
    List<Draft> unknown = drafts.stream().filter(d -> d.target() == null).toList();
    if (!unknown.isEmpty()) {
      o.put("_total_items", 0);
      ArrayNode errors = o.putArray("errors");
      for (int i = 0; i < unknown.size(); i++) {
        errors
            .addObject()
            .put("title", "Entity not found")
            .put("status", 263)
            .put("detail", "Entity not found");
      }
      o.putObject("_embedded").putArray("calls");
      return ApiResponse.of(400, ApiResponse.HAL, o);
    }
    long now = env.now();
    o.put("_total_items", drafts.size());
    o.putArray("errors");
    ArrayNode calls = o.putObject("_embedded").putArray("calls");
    for (Draft d : drafts) {
      String noteType = "inbound".equals(d.direction()) ? "call_in" : "call_out";
      NoteEntity n =
          notes.create(
              d.target().entityType(),
              d.target().id(),
              noteType,
              d.params(),
              d.createdBy() != null ? d.createdBy() : actor,
              d.responsible() != null ? d.responsible() : actor,
              now);
      ObjectNode c = calls.addObject();
      c.put("id", n.id);
      c.put("entity_id", d.target().id());
      c.put("entity_type", d.target().singular());
      c.put("account_id", env.account.id);
      c.put("request_id", d.requestId());
      c.putObject("_embedded").putObject("entity").put("id", d.target().id());
    }
    return ApiResponse.hal(o);
  }

  /** The entity a call to {@code phone} lands on, the way amoCRM picks it (reference §8.1). */
  Optional<Target> find(String phone) {
    Optional<ContactEntity> contact =
        env.store.contactsWithPhone(phone, true).stream().min(Comparator.comparingLong(c -> c.id));
    if (contact.isPresent()) {
      List<LeadEntity> open = env.store.openLeadsOf(contact.get().id);
      return Optional.of(
          open.size() == 1
              ? new Target("leads", "lead", open.get(0).id)
              : new Target("contacts", "contact", contact.get().id));
    }
    Optional<CompanyEntity> company =
        env.store.companies.values().stream()
            .filter(c -> !c.deleted && !c.unsorted)
            .filter(c -> c.phones().stream().anyMatch(p -> Phones.sameNumber(p, phone)))
            .min(Comparator.comparingLong(c -> c.id));
    if (company.isPresent()) {
      List<LeadEntity> open =
          env.store.leads.values().stream()
              .filter(
                  l ->
                      !l.deleted
                          && Account.isOpen(l.statusId)
                          && company.get().id == (l.companyId == null ? -1 : l.companyId))
              .toList();
      return Optional.of(
          open.size() == 1
              ? new Target("leads", "lead", open.get(0).id)
              : new Target("companies", "company", company.get().id));
    }
    return Optional.empty();
  }
}
