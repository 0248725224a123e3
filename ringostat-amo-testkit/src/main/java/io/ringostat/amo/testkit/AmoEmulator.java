package io.ringostat.amo.testkit;

import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.settings.AmoAccount;
import io.ringostat.amo.core.settings.FieldMapping;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.PipelineRule;
import io.ringostat.amo.core.settings.PipelineTarget;
import io.ringostat.amo.testkit.internal.AccountFactory;
import io.ringostat.amo.testkit.internal.Emulation;
import io.ringostat.amo.testkit.internal.EmulatorConfig;
import io.ringostat.amo.testkit.internal.EmulatorConfig.ContactSeed;
import io.ringostat.amo.testkit.internal.EmulatorConfig.DealSeed;
import io.ringostat.amo.testkit.internal.EmulatorConfig.FieldSpec;
import io.ringostat.amo.testkit.internal.EmulatorConfig.OAuthClientSpec;
import io.ringostat.amo.testkit.internal.EmulatorConfig.PipelineSpec;
import io.ringostat.amo.testkit.internal.EmulatorConfig.StatusSpec;
import io.ringostat.amo.testkit.internal.EmulatorConfig.UserSpec;
import io.ringostat.amo.testkit.internal.EmulatorDispatcher;
import io.ringostat.amo.testkit.internal.NoDelayServerSocketFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;

/**
 * An in-process, stateful emulator of the part of amoCRM's REST API v4 that the SDK uses, served
 * over real HTTP on {@code 127.0.0.1}: contacts, leads, {@code leads/complex}, unsorted SIP
 * requests, notes, calls, tasks, call popups, OAuth and long-lived tokens, the rate limit and the
 * account block, with the shapes documented in the reference. Point any amoCRM client at {@link
 * #baseUrl()} with {@link #token()}.
 *
 * <pre>{@code
 * try (AmoEmulator amo = AmoEmulator.builder().user(504141, "Anna").start()) {
 *   // ... run the code under test against amo.baseUrl() with amo.token() ...
 *   assertThat(amo.contactsByPhone("+380 44 123 45 67")).hasSize(1);
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> {@link Builder#start()} binds a free port and returns a running emulator;
 * {@link #close()} stops it. Each emulator is independent; start one per test (it takes a few
 * milliseconds) or use {@link AmoEmulatorExtension}.
 *
 * <p><b>Thread-safety.</b> All methods are thread-safe. Requests are applied one at a time, so a
 * batch is validated and saved atomically; the inspection methods return immutable snapshots.
 *
 * <p><b>Secrets.</b> Tokens never appear in {@link #toString()}, the {@linkplain #requestLog()
 * request log} or exception messages.
 */
public final class AmoEmulator implements AutoCloseable {
  private final MockWebServer server;
  private final Emulation emulation;
  private final Faults faults;
  private final String baseUrl;
  private final String token;

