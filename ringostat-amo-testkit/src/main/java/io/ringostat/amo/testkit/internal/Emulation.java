package io.ringostat.amo.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.testkit.StoredCallEvent;
import io.ringostat.amo.testkit.StoredCompany;
import io.ringostat.amo.testkit.StoredContact;
import io.ringostat.amo.testkit.StoredDeal;
import io.ringostat.amo.testkit.StoredNote;
import io.ringostat.amo.testkit.StoredTask;
import io.ringostat.amo.testkit.StoredUnsorted;
import io.ringostat.amo.testkit.internal.EmulatorConfig.ContactSeed;
import io.ringostat.amo.testkit.internal.EmulatorConfig.DealSeed;
import io.ringostat.amo.testkit.internal.EmulatorConfig.OAuthClientSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import okhttp3.HttpUrl;

/**
 * The emulated account behind the HTTP server: rate limit → authentication → routing to the
 * endpoint handlers, all state changes under one lock (so a batch is validated and applied
 * atomically), plus the inspection and control operations of {@code AmoEmulator}. Thread-safe.
 */
public final class Emulation {
  private final Object lock = new Object();
  private final Env env;
  private final Tokens tokens;
  private final RateLimiter rateLimiter;
  private final Optional<Duration> retryAfter;
  private final Router router = new Router();
  private final OAuthApi oauth;
  private final Snapshots snapshots;
  private final RequestLog log = new RequestLog();
  private final FaultInjector faults;

