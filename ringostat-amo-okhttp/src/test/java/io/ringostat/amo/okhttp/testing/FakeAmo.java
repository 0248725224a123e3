package io.ringostat.amo.okhttp.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;

/**
 * A small amoCRM emulator for MockWebServer: contacts, leads, unsorted requests, notes and tasks
 * in memory, the v4 endpoints the gateway uses (shapes as in the reference), Bearer checks, and
 * one-shot faults per endpoint. Thread-safe (synchronized).
 */
public final class FakeAmo extends Dispatcher {
  /** A one-shot fault for the next request matching an endpoint. */
  public enum Fault {
    /** 503 without acting. */
    REFUSE_503,
    /** 429 without acting (no Retry-After). */
    RATE_LIMIT,
    /** Act, then answer 503. */
    ACT_THEN_503,
    /** Act, then close the connection before the response: the answer is lost. */
    ACT_THEN_DROP,
    /** Act, then cut the response body halfway. */
    ACT_THEN_CUT_BODY,
    /** Act, then hold the response past the client's read timeout. */
    ACT_THEN_STALL,
    /** Do not act; hold the response past the client's read timeout. */
    STALL,
    /** Act, then answer 200 with a body that is not JSON. */
    ACT_THEN_GARBAGE
  }

  private record Armed(String method, Pattern path, Fault fault) {}

  private static final Pattern ENTITY = Pattern.compile("/api/v4/(leads|contacts)/(\\d+)");
  private static final Pattern ENTITY_NOTES =
      Pattern.compile("/api/v4/(leads|contacts)/(\\d+)/notes");

  private final Map<Long, ObjectNode> contacts = new LinkedHashMap<>();
  private final Map<Long, ObjectNode> hiddenContacts = new LinkedHashMap<>();
  private final Map<Long, ObjectNode> leads = new LinkedHashMap<>();
  private final List<ObjectNode> unsorted = new ArrayList<>();
  private final List<ObjectNode> notes = new ArrayList<>();
  private final List<ObjectNode> tasks = new ArrayList<>();
  private final List<ObjectNode> events = new ArrayList<>();
  private final List<ObjectNode> patches = new ArrayList<>();
  private final List<String> log = new ArrayList<>();
  private final List<RecordedRequest> recorded = new ArrayList<>();
  private final List<Armed> faults = new ArrayList<>();
  private Set<String> validTokens = Set.of("test-token");
  private int closeAtStart;
  private long nextId = 20_000;
  private long now = 1_732_550_400L;
  private Function<JsonNode, MockResponse> tokenEndpoint =
      body -> problem(400, "Bad Request", "no token endpoint configured");

  // --- set-up ----------------------------------------------------------------------------------

  public synchronized FakeAmo tokens(String... tokens) {
    this.validTokens = Set.of(tokens);
    return this;
  }

  public synchronized FakeAmo tokenEndpoint(Function<JsonNode, MockResponse> handler) {
    this.tokenEndpoint = handler;
    return this;
  }

  /** A contact with {@code phone} in its PHONE field, as stored by hand (any format). */
  public synchronized long seedContact(String name, String phone, long responsible) {
    long id = ++nextId;
    ObjectNode c = Fixtures.JSON.createObjectNode();
    c.put("id", id).put("name", name).put("responsible_user_id", responsible)
        .put("created_at", now).put("updated_at", now).put("is_deleted", false);
    ObjectNode f = c.putArray("custom_fields_values").addObject();
    f.put("field_id", 71).put("field_name", "Phone").put("field_code", "PHONE")
        .put("field_type", "multitext");
    f.putArray("values").addObject().put("value", phone).put("enum_id", 145)
        .put("enum_code", "MOB");
    ObjectNode e = c.putObject("_embedded");
    e.putArray("tags");
    e.putArray("companies");
    e.putArray("leads");
    contacts.put(id, c);
    return id;
  }

  /** A lead linked to {@code contactId}. */
  public synchronized long seedLead(long contactId, String name, long pipeline, long status,
      long responsible) {
    long id = ++nextId;
    ObjectNode l = lead(id, name, pipeline, status, responsible);
    leads.put(id, l);
    link(contactId, id);
    return id;
  }

  public synchronized void linkCompany(long contactId, long companyId) {
    ((ArrayNode) contacts.get(contactId).get("_embedded").get("companies")).addObject()
        .put("id", companyId);
  }

