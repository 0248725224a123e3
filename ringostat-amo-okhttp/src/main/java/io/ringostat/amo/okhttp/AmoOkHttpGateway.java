package io.ringostat.amo.okhttp;

import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.settings.AmoAccount;
import io.ringostat.amo.core.settings.AmoZone;
import io.ringostat.amo.core.spi.AmoCrm;
import io.ringostat.amo.core.spi.CrmException;
import io.ringostat.amo.core.spi.Credentials;
import io.ringostat.amo.core.spi.GatewayMetrics;
import io.ringostat.amo.okhttp.internal.ApiCall;
import io.ringostat.amo.okhttp.internal.BaseUrls;
import io.ringostat.amo.okhttp.internal.CatalogLoader;
import io.ringostat.amo.okhttp.internal.Channel;
import io.ringostat.amo.okhttp.internal.Finds;
import io.ringostat.amo.okhttp.internal.Json;
import io.ringostat.amo.okhttp.internal.Metrics;
import io.ringostat.amo.okhttp.internal.OAuthTokenSource;
import io.ringostat.amo.okhttp.internal.Payloads;
import io.ringostat.amo.okhttp.internal.PhoneLookup;
import io.ringostat.amo.okhttp.internal.SafeListener;
import io.ringostat.amo.okhttp.internal.StaticTokenSource;
import io.ringostat.amo.okhttp.internal.TokenSource;
import io.ringostat.amo.okhttp.internal.Tokens;
import io.ringostat.amo.okhttp.internal.Transport;
import io.ringostat.amo.okhttp.internal.Writes;
import io.ringostat.amo.okhttp.internal.wire.AccountDto;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * amoCRM REST API v4 over OkHttp and Jackson: the {@link AmoCrm} port the engine carries plans
 * out with.
 *
 * <pre>{@code
 * AmoRateLimiter account = AmoRateLimiter.perSecond(7);     // share it per account
 * AmoCrm crm = AmoOkHttpGateway.builder()
 *     .account(AmoAccount.of("mycompany", AmoZone.AMOCRM_RU))  // https://mycompany.amocrm.ru
 *     .credentials(LongLivedToken.of(secret))
 *     .rateLimiter(account)
 *     .build();
 * }</pre>
 *
 * <p><b>Requests.</b> Each port method is one amoCRM request (a lookup or a find a few): a new
 * client's contact and deal are one {@code POST /api/v4/leads/complex}; call records are {@code
 * call_in}/{@code call_out} notes on the entity named; tasks and notes are batched. Batch items
 * carry {@code request_id} = the effect key. {@code docs/requests.md} lists the requests.
 *
 * <p><b>Batching under backlog (R-BATCH).</b> The batch writes of concurrent callers — new
 * clients ({@code leads/complex}), call notes per entity type, tasks, task completions, field
 * patches per entity type — share one request, up to 50 items: the first caller waits for a
 * permit, and what other callers queued meanwhile goes with it. A lone caller sends at once.
 * Each caller gets its own ids; a lost answer is every caller's {@code OUTCOME_UNKNOWN}; a
 * validation refusal fails the callers whose items amoCRM named and sends the others again.
 *
 * <p><b>Reliability.</b> One retry layer (OkHttp's silent retries and redirects are off): reads
 * and idempotent writes are retried with capped exponential backoff and jitter; a create is sent
 * again only when it surely did not reach amoCRM or was refused with 429, otherwise it fails with
 * kind {@code OUTCOME_UNKNOWN} and the engine checks with the {@code find*} methods (R-ONCE).
 * Every HTTP exchange ends within {@link Builder#callTimeout}. Permits come from the {@link
 * AmoRateLimiter} (R-LIMITS); a 429 pauses it; a 403 blocks the gateway except a rare probe; a
 * 401 refreshes OAuth tokens once, single-flight per {@link OAuthCredentials}.
 *
 * <p><b>Contract.</b> Thread-safe; share one instance per account. Arguments are non-null.
 * Failures are {@link AmoException}s (subclasses of {@link CrmException}) whose kind follows the
 * {@link AmoCrm} contract: a create's 2xx answer that cannot be read, or that holds a zero or
 * negative id, is {@code INVALID_RESPONSE}; so is a 200 list answer without {@code _embedded}
 * (never read as "nothing found"). Tokens and the client secret never appear in logs, messages
 * or {@link #toString()}, even when amoCRM echoes them. No resources to close: the OkHttp client
 * belongs to the caller (or is a private default).
 */
public final class AmoOkHttpGateway implements AmoCrm {
  private final HttpUrl baseUrl;
  private final AmoRateLimiter limiter;
  private final Clock clock;
  private final Json json;
  private final SafeListener listener;
  private final Metrics metrics = new Metrics();
  private final Tokens tokens;
  private final Transport transport;
  private final Channel http;
  private final PhoneLookup lookup;
  private final Finds finds;
  private final Writes writes;
  private final CatalogLoader catalogLoader;
  private final Object catalogLock = new Object();
  private final AtomicReference<ProbedAccount> probed = new AtomicReference<>();
  private volatile AccountCatalog catalog;
  private volatile Credentials credentials;

  private AmoOkHttpGateway(Builder b, HttpUrl baseUrl) {
    this.baseUrl = baseUrl;
    this.clock = b.clock;
    this.limiter = b.rateLimiter != null ? b.rateLimiter
        : AmoRateLimiter.perSecond(b.rateLimit, b.clock, b.sleeper);
    this.json = Json.create();
    this.listener = new SafeListener(b.listener);
    this.credentials = b.credentials;
    this.tokens = new Tokens(tokens(b.credentials));
    Transport.Config config = new Transport.Config(baseUrl, b.client,
        b.timeouts == null ? null : b.timeouts.clone(), b.callTimeout, limiter, b.retryPolicy,
        b.blockedProbeInterval, b.clock, b.sleeper, b.jitter, listener);
    this.transport = new Transport(config, json, tokens, metrics);
    this.http = transport.channel();
    this.lookup = new PhoneLookup(http, json);
    this.finds = new Finds(http, json, lookup);
    this.writes = new Writes(http, json, new Payloads(json), limiter,
        b.retryPolicy.maxRetryAfter());
    String subdomain = b.account != null ? b.account.subdomain() : baseUrl.host();
    this.catalogLoader = new CatalogLoader(http, json, subdomain,
        b.account == null ? Optional.empty() : b.account.timeZone());
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code GET /api/v4/contacts?query={last ten digits}&with=leads}, hits verified by their
   * PHONE values; then one {@code GET /api/v4/leads?filter[id][]=…} when they have deals; then
   * companies and unsorted requests only when {@code include} asks. 204 is an empty view; a 200
   * without {@code _embedded} is {@code INVALID_RESPONSE}.
   */
  @Override
  public CrmView lookup(PhoneNumber phone, Set<Include> include) {
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(include, "include");
    return lookup.lookup(phone, include);
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code GET /api/v4/account?with=datetime_settings}, {@code /api/v4/users}, {@code
   * /api/v4/leads/pipelines}, {@code /api/v4/{leads,contacts}/custom_fields} (paginated). Listing
   * users needs an admin's token. The time zone is {@link AmoAccount#timeZone()} when set, else
   * the account's, else UTC.
   *
   * <p>Activation calls {@link #probe()} and then {@code catalog(true)}: the load right after a
   * successful probe (within {@link #PROBE_REUSE}) takes the probe's account answer instead of
   * reading {@code /api/v4/account} again, so activation reads the account once.
   */
  @Override
  public AccountCatalog catalog(boolean refresh) {
    AccountCatalog c = catalog;
    if (c != null && !refresh) {
      return c;
    }
    synchronized (catalogLock) {
      if (!refresh && catalog != null) {
        return catalog;
      }
      c = catalogLoader.load(takeProbed());
      catalog = c;
      return c;
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code GET /api/v4/account?with=datetime_settings}; the answer is kept for the next {@link
   * #catalog} load (see there). While the account is blocked this is subject to the probe
   * interval like any request.
   */
  @Override
  public void probe() {
    Optional<AccountDto> account = catalogLoader.probe();
    probed.set(account.isEmpty() ? null : new ProbedAccount(account.get(), clock.instant()));
  }

  /**
   * How long a probe's account answer may stand in for the catalog's account request: activation
   * loads the catalog right after probing; a later load reads the account afresh.
   */
  static final Duration PROBE_REUSE = Duration.ofSeconds(30);

  /** The probe's answer when it is recent, at most once. */
  private Optional<AccountDto> takeProbed() {
    ProbedAccount p = probed.getAndSet(null);
    if (p == null || clock.instant().isAfter(p.at().plus(PROBE_REUSE))) {
      return Optional.empty();
    }
    return Optional.of(p.account());
  }

  private record ProbedAccount(AccountDto account, java.time.Instant at) {}

  /**
   * {@inheritDoc} <p>{@code POST /api/v4/leads/complex}, batched with concurrent callers' new
   * clients (see the class comment).
   */
  @Override
  public ComplexIds createComplex(Effect.CreateContact contact, Effect.CreateDeal deal) {
    return writes.complex(Objects.requireNonNull(contact, "contact"),
        Objects.requireNonNull(deal, "deal"));
  }

  /** {@inheritDoc} <p>{@code POST /api/v4/contacts}. */
  @Override
  public List<Long> createContacts(List<Effect.CreateContact> contacts) {
    return writes.contacts(List.copyOf(contacts));
  }

  /** {@inheritDoc} <p>{@code POST /api/v4/leads}. */
  @Override
  public long createDeal(Effect.CreateDeal deal, Optional<Long> contactId) {
    return writes.deal(Objects.requireNonNull(deal, "deal"),
        Objects.requireNonNull(contactId, "contactId"));
  }

  /** {@inheritDoc} <p>{@code POST /api/v4/leads/unsorted/sip}. */
  @Override
  public UnsortedIds createUnsorted(Effect.CreateUnsorted request) {
    return writes.unsorted(Objects.requireNonNull(request, "request"));
  }

  /** {@inheritDoc} <p>{@code POST /api/v4/{leads|contacts}/notes}; nothing is sent for none. */
  @Override
  public List<Long> createNotes(EntityType entityType, List<NoteRequest> notes) {
    return writes.notes(Objects.requireNonNull(entityType, "entityType"), List.copyOf(notes));
  }

  /**
   * {@inheritDoc} <p>{@code PATCH /api/v4/{leads|contacts}/notes} with a list body, retried like
   * a read; nothing is sent for none.
   */
  @Override
  public void updateNotes(EntityType entityType, List<NoteUpdate> updates) {
    writes.noteUpdates(Objects.requireNonNull(entityType, "entityType"), List.copyOf(updates));
  }

  /** {@inheritDoc} <p>{@code POST /api/v4/tasks}; nothing is sent for none. */
  @Override
  public List<Long> createTasks(List<TaskRequest> tasks) {
    return writes.tasks(List.copyOf(tasks));
  }

  /**
   * {@inheritDoc} <p>{@code PATCH /api/v4/{leads|contacts}} with the entity's id (batched with
   * concurrent patches), retried like a read.
   */
  @Override
  public void updateFields(Effect.UpdateFields update, long entityId) {
    writes.update(Objects.requireNonNull(update, "update"), entityId);
  }

  /**
   * {@inheritDoc} <p>{@code PATCH /api/v4/tasks} with every task's id, retried like a read;
   * nothing is sent for none.
   */
  @Override
  public void completeTasks(List<Effect.CompleteTask> completions) {
    writes.completeTasks(List.copyOf(completions));
  }

  /** {@inheritDoc} <p>{@code POST /api/v2/events}, retried like a read. */
  @Override
  public void notifyIncomingCall(Effect.NotifyIncomingCall notification) {
    writes.notifyIncomingCall(Objects.requireNonNull(notification, "notification"));
  }

  /** {@inheritDoc} <p>The lookup's contact search, then the leads of the hits. */
  @Override
  public Optional<FoundContact> findContact(PhoneNumber phone, String contactName,
      Optional<String> dealName) {
    return finds.contact(Objects.requireNonNull(phone, "phone"),
        Objects.requireNonNull(contactName, "contactName"),
        Objects.requireNonNull(dealName, "dealName"));
  }

  /** {@inheritDoc} <p>{@code GET /api/v4/contacts/{id}?with=leads}, then its leads. */
  @Override
  public Optional<Long> findDeal(long contactId, String dealName) {
    return finds.deal(contactId, Objects.requireNonNull(dealName, "dealName"));
  }

  /** {@inheritDoc} <p>One page of pending SIP requests, newest first. */
  @Override
  public Optional<UnsortedIds> findUnsorted(String uniq) {
    return finds.unsorted(Objects.requireNonNull(uniq, "uniq"));
  }

  /** {@inheritDoc} <p>{@code GET /api/v4/{type}/{id}/notes?filter[note_type]=…}, paged. */
  @Override
  public Set<String> noteUniqs(EntityType entityType, long entityId, CallDirection direction) {
    return finds.noteUniqs(Objects.requireNonNull(entityType, "entityType"), entityId,
        Objects.requireNonNull(direction, "direction"));
  }

  /** {@inheritDoc} <p>The same request as {@link #noteUniqs}, keeping each note's id. */
  @Override
  public Map<String, Optional<Long>> notesByUniq(EntityType entityType, long entityId,
      CallDirection direction) {
    return finds.notesByUniq(Objects.requireNonNull(entityType, "entityType"), entityId,
        Objects.requireNonNull(direction, "direction"));
  }


  /** {@inheritDoc} <p>{@code GET /api/v4/tasks?filter[…]}, paged. */
  @Override
  public List<ExistingTask> findTasks(Optional<EntityType> entityType, Set<Long> entityIds,
      long responsibleUserId) {
    return finds.tasks(Objects.requireNonNull(entityType, "entityType"),
        Set.copyOf(entityIds), responsibleUserId);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Takes effect atomically for the next request. Accepts {@link LongLivedToken} and {@link
   * OAuthCredentials}.
   */
  @Override
  public void useCredentials(Credentials credentials) {
    Objects.requireNonNull(credentials, "credentials");
    tokens.use(tokens(credentials));
    this.credentials = credentials;
  }

  @Override
  public GatewayMetrics metrics() {
    return metrics.snapshot();
  }

  /** True while amoCRM blocks this account (after a 403), until a probe succeeds. */
  public boolean isBlocked() {
    return transport.isBlocked();
  }

  /** The origin every request goes to, e.g. {@code https://mycompany.amocrm.ru/}. */
  public String baseUrl() {
    return baseUrl.toString();
  }

  @Override
  public String toString() {
    return "AmoOkHttpGateway[" + baseUrl + ", credentials=" + credentials + ", " + limiter + "]";
  }

  private TokenSource tokens(Credentials c) {
    if (c instanceof LongLivedToken t) {
      return new StaticTokenSource(t.token());
    }
    if (c instanceof OAuthCredentials o) {
      return new OAuthTokenSource(o.refreshLock(), o.clientId(), o.clientSecret(),
          o.redirectUri(), o.tokenStore(), clock, json, listener);
    }
    throw new IllegalArgumentException("credentials: expected LongLivedToken or OAuthCredentials,"
        + " got " + (c == null ? "null" : c.getClass().getName()));
  }

  /**
   * Builds an {@link AmoOkHttpGateway}. Required: {@link #account} (or, in tests, {@link
   * #insecureLocalBaseUrl}) and {@link #credentials}. {@link #build()} checks everything and says
   * what is missing. Not thread-safe; {@link #toString()} never shows secrets.
   */
  public static final class Builder {
    /** 7 requests per second: amoCRM's documented limit (reference §2.1). */
    public static final double DEFAULT_RATE_LIMIT = 7;
    /** While blocked, one request may probe every 10 minutes. */
    public static final Duration DEFAULT_BLOCKED_PROBE_INTERVAL = Duration.ofMinutes(10);
    /** 30 seconds: the longest one HTTP exchange (connect to last body byte) may take. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

    private AmoAccount account;
    private String localBaseUrl;
    private Credentials credentials;
    private OkHttpClient client;
    private double rateLimit = DEFAULT_RATE_LIMIT;
    private AmoRateLimiter rateLimiter;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private Duration[] timeouts;
    private Duration blockedProbeInterval = DEFAULT_BLOCKED_PROBE_INTERVAL;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
    private GatewayListener listener = GatewayListener.NONE;

    private Builder() {}

    /** The account; requests go to {@code https://{subdomain}.{zone domain}} only. */
    public Builder account(AmoAccount account) {
      this.account = Objects.requireNonNull(account, "account");
      return this;
    }

    /**
     * The account {@code subdomain} on {@code zone}, e.g. {@code ("mycompany", AMOCRM_RU)}.
     *
     * @throws IllegalArgumentException if {@code subdomain} is not plain ASCII letters, digits
     *     and hyphens (hosts, ports, paths, userinfo, IP literals and look-alike letters are
     *     refused)
     */
    public Builder account(String subdomain, AmoZone zone) {
      Objects.requireNonNull(zone, "zone");
      this.account = AmoAccount.of(BaseUrls.subdomain(subdomain), zone);
      return this;
    }

    /** {@link #account(String, AmoZone)} on amocrm.ru. */
    public Builder account(String subdomain) {
      return account(subdomain, AmoZone.AMOCRM_RU);
    }

    public Builder credentials(Credentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /**
     * The client to derive ours from (shares its pools and dispatcher). It is never mutated: we
     * use {@code newBuilder()} and turn off redirects and OkHttp's silent retries.
     */
    public Builder okHttpClient(OkHttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Requests per second of this gateway's own limiter; default 7. Ignored when {@link
     * #rateLimiter} is given. Gateways to one account stay under its limit together only when
     * they share a limiter.
     */
    public Builder rateLimit(double perSecond) {
      this.rateLimit = perSecond;
      return this;
    }

    /**
     * The account's limiter, shared with the other gateways that call the same account (the host
     * owns it, like an OkHttp {@code ConnectionPool}). Without one, the gateway makes its own from
     * {@link #rateLimit}, {@link #clock} and {@link #sleeper}.
     */
    public Builder rateLimiter(AmoRateLimiter limiter) {
      this.rateLimiter = Objects.requireNonNull(limiter, "limiter");
      return this;
    }

    /**
     * The deadline of one HTTP exchange, from connecting to reading the last byte of the answer
     * (OkHttp's {@code callTimeout}); default {@link #DEFAULT_CALL_TIMEOUT}. A server that
     * trickles its answer cannot hold a request longer; a read that hits it is retried, a create
     * fails with kind {@code OUTCOME_UNKNOWN}. It overrides the host client's own call timeout.
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Connect, read and write timeouts; default the client's (OkHttp: 10 s each). */
    public Builder timeouts(Duration connect, Duration read, Duration write) {
      this.timeouts = new Duration[] {Objects.requireNonNull(connect, "connect"),
          Objects.requireNonNull(read, "read"), Objects.requireNonNull(write, "write")};
      return this;
    }

    /** How often a request may probe a blocked account; default 10 minutes. */
    public Builder blockedProbeInterval(Duration interval) {
      this.blockedProbeInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /** The time source (token expiry, Retry-After, block probes, own rate limiter); default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How the gateway waits; default {@link Sleeper#SYSTEM}. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Jitter source in [0, 1); default {@link ThreadLocalRandom}. */
    public Builder jitter(DoubleSupplier jitter) {
      this.jitter = Objects.requireNonNull(jitter, "jitter");
      return this;
    }

    /** Jitter from {@code random} (e.g. seeded in tests). */
    public Builder jitter(Random random) {
      Objects.requireNonNull(random, "random");
      this.jitter = random::nextDouble;
      return this;
    }

    public Builder listener(GatewayListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * TEST ONLY: send requests to a local server, {@code http(s)://127.0.0.1:PORT} or {@code
     * http(s)://localhost:PORT} (MockWebServer, the testkit emulator), instead of the account's
     * host. Any other value is refused.
     *
     * @throws IllegalArgumentException for anything but a loopback origin with a port
     */
    public Builder insecureLocalBaseUrl(String url) {
      BaseUrls.insecureLocal(url);
      this.localBaseUrl = url;
      return this;
    }

    /**
     * @throws IllegalStateException naming what is missing or invalid
     */
    public AmoOkHttpGateway build() {
      if (credentials == null) {
        throw new IllegalStateException("credentials: required (LongLivedToken.of(..) or"
            + " OAuthCredentials.builder()..build())");
      }
      if (account == null && localBaseUrl == null) {
        throw new IllegalStateException("account: required, e.g."
            + " .account(AmoAccount.of(\"mycompany\", AmoZone.AMOCRM_RU))");
      }
      if (!(rateLimit > 0) || rateLimit > 1000) {
        throw new IllegalStateException("rateLimit: must be above 0 and at most 1000 per second,"
            + " was " + rateLimit);
      }
      if (timeouts != null) {
        for (Duration d : timeouts) {
          if (d.isNegative() || d.isZero()) {
            throw new IllegalStateException("timeouts: must be positive");
          }
        }
      }
      if (blockedProbeInterval.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalStateException("blockedProbeInterval: must be at least 1 second");
      }
      if (callTimeout.isNegative() || callTimeout.isZero()) {
        throw new IllegalStateException("callTimeout: must be positive, e.g. Duration.ofSeconds(30)");
      }
      HttpUrl url;
      try {
        url = localBaseUrl != null ? BaseUrls.insecureLocal(localBaseUrl)
            : BaseUrls.forAccount(account);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
      return new AmoOkHttpGateway(this, url);
    }

    @Override
    public String toString() {
      return "AmoOkHttpGateway.Builder[account=" + (account == null ? null : account.host())
          + ", credentials=" + credentials + "]";
    }
  }
}
