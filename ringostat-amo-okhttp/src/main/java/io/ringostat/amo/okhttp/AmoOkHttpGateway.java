package io.ringostat.amo.okhttp;

import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.settings.AmoAccount;
import io.ringostat.amo.core.settings.AmoZone;
import io.ringostat.amo.core.spi.CrmException;
import io.ringostat.amo.core.spi.CrmGateway;
import io.ringostat.amo.core.spi.Credentials;
import io.ringostat.amo.core.spi.ExecutionObserver;
import io.ringostat.amo.core.spi.ExecutionReport;
import io.ringostat.amo.core.spi.GatewayMetrics;
import io.ringostat.amo.okhttp.internal.AmoTransport;
import io.ringostat.amo.okhttp.internal.ApiCall;
import io.ringostat.amo.okhttp.internal.BaseUrls;
import io.ringostat.amo.okhttp.internal.CatalogLoader;
import io.ringostat.amo.okhttp.internal.Json;
import io.ringostat.amo.okhttp.internal.Metrics;
import io.ringostat.amo.okhttp.internal.OAuthTokenSource;
import io.ringostat.amo.okhttp.internal.Payloads;
import io.ringostat.amo.okhttp.internal.PhoneLookup;
import io.ringostat.amo.okhttp.internal.PlanRunner;
import io.ringostat.amo.okhttp.internal.Reconciler;
import io.ringostat.amo.okhttp.internal.SafeListener;
import io.ringostat.amo.okhttp.internal.StaticTokenSource;
import io.ringostat.amo.okhttp.internal.Tally;
import io.ringostat.amo.okhttp.internal.TokenSource;
import io.ringostat.amo.okhttp.internal.TransportConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * amoCRM REST API v4 over OkHttp and Jackson: the {@link CrmGateway} the engine runs through.
 *
 * <pre>{@code
 * CrmGateway gateway = AmoOkHttpGateway.builder()
 *     .account(AmoAccount.of("mycompany", AmoZone.AMOCRM_RU))  // https://mycompany.amocrm.ru
 *     .credentials(LongLivedToken.of(secret))
 *     .build();
 * }</pre>
 *
 * <p><b>Requests.</b> A lookup costs one request for an unknown caller and two for a client with
 * deals; a new client's contact and deal are one {@code POST /api/v4/leads/complex}; call records
 * are {@code call_in}/{@code call_out} notes on the entity the plan names; tasks and notes are
 * batched. {@code docs/requests.md} lists the requests of every scenario.
 *
 * <p><b>Reliability.</b> One retry layer (OkHttp's silent retries and redirects are off): reads
 * and idempotent writes are retried with capped exponential backoff and jitter; a create whose
 * outcome is unknown is repeated only after checking amoCRM for what it may already have created
 * (R-ONCE). Permits are evenly spaced, at most {@link Builder#rateLimit} per second for all
 * gateways of the account in this JVM (R-LIMITS); a 429 pauses the account; a 403 blocks the
 * gateway except a rare probe; a 401 refreshes OAuth tokens once, single-flight.
 *
 * <p><b>Contract.</b> Thread-safe; share one instance per account. Arguments are non-null.
 * Failures are {@link AmoException}s (subclasses of {@link CrmException}); {@link #execute} reports
 * effect failures in its report instead of throwing. Tokens never appear in logs, messages or
 * {@link #toString()}. No resources to close: the OkHttp client belongs to the caller (or is a
 * private default).
 */
public final class AmoOkHttpGateway implements CrmGateway {
  private final HttpUrl baseUrl;
  private final String subdomain;
  private final double rateLimit;
  private final Clock clock;
  private final Json json;
  private final SafeListener listener;
  private final Metrics metrics = new Metrics();
  private final AmoTransport http;
  private final PhoneLookup lookup;
  private final PlanRunner runner;
  private final CatalogLoader catalogLoader;
  private final Object catalogLock = new Object();
  private volatile AccountCatalog catalog;
  private volatile Credentials credentials;

  private AmoOkHttpGateway(Builder b, HttpUrl baseUrl) {
    this.baseUrl = baseUrl;
    this.subdomain = b.account != null ? b.account.subdomain() : baseUrl.host();
    this.rateLimit = b.rateLimit;
    this.clock = b.clock;
    this.json = Json.create();
    this.listener = new SafeListener(b.listener);
    this.credentials = b.credentials;
    TransportConfig config = new TransportConfig(baseUrl, b.client,
        b.timeouts == null ? null : b.timeouts.clone(), b.rateLimit, b.retryPolicy,
        b.blockedProbeInterval, b.clock, b.sleeper, b.jitter, listener);
    this.http = new AmoTransport(config, json, tokens(b.credentials), metrics);
    this.lookup = new PhoneLookup(http, json);
    this.runner = new PlanRunner(http, json, new Payloads(json, b.sourceName),
        new Reconciler(http, json, lookup), metrics);
    this.catalogLoader = new CatalogLoader(http, json, subdomain,
        b.account == null ? java.util.Optional.empty() : b.account.timeZone());
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
   * companies and unsorted requests only when {@code include} asks. 204 is an empty view.
   */
  @Override
  public CrmView lookup(PhoneNumber phone, Set<Include> include) {
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(include, "include");
    return lookup.lookup(phone, include, new Tally());
  }

  /** {@inheritDoc} See the class comment and {@code docs/requests.md} for the requests. */
  @Override
  public ExecutionReport execute(Plan plan, Set<EffectKey> uncertain,
      ExecutionObserver observer) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(uncertain, "uncertain");
    Objects.requireNonNull(observer, "observer");
    return runner.execute(plan, uncertain, observer);
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code GET /api/v4/account?with=datetime_settings}, {@code /api/v4/users}, {@code
   * /api/v4/leads/pipelines}, {@code /api/v4/{leads,contacts}/custom_fields} (paginated). Listing
   * users needs an admin's token. The time zone is {@link AmoAccount#timeZone()} when set, else
   * the account's, else UTC.
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
      c = catalogLoader.load(new Tally());
      catalog = c;
      return c;
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code GET /api/v4/account}. While the account is blocked this is subject to the probe
   * interval like any request.
   */
  @Override
  public void probe() {
    http.send(ApiCall.get("/api/v4/account").build(), new Tally());
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
    TokenSource source = tokens(credentials);
    http.useTokens(source);
    this.credentials = credentials;
  }

  @Override
  public GatewayMetrics metrics() {
    return metrics.snapshot();
  }

  /** True while amoCRM blocks this account (after a 403), until a probe succeeds. */
  public boolean isBlocked() {
    return http.isBlocked();
  }

  /** The origin every request goes to, e.g. {@code https://mycompany.amocrm.ru/}. */
  public String baseUrl() {
    return baseUrl.toString();
  }

  @Override
  public String toString() {
    return "AmoOkHttpGateway[" + baseUrl + ", credentials=" + credentials + ", rateLimit="
        + rateLimit + "/s]";
  }

  private TokenSource tokens(Credentials c) {
    if (c instanceof LongLivedToken t) {
      return new StaticTokenSource(t.token());
    }
    if (c instanceof OAuthCredentials o) {
      return new OAuthTokenSource(baseUrl.host() + ":" + baseUrl.port(), o.clientId(),
          o.clientSecret(), o.redirectUri(), o.tokenStore(), clock, json, listener);
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
    /** Name on call records and unsorted requests. */
    public static final String DEFAULT_SOURCE_NAME = "ringostat";

    private AmoAccount account;
    private String localBaseUrl;
    private Credentials credentials;
    private OkHttpClient client;
    private double rateLimit = DEFAULT_RATE_LIMIT;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private Duration[] timeouts;
    private Duration blockedProbeInterval = DEFAULT_BLOCKED_PROBE_INTERVAL;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
    private String sourceName = DEFAULT_SOURCE_NAME;
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

    /** Requests per second for this account across the JVM; default 7. */
    public Builder rateLimit(double perSecond) {
      this.rateLimit = perSecond;
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

    /** The time source (token expiry, backoff, rate limit); default {@link Clock#systemUTC()}. */
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

    /** The name on call records and unsorted requests; default "ringostat". */
    public Builder sourceName(String sourceName) {
      this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
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
      if (sourceName.isBlank() || sourceName.length() > 100) {
        throw new IllegalStateException("sourceName: must be 1 to 100 characters");
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