  /** Arms a one-shot fault for the next {@code method} request whose path matches. */
  public synchronized FakeAmo fail(String method, String pathRegex, Fault fault) {
    faults.add(new Armed(method, Pattern.compile(pathRegex), fault));
    return this;
  }

  /** The next new connection is closed before its request is read. */
  public synchronized FakeAmo closeNextConnectionAtStart() {
    closeAtStart++;
    return this;
  }

  // --- observation -----------------------------------------------------------------------------

  /** Every request as {@code METHOD /path} (no query), in arrival order. */
  public synchronized List<String> requests() {
    return List.copyOf(log);
  }

  public synchronized List<RecordedRequest> recorded() {
    return List.copyOf(recorded);
  }

  public synchronized int mark() {
    return log.size();
  }

  public synchronized List<String> requestsSince(int mark) {
    return List.copyOf(log.subList(mark, log.size()));
  }

  public synchronized int contactCount() {
    return contacts.size() + hiddenContacts.size();
  }

  public synchronized int leadCount() {
    return leads.size();
  }

  public synchronized int unsortedCount() {
    return unsorted.size();
  }

  public synchronized List<JsonNode> notes() {
    return List.copyOf(notes);
  }

  public synchronized List<JsonNode> tasks() {
    return List.copyOf(tasks);
  }

  public synchronized List<JsonNode> events() {
    return List.copyOf(events);
  }

  public synchronized List<JsonNode> patches() {
    return List.copyOf(patches);
  }

  public synchronized JsonNode contact(long id) {
    return contacts.get(id);
  }

  public synchronized JsonNode lead(long id) {
    return leads.get(id);
  }

  /** The ids of the leads linked to contact {@code id}. */
  public synchronized List<Long> leadsOf(long contactId) {
    List<Long> out = new ArrayList<>();
    contacts.get(contactId).get("_embedded").get("leads").forEach(n -> out.add(n.get("id").asLong()));
    return out;
  }

  // --- dispatch --------------------------------------------------------------------------------

  @Override
  public synchronized MockResponse peek() {
    if (closeAtStart > 0) {
      return new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build();
    }
    return super.peek();
  }

  @Override
  public synchronized MockResponse dispatch(RecordedRequest r) {
    if (r.getHeaders().size() == 0) { // MockWebServer's bookkeeping for a closed connection
      if (closeAtStart > 0) {
        closeAtStart--;
      }
      return new MockResponse.Builder().code(500).build();
    }
    HttpUrl url = r.getUrl();
    String method = r.getMethod();
    String path = url.encodedPath();
    log.add(method + " " + path);
    recorded.add(r);
    Fault fault = takeFault(method, path);
    if (fault == Fault.REFUSE_503) {
      return problem(503, "Service Unavailable", "try later");
    }
    if (fault == Fault.RATE_LIMIT) {
      return new MockResponse.Builder().code(429).body("Too Many Requests").build();
    }
    if (fault == Fault.STALL) {
      return json(200, "{}").newBuilder().headersDelay(1500, TimeUnit.MILLISECONDS).build();
    }
    MockResponse response;
    if (path.equals("/oauth2/access_token")) {
      response = tokenEndpoint.apply(body(r));
    } else if (!validTokens.contains(bearer(r))) {
      response = problem(401, "Unauthorized", "Invalid user name or password");
    } else {
      response = handle(method, path, url, r);
    }
    if (fault == null) {
      return response;
    }
    switch (fault) {
      case ACT_THEN_503:
        return problem(503, "Service Unavailable", "upstream failed");
      case ACT_THEN_DROP:
        return response.newBuilder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build();
      case ACT_THEN_CUT_BODY:
        return response.newBuilder().onResponseBody(new SocketEffect.CloseSocket()).build();
      case ACT_THEN_STALL:
        return response.newBuilder().headersDelay(1500, TimeUnit.MILLISECONDS).build();
      case ACT_THEN_GARBAGE:
        return json(200, "{\"_embedded\": <html>");
      default:
        return response;
    }
  }

  private Fault takeFault(String method, String path) {
    for (int i = 0; i < faults.size(); i++) {
      Armed a = faults.get(i);
      if (a.method().equals(method) && a.path().matcher(path).matches()) {
        faults.remove(i);
        return a.fault();
      }
    }
    return null;
  }