  public Emulation(EmulatorConfig config) {
    Account account = AccountFactory.create(config);
    Store store = new Store(config.seed());
    this.env = new Env(account, store, config.clock());
    env.taskTypes.putAll(config.taskTypes());
    this.tokens =
        new Tokens(config.seed(), account.id, account.currentUserId, config.accessTokenLifetime());
    this.rateLimiter = new RateLimiter(config.rateLimitPerSecond(), config.blockAfter());
    this.retryAfter = config.retryAfter();
    this.snapshots = new Snapshots(store);
    this.faults = new FaultInjector(config.seed());
    long now = env.now();
    config.longLivedTokens().forEach(tokens::addLongLived);
    for (OAuthClientSpec c : config.oauthClients()) {
      tokens.addClient(c, now);
    }
    config.authorizationCodes().forEach(c -> tokens.addCode(c, now));

    Render render = new Render(env);
    EntityParser parser = new EntityParser(env);
    EntityWriter writer = new EntityWriter(env);
    UnsortedBook book = new UnsortedBook(env, writer);
    NotesApi notes = new NotesApi(env, render, parser);
    oauth = new OAuthApi(env, tokens);
    oauth.register(router);
    new AccountApi(env, render).register(router);
    new ContactsApi(env, render, parser, writer).register(router);
    new UnsortedApi(env, render, parser, book).register(router);
    new ComplexApi(env, parser, writer, book).register(router);
    new LeadsApi(env, render, parser, writer).register(router);
    new CompaniesApi(env, render).register(router);
    notes.register(router);
    new CallsApi(env, parser, notes).register(router);
    new TasksApi(env, render, parser).register(router);
    new EventsApi(env).register(router);

    for (ContactSeed c : config.contacts()) {
      seedContact(c.name(), c.phone(), c.responsibleUserId());
    }
    for (DealSeed d : config.deals()) {
      long contactId =
          contactsByPhone(d.phone()).stream()
              .mapToLong(StoredContact::id)
              .max()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "existingDeal: no seeded contact has phone " + d.phone()));
      seedDeal(contactId, d.pipelineId(), d.statusId(), d.responsibleUserId());
    }
  }

  /** Sets the base URL used in {@code _links} once the server listens. */
  public void baseUrl(String baseUrl) {
    env.baseUrl(baseUrl);
  }

  public Clock clock() {
    return env.clock;
  }

  public FaultInjector faults() {
    return faults;
  }

  public RequestLog log() {
    return log;
  }

  public Optional<Duration> retryAfter() {
    return retryAfter;
  }

  /** Handles one HTTP request: rate limit, authentication on {@code /api/**}, then the endpoint. */
  public ApiResponse handle(ApiRequest r) {
    switch (rateLimiter.admit(env.clock.millis())) {
      case BLOCKED:
        return Problems.blocked();
      case LIMITED:
        return Problems.tooManyRequests(retryAfter.orElse(null));
      default:
        break;
    }
    long actor = env.account.currentUserId;
    if (r.path().startsWith("/api/")) {
      Optional<Long> user = r.bearerToken().flatMap(t -> tokens.authenticate(t, env.now()));
      if (user.isEmpty()) {
        return Problems.unauthorized();
      }
      actor = user.get();
    }
    return route(r, actor);
  }

  private ApiResponse route(ApiRequest r, long actor) {
    synchronized (lock) {
      try {
        return router.route(r, actor);
      } catch (ApiException e) {
        return e.response();
      } catch (RuntimeException e) {
        return Problems.problem(500, "Internal Server Error", "Emulator failure: " + e);
      }
    }
  }

  /**
   * Runs a request straight against the handlers (no rate limit, auth or log); throws on non-2xx.
   */
  private JsonNode internal(String method, String path, JsonNode body) {
    HttpUrl url = HttpUrl.get("http://127.0.0.1" + path);
    ApiResponse resp =
        route(
            new ApiRequest(method, url, null, body == null ? "" : Json.write(body)),
            env.account.currentUserId);
    if (resp.status() >= 300) {
      throw new IllegalArgumentException(
          method + " " + path + " failed with HTTP " + resp.status() + ": " + resp.body());
    }
    return resp.body().isEmpty() ? Json.object() : Json.parse(resp.body());
  }

  // ---- seeding -------------------------------------------------------------------------------

  /** Creates a contact with a WORK phone as if through the API; returns its id. */
  public long seedContact(String name, String phone, long responsibleUserId) {
    ArrayNode body = Json.array();
    ObjectNode c = body.addObject();
    c.put("name", name);
    c.put("responsible_user_id", responsibleUserId);
    if (phone != null) {
      c.putArray("custom_fields_values")
          .addObject()
          .put("field_code", "PHONE")
          .putArray("values")
          .addObject()
          .put("value", phone)
          .put("enum_code", "WORK");
    }
    return internal("POST", "/api/v4/contacts", body).at("/_embedded/contacts/0/id").asLong();
  }

  /** Creates a deal linked to {@code contactId} as if through the API; returns its id. */
  public long seedDeal(long contactId, long pipelineId, long statusId, long responsibleUserId) {
    ArrayNode body = Json.array();
    ObjectNode l = body.addObject();
    l.put("pipeline_id", pipelineId);
    l.put("status_id", statusId);
    l.put("responsible_user_id", responsibleUserId);
    l.putObject("_embedded")
        .putArray("contacts")
        .addObject()
        .put("id", contactId)
        .put("is_main", true);
    return internal("POST", "/api/v4/leads", body).at("/_embedded/leads/0/id").asLong();
  }

  /** Accepts a pending unsorted request as a manager would in the web interface. */
  public void acceptUnsorted(String uid, Long userId, Long statusId) {
    ObjectNode body = Json.object();
    if (userId != null) {
      body.put("user_id", userId);
    }
    if (statusId != null) {
      body.put("status_id", statusId);
    }
    internal("POST", "/api/v4/leads/unsorted/" + uid + "/accept", body);
  }

  // ---- credentials and limits ------------------------------------------------------------------

  public boolean revokeToken(String token) {
    return tokens.revoke(token);
  }

  public void revokeAllTokens() {
    tokens.revokeAll();
  }

  public void issueLongLivedToken(String token) {
    tokens.addLongLived(token);
  }

  public String newLongLivedToken() {
    return tokens.newLongLivedToken(env.now());
  }

  public void issueAuthorizationCode(String code) {
    tokens.addCode(code, env.now());
  }

  /** The OAuth client registered as {@code clientId}, if any. */
  public java.util.Optional<EmulatorConfig.OAuthClientSpec> oauthClient(String clientId) {
    return tokens.client(clientId);
  }

  /** See {@code AmoEmulator.authorize}. */
  public java.util.Optional<String> authorize(String clientId, String state, boolean allow) {
    return oauth.redirect(clientId, state, allow);
  }

  public void revokeClient(String clientId) {
    tokens.revokeClient(clientId);
  }

  public long accountId() {
    return env.account.id;
  }

  public void renameSubdomain(String subdomain) {
    env.account.subdomain = subdomain;
  }

  public void block() {
    rateLimiter.block();
  }

  public void unblock() {
    rateLimiter.unblock();
  }

  public boolean isBlocked() {
    return rateLimiter.isBlocked();
  }

  // ---- inspection ------------------------------------------------------------------------------

  private <E, S> List<S> select(
      Supplier<Stream<E>> source, Predicate<E> filter, Function<E, S> snapshot) {
    synchronized (lock) {
      return source.get().filter(filter).map(snapshot).toList();
    }
  }

  public AccountCatalog catalog() {
    return env.account.toCatalog();
  }

  public String subdomain() {
    return env.account.subdomain;
  }

  /** Deactivates a user at runtime; their entities keep them as responsible. */
  public boolean deactivateUser(long id) {
    return env.account.deactivate(id);
  }

  public List<StoredContact> contacts() {
    return select(() -> env.store.contacts.values().stream(), c -> !c.deleted, snapshots::contact);
  }

  public Optional<StoredContact> contact(long id) {
    synchronized (lock) {
      return env.store.contact(id).map(snapshots::contact);
    }
  }

  public List<StoredContact> contactsByPhone(String phone) {
    synchronized (lock) {
      return env.store.contactsWithPhone(phone, false).stream().map(snapshots::contact).toList();
    }
  }

  public List<StoredDeal> deals() {
    return select(() -> env.store.leads.values().stream(), l -> !l.deleted, snapshots::deal);
  }

  public Optional<StoredDeal> deal(long id) {
    synchronized (lock) {
      return env.store.lead(id).map(snapshots::deal);
    }
  }

  public List<StoredDeal> dealsOfContact(long contactId) {
    synchronized (lock) {
      return env.store.leadsOf(contactId).stream().map(snapshots::deal).toList();
    }
  }

  public List<StoredCompany> companies() {
    return select(() -> env.store.companies.values().stream(), c -> !c.deleted, snapshots::company);
  }

  public List<StoredNote> notes() {
    return select(() -> env.store.notes.values().stream(), n -> true, snapshots::note);
  }

  public List<StoredNote> notes(String entityType, long entityId) {
    return select(
        () -> env.store.notes.values().stream(),
        n -> n.entityType.equals(entityType) && n.entityId == entityId,
        snapshots::note);
  }

  public List<StoredNote> notesByUniq(String uniq) {
    return select(
        () -> env.store.notes.values().stream(),
        n -> n.params.hasNonNull("uniq") && n.params.get("uniq").asText().equals(uniq),
        snapshots::note);
  }

  public List<StoredTask> tasks() {
    return select(() -> env.store.tasks.values().stream(), t -> true, snapshots::task);
  }

  public List<StoredTask> tasksByAssignee(long userId) {
    return select(
        () -> env.store.tasks.values().stream(),
        t -> t.responsibleUserId == userId,
        snapshots::task);
  }

  public List<StoredUnsorted> unsorted() {
    return select(
        () ->
            env.store.unsorted.values().stream().sorted(Comparator.comparingLong(u -> u.createdAt)),
        u -> true,
        snapshots::unsorted);
  }

  public List<StoredCallEvent> callEvents() {
    return select(() -> env.store.callEvents.stream(), e -> true, snapshots::callEvent);
  }
}
