package io.ringostat.amo.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/v4/leads/complex} (reference §6.4): up to 50 leads, each with at most one
 * contact and one company (new models or {@code {id}} of existing ones). With {@code
 * _embedded.metadata} (category {@code sip} or {@code forms}) the lead becomes an unsorted request.
 * The response is a plain JSON array, not HAL. Duplicate control is not emulated: {@code merged} is
 * always false.
 */
final class ComplexApi {
  private final Env env;
  private final EntityParser parser;
  private final EntityWriter writer;
  private final UnsortedBook book;

  ComplexApi(Env env, EntityParser parser, EntityWriter writer, UnsortedBook book) {
    this.env = env;
    this.parser = parser;
    this.writer = writer;
    this.book = book;
  }

  void register(Router router) {
    router.add("POST", "/api/v4/leads/complex", (r, m) -> create(r, m.actor()));
  }

  private record Item(
      String requestId,
      Drafts.Lead lead,
      Drafts.Contact contact,
      Drafts.Company company,
      ObjectNode metadata,
      String caller) {}

  ApiResponse create(ApiRequest r, long actor) {
    List<JsonNode> items = EntityParser.batch(r.json(), 50);
    Validation v = new Validation();
    List<Item> parsed = new ArrayList<>();
    Set<String> callers = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String rid = EntityParser.requestId(item, i);
      Validation.Item vi = v.item(rid);
      if (!EntityParser.isObject(item, vi, "")) {
        continue;
      }
      JsonNode embedded = item.get("_embedded");
      if (embedded == null || !embedded.isObject()) {
        embedded = Json.object();
      }
      ObjectNode metadata = null;
      JsonNode meta = embedded.get("metadata");
      if (meta != null && !meta.isNull()) {
        if (EntityParser.isObject(meta, vi, "_embedded.metadata")) {
          String category = parser.text(meta, "category", vi, "_embedded.metadata");
          if (!"sip".equals(category) && !"forms".equals(category)) {
            vi.notSupportedChoice("_embedded.metadata.category");
          }
          metadata = meta.deepCopy();
        }
      }
      Drafts.Lead lead =
          parser.lead(
              item,
              vi,
              "",
              metadata != null ? EntityParser.LeadMode.UNSORTED : EntityParser.LeadMode.COMPLEX,
              null,
              null);
      Drafts.Contact contact = null;
      JsonNode contactModel =
          EntityParser.single(embedded.get("contacts"), "_embedded.contacts", vi);
      if (contactModel != null) {
        contact = parser.contact(contactModel, vi, "_embedded.contacts.0", false, true);
      }
      Drafts.Company company = null;
      JsonNode companyModel =
          EntityParser.single(embedded.get("companies"), "_embedded.companies", vi);
      if (companyModel != null) {
        company = parser.company(companyModel, vi, "_embedded.companies.0", true);
      }
      String caller = "";
      if (metadata != null) {
        caller = UnsortedBook.callerDigits(contact, metadata);
        book.checkDuplicate(caller, callers, vi, "_embedded.contacts.0.custom_fields_values");
      }
      parsed.add(new Item(rid, lead, contact, company, metadata, caller));
    }
    v.throwIfAny();
    long now = env.now();
    ArrayNode out = Json.array();
    for (Item p : parsed) {
      long leadId;
      Long contactId;
      Long companyId;
      if (p.metadata() != null) {
        UnsortedEntity u =
            book.open(
                null,
                text(p.metadata(), "source_name"),
                p.metadata().get("category").asText(),
                null,
                withoutCategory(p.metadata()),
                p.lead(),
                p.contact(),
                p.company(),
                p.caller(),
                actor);
        leadId = u.leadId;
        contactId = u.contactId;
        companyId = u.companyId;
      } else {
        EntityWriter.Complex made =
            writer.createComplex(p.lead(), p.contact(), p.company(), false, actor, now);
        leadId = made.lead().id;
        contactId = made.contactId();
        companyId = made.companyId();
      }
      ObjectNode o = out.addObject();
      o.put("id", leadId);
      o.put("contact_id", contactId);
      o.put("company_id", companyId);
      o.putArray("request_id").add(p.requestId());
      o.put("merged", false);
    }
    return ApiResponse.json(200, out);
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static ObjectNode withoutCategory(ObjectNode metadata) {
    ObjectNode m = metadata.deepCopy();
    m.remove("category");
    return m;
  }
}