  private MockResponse handle(String method, String path, HttpUrl url, RecordedRequest r) {
    Matcher notesOf = ENTITY_NOTES.matcher(path);
    Matcher entity = ENTITY.matcher(path);
    switch (method + " " + path) {
      case "GET /api/v4/contacts":
        return searchContacts(url);
      case "GET /api/v4/leads":
        return listByIds(leads, url, "leads");
      case "GET /api/v4/companies":
        return json(200, "{\"_page\":1,\"_embedded\":{\"companies\":[{\"id\":7001,"
            + "\"name\":\"Acme LLC\",\"responsible_user_id\":504141}]}}");
      case "GET /api/v4/leads/unsorted":
        return listUnsorted();
      case "GET /api/v4/tasks":
        return listTasks(url);
      case "POST /api/v4/contacts":
        return createContacts((ArrayNode) body(r));
      case "POST /api/v4/leads":
        return createLeads((ArrayNode) body(r));
      case "POST /api/v4/leads/complex":
        return createComplex((ArrayNode) body(r));
      case "POST /api/v4/leads/unsorted/sip":
        return createUnsorted((ArrayNode) body(r));
      case "POST /api/v4/leads/notes":
        return createNotes("leads", (ArrayNode) body(r));
      case "POST /api/v4/contacts/notes":
        return createNotes("contacts", (ArrayNode) body(r));
      case "PATCH /api/v4/leads/notes":
        return patchNotes("leads", (ArrayNode) body(r));
      case "PATCH /api/v4/contacts/notes":
        return patchNotes("contacts", (ArrayNode) body(r));
      case "POST /api/v4/tasks":
        return createTasks((ArrayNode) body(r));
      case "PATCH /api/v4/tasks":
        return patchTasks((ArrayNode) body(r));
      case "PATCH /api/v4/leads":
        return patchMany("leads", leads, (ArrayNode) body(r));
      case "PATCH /api/v4/contacts":
        return patchMany("contacts", contacts, (ArrayNode) body(r));
      case "POST /api/v2/events":
        return createEvent((ObjectNode) body(r));
      case "GET /api/v4/account":
        return json(200, Fixtures.text("account.json"));
      case "GET /api/v4/users":
        return json(200, Fixtures.text("users.json"));
      case "GET /api/v4/leads/pipelines":
        return json(200, Fixtures.text("pipelines.json"));
      case "GET /api/v4/leads/custom_fields":
        return json(200, Fixtures.text("custom-fields-leads.json"));
      case "GET /api/v4/contacts/custom_fields":
        return json(200, Fixtures.text("custom-fields-contacts.json"));
      default:
        break;
    }
    if (method.equals("GET") && notesOf.matches()) {
      return listNotes(notesOf.group(1), Long.parseLong(notesOf.group(2)),
          url.queryParameter("filter[note_type]"));
    }
    if (entity.matches()) {
      long id = Long.parseLong(entity.group(2));
      Map<Long, ObjectNode> store = entity.group(1).equals("leads") ? leads : contacts;
      if (method.equals("GET")) {
        ObjectNode e = store.get(id);
        return e == null ? new MockResponse.Builder().code(204).build() : json(200, e.toString());
      }
      if (method.equals("PATCH")) {
        if (!store.containsKey(id)) {
          return problem(404, "Not Found", "no such entity");
        }
        ObjectNode p = (ObjectNode) body(r);
        p.put("_path", path);
        patches.add(p);
        return json(200, "{\"id\":" + id + ",\"updated_at\":" + (++now) + "}");
      }
    }
    return problem(404, "Not Found", "no route " + method + " " + path);
  }

  /** The batch form: {@code [{"id":…, fields…}]}; every id must exist (else 404, nothing kept). */
  private MockResponse patchMany(String type, Map<Long, ObjectNode> store, ArrayNode items) {
    for (JsonNode item : items) {
      if (!store.containsKey(item.path("id").asLong())) {
        return problem(404, "Not Found", "no such entity");
      }
    }
    ArrayNode out = Fixtures.JSON.createArrayNode();
    for (JsonNode item : items) {
      ObjectNode p = ((ObjectNode) item).deepCopy();
      long id = p.path("id").asLong();
      p.remove("id");
      p.remove("request_id");
      p.put("_path", "/api/v4/" + type + "/" + id);
      patches.add(p);
      out.addObject().put("id", id).put("updated_at", ++now)
          .put("request_id", item.path("request_id").asText());
    }
    ObjectNode body = Fixtures.JSON.createObjectNode();
    body.putObject("_embedded").set(type, out);
    return json(200, body.toString());
  }

