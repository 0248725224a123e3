package io.ringostat.amo.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Contacts: list/search, get, batch create, patch (reference §5). */
final class ContactsApi {
  private final Env env;
  private final Render render;
  private final EntityParser parser;
  private final EntityWriter writer;

  ContactsApi(Env env, Render render, EntityParser parser, EntityWriter writer) {
    this.env = env;
    this.render = render;
    this.parser = parser;
    this.writer = writer;
  }

  void register(Router router) {
    router.add("GET", "/api/v4/contacts", (r, m) -> list(r));
    router.add("POST", "/api/v4/contacts", (r, m) -> create(r, m.actor()));
    router.add("PATCH", "/api/v4/contacts", (r, m) -> patchMany(r, m.actor()));
    router.add("GET", "/api/v4/contacts/(\\d+)", (r, m) -> get(r, m.id(1)));
    router.add("PATCH", "/api/v4/contacts/(\\d+)", (r, m) -> patchOne(r, m.id(1), m.actor()));
  }

  /**
   * {@code GET /api/v4/contacts}: {@code query} (fuzzy, see {@link FuzzyQuery}), {@code
   * filter[id]}, {@code filter[responsible_user_id]}, {@code with=leads}, paging; 204 when nothing
   * matches. Contacts of pending unsorted requests are not listed (reference §7.1).
   */
  ApiResponse list(ApiRequest r) {
    List<ContactEntity> found = Listing.filter(r, env.store.listedContacts());
    Paging<ContactEntity> page = Paging.of(r, found, 250);
    if (page.items().isEmpty()) {
      return ApiResponse.noContent();
    }
    boolean withLeads = r.with().contains("leads");
    return ApiResponse.hal(
        page.hal(
            env,
            r,
            "contacts",
            page.items().stream().map(c -> render.contact(c, withLeads)).toList(),
            false));
  }

  /** {@code GET /api/v4/contacts/{id}}: 204 for a missing id (reference §2.4). */
  ApiResponse get(ApiRequest r, long id) {
    return env.store
        .contact(id)
        .map(c -> ApiResponse.hal(render.contact(c, r.with().contains("leads"))))
        .orElseGet(ApiResponse::noContent);
  }

  ApiResponse create(ApiRequest r, long actor) {
    List<JsonNode> items = EntityParser.batch(r.json(), 50);
    Validation v = new Validation();
    List<Drafts.Contact> drafts = new ArrayList<>();
    List<String> requestIds = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String rid = EntityParser.requestId(items.get(i), i);
      requestIds.add(rid);
      drafts.add(parser.contact(items.get(i), v.item(rid), "", false, false));
    }
    v.throwIfAny();
    long now = env.now();
    ObjectNode o = Json.object();
    o.set("_links", env.selfLink("/api/v4/contacts"));
    ArrayNode out = o.putObject("_embedded").putArray("contacts");
    for (int i = 0; i < drafts.size(); i++) {
      ContactEntity c = writer.createContact(drafts.get(i), actor, now);
      out.addObject()
          .put("id", c.id)
          .put("request_id", requestIds.get(i))
          .set("_links", env.selfLink("/api/v4/contacts/" + c.id));
    }
    return ApiResponse.hal(o);
  }

  /** {@code PATCH /api/v4/contacts/{id}} with a single object (not an array; reference §5.3). */
  ApiResponse patchOne(ApiRequest r, long id, long actor) {
    JsonNode body = r.json();
    ContactEntity c =
        env.store
            .contact(id)
            .orElseThrow(() -> new ApiException(Problems.notFound("Contact not found")));
    Validation v = new Validation();
    Drafts.Contact d = parser.contact(body, v.item("0"), "", true, false);
    v.throwIfAny();
    writer.patchContact(c, d, actor, env.now());
    ObjectNode o = Json.object();
    o.put("id", c.id);
    o.put("updated_at", c.updatedAt);
    o.set("_links", env.selfLink("/api/v4/contacts/" + c.id));
    return ApiResponse.hal(o);
  }

  /** {@code PATCH /api/v4/contacts} with an array of objects that carry {@code id}. */
  ApiResponse patchMany(ApiRequest r, long actor) {
    List<JsonNode> items = EntityParser.batch(r.json(), 50);
    Validation v = new Validation();
    List<ContactEntity> targets = new ArrayList<>();
    List<Drafts.Contact> drafts = new ArrayList<>();
    List<String> requestIds = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String rid = EntityParser.requestId(item, i);
      requestIds.add(rid);
      Validation.Item vi = v.item(rid);
      Long id = item.isObject() ? parser.integer(item, "id", vi, "") : null;
      ContactEntity c = id == null ? null : env.store.contact(id).orElse(null);
      if (c == null) {
        vi.notSupportedChoice("id");
      }
      targets.add(c);
      drafts.add(parser.contact(item, vi, "", true, false));
    }
    v.throwIfAny();
    long now = env.now();
    ObjectNode o = Json.object();
    o.set("_links", env.selfLink("/api/v4/contacts"));
    ArrayNode out = o.putObject("_embedded").putArray("contacts");
    for (int i = 0; i < targets.size(); i++) {
      ContactEntity c = targets.get(i);
      writer.patchContact(c, drafts.get(i), actor, now);
      out.addObject()
          .put("id", c.id)
          .put("updated_at", c.updatedAt)
          .put("request_id", requestIds.get(i))
          .set("_links", env.selfLink("/api/v4/contacts/" + c.id));
    }
    return ApiResponse.hal(o);
  }
}