  private AmoEmulator(EmulatorConfig config) {
    this.emulation = new Emulation(config);
    this.faults = new Faults(emulation.faults());
    this.token =
        config.longLivedTokens().isEmpty()
            ? emulation.newLongLivedToken()
            : config.longLivedTokens().get(0);
    this.server = new MockWebServer();
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.setDispatcher(new EmulatorDispatcher(emulation, this::drainServerQueue));
    try {
      server.start(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the amoCRM emulator on 127.0.0.1", e);
    }
    this.baseUrl = "http://127.0.0.1:" + server.getPort();
    emulation.baseUrl(baseUrl);
  }

  /** A builder with defaults: subdomain {@code demo}, Europe/Kyiv, one admin user, one pipeline. */
  public static Builder builder() {
    return new Builder();
  }

  /** MockWebServer queues every request for {@code takeRequest()}; we never read it, so drop it. */
  private void drainServerQueue() {
    try {
      server.takeRequest(0, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- connection --------------------------------------------------------------------------

  /** Where to send requests, e.g. {@code http://127.0.0.1:53219} (no trailing slash). */
  public String baseUrl() {
    return baseUrl;
  }

  /** The port the emulator listens on. */
  public int port() {
    return server.getPort();
  }

  /** The account's subdomain (as {@code GET /api/v4/account} reports it). */
  public String subdomain() {
    return emulation.subdomain();
  }

  /**
   * A valid long-lived token: the first one given to {@link Builder#longLivedToken(String)}, or one
   * the emulator generated when none was given.
   */
  public String token() {
    return token;
  }

  /** The account's users, pipelines (with Unsorted, 142, 143) and custom fields. */
  public AccountCatalog catalog() {
    return emulation.catalog();
  }

  /** The clock timestamps, token expiry and the rate-limit window run on. */
  public Clock clock() {
    return emulation.clock();
  }

  // ---- inspection --------------------------------------------------------------------------

  /** All live contacts (including those of pending unsorted requests), in id order. */
  public List<StoredContact> contacts() {
    return emulation.contacts();
  }

  public Optional<StoredContact> contact(long id) {
    return emulation.contact(id);
  }

  /**
   * Live contacts whose PHONE values end with the same ten digits as {@code phone}, in any format
   * ({@code +380 (44) 123-45-67}, {@code 0441234567}, …), including unsorted ones.
   */
  public List<StoredContact> contactsByPhone(String phone) {
    return emulation.contactsByPhone(phone);
  }

  /** All live deals, in id order. */
  public List<StoredDeal> deals() {
    return emulation.deals();
  }

  public Optional<StoredDeal> deal(long id) {
    return emulation.deal(id);
  }

  /** Live deals linked to the contact, open or closed. */
  public List<StoredDeal> dealsOfContact(long contactId) {
    return emulation.dealsOfContact(contactId);
  }

  public List<StoredCompany> companies() {
    return emulation.companies();
  }

  /** All notes, in id order (call records from {@code /api/v4/calls} included). */
  public List<StoredNote> notes() {
    return emulation.notes();
  }

  /**
   * Notes of one entity.
   *
   * @param entityType {@code leads}, {@code contacts} or {@code companies}
   */
  public List<StoredNote> notes(String entityType, long entityId) {
    return emulation.notes(entityType, entityId);
  }

  /** Notes whose {@code params.uniq} is {@code uniq}: the call records of one call. */
  public List<StoredNote> notesByUniq(String uniq) {
    return emulation.notesByUniq(uniq);
  }

  public List<StoredTask> tasks() {
    return emulation.tasks();
  }

  public List<StoredTask> tasksByAssignee(long userId) {
    return emulation.tasksByAssignee(userId);
  }

  /** Every unsorted request ever created, pending or decided, oldest first. */
  public List<StoredUnsorted> unsorted() {
    return emulation.unsorted();
  }

  /** Incoming-call popups sent through {@code POST /api/v2/events}. */
  public List<StoredCallEvent> callEvents() {
    return emulation.callEvents();
  }

  /**
   * The last {@value io.ringostat.amo.testkit.internal.RequestLog#CAPACITY} requests, oldest first.
   */
  public List<LoggedRequest> requestLog() {
    return emulation.log().entries();
  }

  /**
   * How many logged requests had {@code method} (null or {@code "*"}: any) and a path starting with
   * {@code pathPrefix}; faulted and rejected requests count too.
   */
  public int requestCount(String method, String pathPrefix) {
    return emulation.log().count(method, pathPrefix);
  }

  public void resetRequestLog() {
    emulation.log().clear();
  }

  // ---- control -----------------------------------------------------------------------------

  /** The fault injection of this emulator. */
  public Faults faults() {
    return faults;
  }

  /**
   * Deactivates user {@code id}, as an admin does when a manager leaves: contacts and deals keep
   * them as responsible, but they can no longer be made responsible. True when the user exists.
   */
  public boolean deactivateUser(long id) {
    return emulation.deactivateUser(id);
  }

  /** Revokes one token (long-lived, access or refresh); true when it existed. */
  public boolean revokeToken(String token) {
    return emulation.revokeToken(token);
  }

  /**
   * Revokes every token, as a password change does: every API call gets 401 and every refresh token
   * reports "Token has been revoked" until new credentials are issued.
   */
  public void revokeAllTokens() {
    emulation.revokeAllTokens();
  }

  /**
   * A user of this account answers amoCRM's "Allow access" page for the OAuth client {@code
   * clientId} (reference §1.1): returns the address amoCRM sends the browser to, the client's
   * redirect URI with {@code code} (a fresh single-use code, 20 minutes), {@code state}, {@code
   * referer} ({@code {subdomain}.amocrm.ru}), {@code platform=1} and {@code client_id}; or, when
   * the user refuses, with {@code error=access_denied}, {@code state} and {@code client_id}.
   * Over HTTP, {@code GET /oauth?client_id=..&state=..[&approve=0]} answers the same as a 302
   * (amoCRM's consent page, approved or refused at once).
   *
   * @throws IllegalArgumentException if no such client is registered
   */
  public String authorize(String clientId, String state, boolean allow) {
    return emulation.authorize(requireText(clientId, "clientId"), state == null ? "" : state,
        allow).orElseThrow(() -> new IllegalArgumentException("clientId: no such OAuth client"));
  }

  /**
   * The account turns the integration {@code clientId} off: every token issued to it is revoked,
   * and the address of the disconnect hook call amoCRM makes is returned: {@code hookUrl} with
   * {@code account_id}, {@code client_uuid} and {@code signature}, the hex HMAC-SHA256 of {@code
   * client_uuid|account_id} keyed with the client secret (as amoCRM is reported to sign it; see
   * docs/install.md). The caller sends the GET.
   */
  public String uninstall(String clientId, String hookUrl) {
    OAuthClientSpec client = emulation.oauthClient(requireText(clientId, "clientId"))
        .orElseThrow(() -> new IllegalArgumentException("clientId: no such OAuth client"));
    emulation.revokeClient(clientId);
    String accountId = Long.toString(emulation.accountId());
    String signature;
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(
          client.clientSecret().getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
      signature = java.util.HexFormat.of().formatHex(mac.doFinal((clientId + "|" + accountId)
          .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return requireText(hookUrl, "hookUrl") + (hookUrl.contains("?") ? "&" : "?")
        + "account_id=" + accountId + "&client_uuid=" + encode(clientId)
        + "&signature=" + signature;
  }

  /** The account's id (as {@code GET /api/v4/account} reports it). */
  public long accountId() {
    return emulation.accountId();
  }

  /** Renames the account's subdomain, as an admin can in amoCRM's settings. */
  public void renameSubdomain(String subdomain) {
    if (subdomain == null || !AmoAccount.SUBDOMAIN.matcher(subdomain).matches()) {
      throw new IllegalArgumentException("subdomain: lower-case letters, digits and hyphens");
    }
    emulation.renameSubdomain(subdomain);
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s == null ? "" : s, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Makes {@code token} a valid long-lived token (e.g. the user generated a new one). */
  public void issueLongLivedToken(String token) {
    emulation.issueLongLivedToken(requireText(token, "token"));
  }

  /**
   * Makes {@code code} a valid authorization code for 20 minutes, redeemable by any OAuth client.
   */
  public void issueAuthorizationCode(String code) {
    emulation.issueAuthorizationCode(requireText(code, "code"));
  }

  /** Blocks the account: every request gets 403 with nginx's HTML page until {@link #unblock()}. */
  public void block() {
    emulation.block();
  }

  /** Lifts a block (set by {@link #block()} or by repeated 429s) and resets the rate window. */
  public void unblock() {
    emulation.unblock();
  }

  public boolean isBlocked() {
    return emulation.isBlocked();
  }

  /**
   * Accepts a pending unsorted request as a manager would in amoCRM's interface.
   *
   * @param userId the accepting user, who becomes responsible for the lead and contact; null to
   *     keep the responsible
   * @param statusId the stage the lead moves to; null for the pipeline's first stage
   * @throws IllegalArgumentException if the uid is unknown or not pending, or the ids are invalid
   */
  public void acceptUnsorted(String uid, Long userId, Long statusId) {
    emulation.acceptUnsorted(uid, userId, statusId);
  }

  /**
   * Adds a contact with a WORK phone now (as if another integration created it); returns its id.
   */
  public long addContact(String name, String phone, long responsibleUserId) {
    return emulation.seedContact(name, phone, responsibleUserId);
  }

  /** Adds a deal linked to a contact now; returns its id. */
  public long addDeal(long contactId, long pipelineId, long statusId, long responsibleUserId) {
    return emulation.seedDeal(contactId, pipelineId, statusId, responsibleUserId);
  }

  /** Stops the server; connections still open (e.g. stalled ones) are closed. Idempotent. */
  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "AmoEmulator[" + baseUrl + ", subdomain=" + emulation.subdomain() + "]";
  }

  private static String requireText(String s, String name) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(name + ": must not be blank");
    }
    return s;
  }

  /**
   * Configures and starts an {@link AmoEmulator}. Reusable: each {@link #start()} starts a new,
   * independent emulator from the current configuration. Not thread-safe.
   */
  public static final class Builder {
    private String subdomain = "demo";
    private String accountName;
    private ZoneId timeZone = ZoneId.of("Europe/Kyiv");
    private String country = "UA";
    private final Map<Long, UserSpec> users = new LinkedHashMap<>();
    private Long currentUser;
    private final Map<Long, PipelineSpec> pipelines = new LinkedHashMap<>();
    private final List<FieldSpec> fields = new ArrayList<>();
    private final List<String> longLivedTokens = new ArrayList<>();
    private final List<OAuthClientSpec> oauthClients = new ArrayList<>();
    private final List<String> codes = new ArrayList<>();
    private Duration accessTokenLifetime = Duration.ofDays(1);
    private int rateLimit = 7;
    private int blockAfter = 20;
    private Duration retryAfter;
    private Clock clock = Clock.systemUTC();
    private long seed = 1;
    private final List<ContactSeed> contacts = new ArrayList<>();
    private final List<DealSeed> deals = new ArrayList<>();
    private final java.util.Map<Integer, String> taskTypes = new java.util.LinkedHashMap<>();
    private long nextFieldId = 710001;

    private Builder() {}

    /** The account subdomain; default {@code demo}. */
    public Builder subdomain(String subdomain) {
      if (subdomain == null || !AmoAccount.SUBDOMAIN.matcher(subdomain).matches()) {
        throw new IllegalArgumentException("subdomain: lower-case letters, digits and hyphens");
      }
      this.subdomain = subdomain;
      return this;
    }

    /** The account name; default: the subdomain. */
    public Builder accountName(String name) {
      this.accountName = requireText(name, "accountName");
      return this;
    }

    /**
     * The account's country (ISO 3166, e.g. {@code "RU"}), reported by {@code GET
     * /api/v4/account}; default {@code "UA"}. The SDK chooses the CRM texts' language from it.
     */
    public Builder country(String iso) {
      this.country = requireText(iso, "country").toUpperCase(java.util.Locale.ROOT);
      return this;
    }

    /** The account's time zone, reported in {@code datetime_settings}; default Europe/Kyiv. */
    public Builder timeZone(ZoneId zone) {
      this.timeZone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /** Adds an active user. The first user added is the admin the tokens act as. */
    public Builder user(long id, String name) {
      return user(id, name, true);
    }

    /** Adds a user; inactive users cannot be responsible or authors (400 NotSupportedChoice). */
    public Builder user(long id, String name, boolean active) {
      if (id <= 0) {
        throw new IllegalArgumentException("user id: must be positive");
      }
      users.put(id, new UserSpec(id, requireText(name, "name"), active));
      return this;
    }

    /** The user the tokens act as ({@code current_user_id}); default: the first user. */
    public Builder currentUser(long id) {
      this.currentUser = id;
      return this;
    }

    /**
     * Adds a pipeline with its regular stages in order. The emulator adds its Unsorted stage (type
     * 1) and the system stages 142 (won) and 143 (lost). Without any pipeline, the emulator has one
     * main pipeline 3383152 with stages 33929752, 33929755, 33929758.
     */
    public Builder pipeline(long id, String name, boolean main, AccountCatalog.Status... statuses) {
      List<StatusSpec> list =
          Arrays.stream(statuses).map(s -> new StatusSpec(s.id(), s.name())).toList();
      pipelines.put(id, new PipelineSpec(id, requireText(name, "name"), main, list));
      return this;
    }

    /** Adds a pipeline given as the core's catalog value (statuses 142/143 may be included). */
    public Builder pipeline(AccountCatalog.Pipeline pipeline) {
      return pipeline(
          pipeline.id(),
          pipeline.name(),
          pipeline.main(),
          pipeline.statuses().toArray(new AccountCatalog.Status[0]));
    }

    /** A status value for {@link #pipeline(long, String, boolean, AccountCatalog.Status...)}. */
    public static AccountCatalog.Status status(long id, String name) {
      return new AccountCatalog.Status(id, name);
    }

    /**
     * Adds a custom field. Built in: contacts PHONE and EMAIL (multitext with WORK/MOB/… enums),
     * POSITION; companies PHONE, EMAIL, WEB; leads UTM_SOURCE, UTM_MEDIUM, UTM_CAMPAIGN, UTM_TERM,
     * UTM_CONTENT, UTM_REFERRER, ROISTAT (tracking_data). A field with the id or code of a built-in
     * one replaces it.
     *
     * @param entity {@code contacts}, {@code leads} or {@code companies}
     * @param code the field code, or null
     * @param type e.g. {@code text}, {@code numeric}, {@code select}, {@code multitext}
     * @param enums enum values for select-like and multitext fields
     */
    public Builder customField(
        String entity, long id, String name, String code, String type, String... enums) {
      if (!Set.of("contacts", "leads", "companies").contains(entity)) {
        throw new IllegalArgumentException("entity: contacts, leads or companies");
      }
      fields.add(
          new FieldSpec(
              entity,
              id,
              requireText(name, "name"),
              code,
              requireText(type, "type"),
              List.of(enums)));
      return this;
    }

    /** Adds a valid long-lived token; the first one is what {@link AmoEmulator#token()} returns. */
    public Builder longLivedToken(String token) {
      longLivedTokens.add(requireText(token, "token"));
      return this;
    }

    /**
     * Registers an OAuth integration for {@code POST /oauth2/access_token}. {@code
     * initialRefreshToken} (may be null) is valid from the start, as if the code exchange had
     * already happened.
     */
    public Builder oauthClient(
        String clientId, String clientSecret, String redirectUri, String initialRefreshToken) {
      oauthClients.add(
          new OAuthClientSpec(
              requireText(clientId, "clientId"),
              requireText(clientSecret, "clientSecret"),
              requireText(redirectUri, "redirectUri"),
              initialRefreshToken));
      return this;
    }

    /** Registers a single-use authorization code, valid 20 minutes from start. */
    public Builder authorizationCode(String code) {
      codes.add(requireText(code, "code"));
      return this;
    }

    /** The lifetime of OAuth access tokens ({@code expires_in}); default 1 day. */
    public Builder accessTokenLifetime(Duration lifetime) {
      if (lifetime.isNegative() || lifetime.isZero()) {
        throw new IllegalArgumentException("accessTokenLifetime: must be positive");
      }
      this.accessTokenLifetime = lifetime;
      return this;
    }

    /** Requests per second per account before 429; default 7; 0 turns the limit off. */
    public Builder rateLimit(int perSecond) {
      if (perSecond < 0) {
        throw new IllegalArgumentException("rateLimit: must not be negative");
      }
      this.rateLimit = perSecond;
      return this;
    }

    /**
     * How many 429s within 60 s the account tolerates; one more blocks it (403 HTML) until {@link
     * AmoEmulator#unblock()}. Default 20; 0 never blocks.
     */
    public Builder blockAfter(int excess429InAMinute) {
      if (excess429InAMinute < 0) {
        throw new IllegalArgumentException("blockAfter: must not be negative");
      }
      this.blockAfter = excess429InAMinute;
      return this;
    }

    /** Adds {@code Retry-After} (whole seconds) to 429 responses; off by default. */
    public Builder retryAfter(Duration retryAfter) {
      this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
      return this;
    }

    /**
     * The clock for timestamps, token expiry and the rate-limit window; default the system UTC
     * clock. With a fixed clock the window never slides: use {@link ManualClock} and advance it, or
     * {@code rateLimit(0)}.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * A custom task type of the account (besides the built-in 1, call, and 2, meeting): tasks may
     * use its id, and {@code GET /api/v4/account?with=task_types} lists it.
     *
     * @throws IllegalArgumentException if {@code id} is 1 or 2 or not positive, or the name blank
     */
    public Builder taskType(int id, String name) {
      if (id <= 2 || name == null || name.isBlank()) {
        throw new IllegalArgumentException("taskType: a custom type needs an id above 2 (1 and 2"
            + " are built in) and a name, got " + id + " '" + name + "'");
      }
      taskTypes.put(id, name);
      return this;
    }

    /** The seed of random faults, uids and tokens; default 1. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Takes the account from integration settings: subdomain and time zone, a user for every
     * employee's amoUserId and for the senior manager, the settings' pipelines plus any pipeline or
     * stage the pipeline rules name, and a text field for every mapped field the account would
     * otherwise lack. Call it first; later calls can add to or override it.
     */
    public Builder fromSettings(IntegrationSettings settings) {
      subdomain(settings.account().subdomain());
      settings.account().timeZone().ifPresent(this::timeZone);
      for (Employee e : settings.employees()) {
        users.putIfAbsent(e.amoUserId(), new UserSpec(e.amoUserId(), e.name(), true));
      }
      users.putIfAbsent(
          settings.seniorManagerUserId(),
          new UserSpec(settings.seniorManagerUserId(), "Senior manager", true));
      settings.pipelines().forEach(this::pipeline);
      List<PipelineTarget> targets = new ArrayList<>();
      settings.defaultPipeline().ifPresent(targets::add);
      settings.pipelineRules().stream().map(PipelineRule::target).forEach(targets::add);
      for (PipelineTarget t : targets) {
        PipelineSpec p = pipelines.get(t.pipelineId());
        List<StatusSpec> statuses = new ArrayList<>(p == null ? List.of() : p.statuses());
        t.statusId()
            .filter(s -> statuses.stream().noneMatch(x -> x.id() == s) && s != 142 && s != 143)
            .ifPresent(s -> statuses.add(new StatusSpec(s, "Status " + s)));
        if (statuses.isEmpty()) {
          statuses.add(new StatusSpec(t.pipelineId() * 10 + 1, "Первичный контакт"));
        }
        pipelines.put(
            t.pipelineId(),
            new PipelineSpec(
                t.pipelineId(),
                p == null ? "Pipeline " + t.pipelineId() : p.name(),
                p != null && p.main(),
                statuses));
      }
      for (FieldMapping m : settings.fieldMappings()) {
        if (!m.writesField()) {
          continue;
        }
        String entity =
            m.entity() == EntityType.CONTACT
                ? "contacts"
                : m.entity() == EntityType.DEAL ? "leads" : "companies";
        boolean known =
            fields.stream()
                    .anyMatch(
                        f ->
                            f.entity().equals(entity)
                                && (m.fieldId().map(id -> id == f.id()).orElse(false)
                                    || m.fieldCode().map(c -> c.equals(f.code())).orElse(false)))
                || m.fieldCode().map(c -> AccountFactory.hasBuiltInField(entity, c)).orElse(false);
        if (!known) {
          long id = m.fieldId().orElseGet(() -> nextFieldId++);
          String code = m.fieldCode().orElse(null);
          fields.add(
              new FieldSpec(
                  entity, id, code != null ? code : "Field " + id, code, "text", List.of()));
        }
      }
      return this;
    }

    /** Seeds a contact with a WORK phone, created before the test starts. */
    public Builder existingContact(String name, String phone, long responsibleUserId) {
      contacts.add(
          new ContactSeed(
              requireText(name, "name"), requireText(phone, "phone"), responsibleUserId));
      return this;
    }

    /**
     * Seeds a deal linked to the last seeded contact with {@code phone} (see {@link
     * #existingContact}); {@code statusId} 142/143 makes it closed.
     */
    public Builder existingDeal(
        String phone, long pipelineId, long statusId, long responsibleUserId) {
      deals.add(new DealSeed(requireText(phone, "phone"), pipelineId, statusId, responsibleUserId));
      return this;
    }

    /**
     * Starts a new emulator on a free port of 127.0.0.1 with this configuration.
     *
     * @throws IllegalArgumentException if the configuration is inconsistent (two main pipelines, a
     *     seed naming an unknown user, pipeline or stage, …)
     * @throws UncheckedIOException if the port cannot be bound
     */
    public AmoEmulator start() {
      if (pipelines.values().stream().filter(PipelineSpec::main).count() > 1) {
        throw new IllegalArgumentException("pipeline: only one pipeline can be main");
      }
      EmulatorConfig config =
          new EmulatorConfig(
              subdomain,
              accountName != null ? accountName : subdomain,
              timeZone,
              new ArrayList<>(users.values()),
              Optional.ofNullable(currentUser),
              new ArrayList<>(pipelines.values()),
              fields,
              longLivedTokens,
              oauthClients,
              codes,
              accessTokenLifetime,
              rateLimit,
              blockAfter,
              Optional.ofNullable(retryAfter),
              clock,
              seed,
              contacts,
              deals,
              country,
              taskTypes);
      return new AmoEmulator(config);
    }
  }
}