  // --- contacts and leads ----------------------------------------------------------------------

  private MockResponse searchContacts(HttpUrl url) {
    String q = url.queryParameter("query");
    boolean withLeads = "leads".equals(url.queryParameter("with"));
    ArrayNode hits = Fixtures.JSON.createArrayNode();
    for (ObjectNode c : contacts.values()) {
      if (q != null && fuzzyMatch(c, q)) {
        ObjectNode copy = c.deepCopy();
        if (!withLeads) {
          ((ObjectNode) copy.get("_embedded")).remove("leads");
        }
        hits.add(copy);
      }
    }
    if (hits.isEmpty()) {
      return new MockResponse.Builder().code(204).build();
    }
    ObjectNode page = Fixtures.JSON.createObjectNode();
    page.put("_page", 1);
    page.putObject("_links").putObject("self").put("href", url.toString());
    page.putObject("_embedded").set("contacts", hits);
    return json(200, page.toString());
  }

  /** amoCRM's {@code query} searches every field: digits anywhere, or the name. */
  private static boolean fuzzyMatch(ObjectNode c, String q) {
    if (c.path("name").asText().contains(q)) {
      return true;
    }
    for (JsonNode f : c.path("custom_fields_values")) {
      for (JsonNode v : f.path("values")) {
        if (v.path("value").asText().replaceAll("\\D", "").contains(q)) {
          return true;
        }
      }
    }
    return false;
  }

  private MockResponse listByIds(Map<Long, ObjectNode> store, HttpUrl url, String key) {
    List<String> ids = url.queryParameterValues("filter[id][]");
    ArrayNode items = Fixtures.JSON.createArrayNode();
    for (String id : ids) {
      ObjectNode e = store.get(Long.parseLong(id));
      if (e != null) {
        items.add(e);
      }
    }
    if (items.isEmpty()) {
      return new MockResponse.Builder().code(204).build();
    }
    ObjectNode page = Fixtures.JSON.createObjectNode();
    page.put("_page", 1);
    page.putObject("_embedded").set(key, items);
    return json(200, page.toString());
  }

  private MockResponse createContacts(ArrayNode items) {
    ArrayNode created = Fixtures.JSON.createArrayNode();
    for (JsonNode item : items) {
      long id = storeContact(item);
      created.addObject().put("id", id).put("request_id", item.path("request_id").asText());
    }
    return json(200, "{\"_embedded\":{\"contacts\":" + created + "}}");
  }

  private long storeContact(JsonNode item) {
    long id = ++nextId;
    ObjectNode c = ((ObjectNode) item).deepCopy();
    c.remove("request_id");
    c.put("id", id).put("created_at", ++now).put("updated_at", now);
    ObjectNode e = c.has("_embedded") ? (ObjectNode) c.get("_embedded") : c.putObject("_embedded");
    e.putArray("leads");
    e.putArray("companies");
    contacts.put(id, c);
    return id;
  }

  private MockResponse createLeads(ArrayNode items) {
    ArrayNode created = Fixtures.JSON.createArrayNode();
    for (JsonNode item : items) {
      long id = storeLead(item);
      for (JsonNode c : item.path("_embedded").path("contacts")) {
        link(c.get("id").asLong(), id);
      }
      created.addObject().put("id", id).put("request_id", item.path("request_id").asText());
    }
    return json(200, "{\"_embedded\":{\"leads\":" + created + "}}");
  }

  private MockResponse createComplex(ArrayNode items) {
    ArrayNode out = Fixtures.JSON.createArrayNode();
    for (JsonNode item : items) {
      long lead = storeLead(item);
      long contact = storeContact(item.path("_embedded").path("contacts").get(0));
      link(contact, lead);
      ObjectNode r = out.addObject().put("id", lead).put("contact_id", contact);
      r.putNull("company_id");
      r.putArray("request_id").add(item.path("request_id").asText());
      r.put("merged", false);
    }
    return json(200, out.toString());
  }

