package io.ringostat.amo.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Contacts: list/search, get, batch create, patch (reference §5). */
final class ContactsApi {
  private final Env env;
  private final Render render;
  private final EntityParser parser;
  private final EntityWriter writer;
  private final EntityBatch<Drafts.Contact, ContactEntity> batch;

  ContactsApi(Env env, Render render, EntityParser parser, EntityWriter writer) {
    this.env = env;
    this.render = render;
    this.parser = parser;
    this.writer = writer;
    this.batch = new EntityBatch<>(env, parser, "contacts", env.store::contact);
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
    boolean withLeads = r.with().contains("leads");
    return Paging.of(r, found, 250)
        .reply(env, r, "contacts", c -> render.contact(c, withLeads), false);
  }

  /** {@code GET /api/v4/contacts/{id}}: 204 for a missing id (reference §2.4). */
  ApiResponse get(ApiRequest r, long id) {
    return env.store
        .contact(id)
        .map(c -> ApiResponse.hal(render.contact(c, r.with().contains("leads"))))
        .orElseGet(ApiResponse::noContent);
  }

  ApiResponse create(ApiRequest r, long actor) {
    return batch.create(
        r, actor, (item, v) -> parser.contact(item, v, "", false, false), writer::createContact);
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
    return ApiResponse.hal(render.patched("/api/v4/contacts/", c.id, c.updatedAt));
  }

  /** {@code PATCH /api/v4/contacts} with an array of objects that carry {@code id}. */
  ApiResponse patchMany(ApiRequest r, long actor) {
    return batch.patch(
        r, actor, (item, c, v) -> parser.contact(item, v, "", true, false), writer::patchContact);
  }
}