  private long storeLead(JsonNode item) {
    long id = ++nextId;
    ObjectNode l = lead(id, item.path("name").asText(), item.path("pipeline_id").asLong(3383152),
        item.path("status_id").asLong(33929752), item.path("responsible_user_id").asLong());
    leads.put(id, l);
    return id;
  }

  private ObjectNode lead(long id, String name, long pipeline, long status, long responsible) {
    ObjectNode l = Fixtures.JSON.createObjectNode();
    l.put("id", id).put("name", name).put("price", 0).put("responsible_user_id", responsible)
        .put("pipeline_id", pipeline).put("status_id", status).put("created_at", ++now)
        .put("updated_at", now).put("is_deleted", false);
    return l;
  }

  private void link(long contactId, long leadId) {
    ObjectNode c = contacts.get(contactId);
    if (c != null) {
      ((ArrayNode) c.get("_embedded").get("leads")).addObject().put("id", leadId);
    }
  }

  // --- unsorted, notes, tasks, events ----------------------------------------------------------

  private MockResponse createUnsorted(ArrayNode items) {
    ArrayNode created = Fixtures.JSON.createArrayNode();
    for (JsonNode item : items) {
      JsonNode leadModel = item.path("_embedded").path("leads").get(0);
      long lead = storeLead(leadModel);
      long contact = ++nextId;
      ObjectNode c = ((ObjectNode) item.path("_embedded").path("contacts").get(0)).deepCopy();
      c.put("id", contact);
      hiddenContacts.put(contact, c);
      String uid = "uid-" + (++nextId);
      ObjectNode u = Fixtures.JSON.createObjectNode();
      u.put("uid", uid).put("source_uid", item.path("source_uid").asText()).put("category", "sip")
          .put("pipeline_id", item.path("pipeline_id").asLong(3383152)).put("created_at", ++now);
      u.set("metadata", item.path("metadata").deepCopy());
      ObjectNode e = u.putObject("_embedded");
      e.putArray("leads").addObject().put("id", lead).put("name", leadModel.path("name").asText())
          .put("responsible_user_id", leadModel.path("responsible_user_id").asLong());
      e.putArray("contacts").addObject().put("id", contact).put("name", c.path("name").asText());
      e.putArray("companies");
      unsorted.add(u);
      ObjectNode r = created.addObject().put("uid", uid).put("account_id", 28805383)
          .put("request_id", item.path("request_id").asText());
      ObjectNode re = r.putObject("_embedded");
      re.putArray("leads").addObject().put("id", lead);
      re.putArray("contacts").addObject().put("id", contact);
      re.putArray("companies");
    }
    return json(200, "{\"_total_items\":" + created.size() + ",\"_embedded\":{\"unsorted\":"
        + created + "}}");
  }

  private MockResponse listUnsorted() {
    if (unsorted.isEmpty()) {
      return new MockResponse.Builder().code(204).build();
    }
    ArrayNode items = Fixtures.JSON.createArrayNode();
    List<ObjectNode> newestFirst = new ArrayList<>(unsorted);
    Collections.reverse(newestFirst);
    newestFirst.forEach(items::add);
    return json(200, "{\"_page\":1,\"_embedded\":{\"unsorted\":" + items + "}}");
  }

  private MockResponse createNotes(String entityType, ArrayNode items) {
    ArrayNode created = Fixtures.JSON.createArrayNode();
    for (JsonNode item : items) {
      long id = ++nextId;
      ObjectNode n = ((ObjectNode) item).deepCopy();
      n.put("id", id).put("entity_type", entityType).put("created_at", ++now);
      notes.add(n);
      created.addObject().put("id", id).put("entity_id", item.path("entity_id").asLong())
          .put("request_id", item.path("request_id").asText());
    }
    return json(200, "{\"_embedded\":{\"notes\":" + created + "}}");
  }

  /** R-LIFE: edits notes by id; the params are replaced as a whole. */
  private MockResponse patchNotes(String entityType, ArrayNode items) {
    ArrayNode done = Fixtures.JSON.createArrayNode();
    for (JsonNode item : items) {
      long id = item.path("id").asLong();
      ObjectNode note = notes.stream().filter(n -> n.path("id").asLong() == id
          && n.path("entity_type").asText().equals(entityType)).findFirst().orElse(null);
      if (note == null) {
        return json(400, "{\"title\":\"Bad Request\",\"status\":400,"
            + "\"detail\":\"Note not found\"}");
      }
      note.set("params", item.path("params").deepCopy());
      note.put("updated_at", ++now);
      done.addObject().put("id", id).put("entity_id", note.path("entity_id").asLong());
    }
    return json(200, "{\"_embedded\":{\"notes\":" + done + "}}");
  }

  private MockResponse listNotes(String entityType, long entityId, String noteType) {
    ArrayNode items = Fixtures.JSON.createArrayNode();
    for (ObjectNode n : notes) {
      if (n.path("entity_type").asText().equals(entityType)
          && n.path("entity_id").asLong() == entityId
          && (noteType == null || noteType.equals(n.path("note_type").asText()))) {
        items.add(n);
      }
    }
    if (items.isEmpty()) {
      return new MockResponse.Builder().code(204).build();
    }
    return json(200, "{\"_page\":1,\"_embedded\":{\"notes\":" + items + "}}");
  }

  private MockResponse createTasks(ArrayNode items) {
    ArrayNode created = Fixtures.JSON.createArrayNode();
    for (JsonNode item : items) {
      long id = ++nextId;
      ObjectNode t = ((ObjectNode) item).deepCopy();
      t.put("id", id).put("is_completed", false);
      tasks.add(t);
      created.addObject().put("id", id).put("request_id", item.path("request_id").asText());
    }
    return json(200, "{\"_embedded\":{\"tasks\":" + created + "}}");
  }

  private MockResponse patchTasks(ArrayNode items) {
    ArrayNode updated = Fixtures.JSON.createArrayNode();
    for (JsonNode item : items) {
      long id = item.path("id").asLong();
      ObjectNode t = tasks.stream().filter(x -> x.path("id").asLong() == id).findFirst()
          .orElse(null);
      if (t == null) {
        return problem(400, "Bad Request", "no task " + id);
      }
      item.fields().forEachRemaining(f -> t.set(f.getKey(), f.getValue()));
      updated.addObject().put("id", id).put("updated_at", ++now);
    }
    return json(200, "{\"_embedded\":{\"tasks\":" + updated + "}}");
  }

  private MockResponse listTasks(HttpUrl url) {
    List<String> ids = url.queryParameterValues("filter[entity_id][]");
    String type = url.queryParameter("filter[entity_type]");
    String responsible = url.queryParameter("filter[responsible_user_id]");
    ArrayNode items = Fixtures.JSON.createArrayNode();
    for (ObjectNode t : tasks) {
      boolean ok = (type == null || type.equals(t.path("entity_type").asText()))
          && (ids.isEmpty() || ids.contains(t.path("entity_id").asText()))
          && (responsible == null || responsible.equals(t.path("responsible_user_id").asText()));
      if (ok) {
        items.add(t);
      }
    }
    if (items.isEmpty()) {
      return new MockResponse.Builder().code(204).build();
    }
    return json(200, "{\"_page\":1,\"_embedded\":{\"tasks\":" + items + "}}");
  }

  private MockResponse createEvent(ObjectNode body) {
    events.add(body);
    ArrayNode items = Fixtures.JSON.createArrayNode();
    for (JsonNode e : body.path("add")) {
      items.addObject().putNull("element_id").putNull("element_type").put("uid", "ev-" + (++nextId))
          .put("phone_number", e.path("phone_number").asText());
    }
    return json(200, "{\"_embedded\":{\"items\":" + items + "}}");
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static String bearer(RecordedRequest r) {
    String h = r.getHeaders().get("Authorization");
    return h != null && h.startsWith("Bearer ") ? h.substring(7) : "";
  }

  private static JsonNode body(RecordedRequest r) {
    return r.getBody() == null ? Fixtures.JSON.nullNode() : Fixtures.tree(r.getBody().utf8());
  }

  public static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/hal+json")
        .addHeader("X-Request-Id", "req-" + Math.abs(body.hashCode())).body(body).build();
  }

  public static MockResponse problem(int code, String title, String detail) {
    ObjectNode p = Fixtures.JSON.createObjectNode();
    p.put("title", title).put("type", "https://httpstatus.es/" + code).put("status", code)
        .put("detail", detail);
    return new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/problem+json").body(p.toString()).build();
  }
}
