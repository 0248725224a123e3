package io.ringostat.amo.webhooks;

import io.ringostat.amo.engine.IntegrationEngine;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP receiver in front of an {@link IntegrationEngine} (R-SOURCES), on an embedded Jetty:
 *
 * <ul>
 *   <li>{@code POST /calls}: one call event as JSON ({@code docs/events.md}), or a JSON Lines batch
 *       with {@code Content-Type: application/x-ndjson}. The sender signs the raw body with the
 *       shared secret: {@code X-Ringostat-Signature: sha256=<hex HMAC-SHA256>}; with {@code
 *       X-Ringostat-Timestamp: <unix seconds>} the signature covers {@code <timestamp>.<body>} and
 *       the time must be within {@link Builder#timestampTolerance} of the receiver's clock. Answers:
 *       202 journaled ({@code ACCEPTED}), 200 {@code DUPLICATE}, 400 malformed (with {@code
 *       problems}; journaled as REJECTED), 401 bad or missing signature (nothing journaled), 413
 *       over {@link Builder#maxBodyBytes} (read no further), 408 too slow, 503 engine closed.
 *   <li>{@code POST /amocrm/webhook} (or {@code /amocrm/webhook/<token>} with {@link
 *       Builder#amoPathToken}): amoCRM's webhooks; the routing cache forgets what they touched.
 *       403 for another account.
 * </ul>
 *
 * <p>Every 2xx for {@code /calls} is sent after {@link IntegrationEngine#handleAsync} returned,
 * i.e. after the event is in the journal: a sender that got a 2xx may forget the event.
 *
 * <p><b>Slow clients.</b> Each connection's idle timeout bounds every wait for a byte; the body must
 * arrive whole within {@link Builder#bodyTimeout} of the headers. Jetty parses headers without
 * holding a thread.
 *
 * <p><b>Lifecycle.</b> {@link Builder#build()} binds nothing; {@link #start()} binds the port;
 * {@link #close()} stops accepting and waits briefly for requests in progress. The engine is the
 * host's: closing the server does not close it. Thread-safe. The secret never appears in logs,
 * answers or {@link #toString()}.
 *
 * <pre>{@code
 * WebhookServer server = WebhookServer.builder().engine(engine).secret(secretBytes).port(8080)
 *     .build().start();
 * }</pre>
 */
public final class WebhookServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);
  /** Default largest body of {@code POST /calls}: 64 KiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 64 << 10;
  /** Default largest body of an amoCRM webhook delivery: 1 MiB (a mass update sends many). */
  public static final int DEFAULT_MAX_AMO_BODY_BYTES = 1 << 20;

  private final Builder config;
  private final Server server;
  private final ServerConnector connector;

  private WebhookServer(Builder b) {
    this.config = b;
    QueuedThreadPool pool = new QueuedThreadPool(b.maxThreads, Math.min(4, b.maxThreads));
    pool.setName("ringostat-amo-webhooks");
    pool.setDaemon(true);
    this.server = new Server(pool);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(8 << 10);
    this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(b.host);
    connector.setPort(b.port);
    connector.setIdleTimeout(b.idleTimeout.toMillis());
    server.addConnector(connector);
    ErrorHandler errors = new ErrorHandler();
    errors.setShowStacks(false);
    errors.setShowMessageInTitle(false);
    server.setErrorHandler(errors);
    server.setStopTimeout(5_000);
    Optional<CallsEndpoint> calls = b.engine == null ? Optional.empty()
        : Optional.of(new CallsEndpoint(b.engine, new Signature(b.secret), b.clock,
            b.timestampTolerance, b.requireTimestamp, b.maxBodyBytes, b.bodyTimeout));
    Optional<AmoWebhookEndpoint> amo = b.amoWebhooks && b.engine != null
        ? Optional.of(new AmoWebhookEndpoint(b.engine, b.engine.settings().account().subdomain(),
            b.amoAccountId, b.maxAmoBodyBytes, b.bodyTimeout))
        : Optional.empty();
    server.setHandler(new Routes(calls, amo, b.amoPathToken,
        b.oauthInstall.map(OAuthEndpoints::new)));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the port and starts serving; returns this server.
   *
   * @throws IllegalStateException when the port cannot be bound (in use, no permission), with the
   *     cause; choose another port
   */
  public WebhookServer start() {
    try {
      server.start();
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception ignored) {
        // already failing
      }
      throw new IllegalStateException("cannot listen on " + config.host + ":" + config.port
          + ": " + e.getMessage(), e);
    }
    LOG.info("listening on {} ({}{}{})", uri(), config.engine != null ? "POST " + Routes.CALLS
        : "", config.amoWebhooks && config.engine != null
        ? ", POST " + Routes.AMO + (config.amoPathToken.isPresent() ? "/<token>" : "") : "",
        config.oauthInstall.isPresent() ? ", GET " + Routes.INSTALL + ", GET " + Routes.DISCONNECT
            : "");
    if (config.engine != null && config.amoWebhooks && config.amoPathToken.isEmpty()) {
      LOG.warn("amoCRM webhooks are accepted without a path token; anyone who can reach {} can"
          + " make routing ask amoCRM again (caches only, nothing is written)", Routes.AMO);
    }
    return this;
  }

  /** The bound port (useful with {@code port(0)}); -1 before {@link #start()}. */
  public int port() {
    return connector.getLocalPort();
  }

  /** {@code http://host:port}. */
  public URI uri() {
    String host = config.host.contains(":") ? "[" + config.host + "]" : config.host;
    return URI.create("http://" + host + ":" + port());
  }

  /** Stops accepting, waits up to 5 s for requests in progress. Idempotent. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("stopping the receiver failed", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookServer[" + config.host + ":" + (port() > 0 ? port() : config.port)
        + ", secret=***" + (config.amoPathToken.isPresent() ? ", amoPathToken=***" : "") + "]";
  }

  /**
   * Configures a {@link WebhookServer}; {@code engine} and {@code secret} are required. Not
   * thread-safe. {@link #toString()} masks the secret and the token.
   */
  public static final class Builder {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    private IntegrationEngine engine;
    private byte[] secret;
    private String host = "127.0.0.1";
    private int port = 8080;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private int maxAmoBodyBytes = DEFAULT_MAX_AMO_BODY_BYTES;
    private Duration idleTimeout = Duration.ofSeconds(5);
    private Duration bodyTimeout = Duration.ofSeconds(10);
    private Duration timestampTolerance = Duration.ofMinutes(5);
    private boolean requireTimestamp;
    private int maxThreads = 64;
    private boolean amoWebhooks = true;
    private Optional<String> amoPathToken = Optional.empty();
    private Optional<Long> amoAccountId = Optional.empty();
    private Clock clock = Clock.systemUTC();
    private Optional<OAuthInstall> oauthInstall = Optional.empty();

    private Builder() {}

    /**
     * Also serve the OAuth install flow ({@code GET /amocrm/install}, the integration's Redirect
     * URI) and amoCRM's disconnect hook ({@code GET /amocrm/disconnect}); see {@link OAuthInstall}.
     * With it, {@link #engine} and {@link #secret} may be left out: the server then only installs.
     */
    public Builder oauthInstall(OAuthInstall value) {
      this.oauthInstall = Optional.of(Objects.requireNonNull(value, "oauthInstall"));
      return this;
    }

    /** The engine events go to (required); its settings name the amoCRM account. */
    public Builder engine(IntegrationEngine value) {
      this.engine = Objects.requireNonNull(value, "engine");
      return this;
    }

    /** The shared HMAC secret (required, at least 16 bytes); copied. */
    public Builder secret(byte[] value) {
      this.secret = Objects.requireNonNull(value, "secret").clone();
      return this;
    }

    /** The address to bind; default {@code 127.0.0.1} (put a TLS proxy in front). */
    public Builder host(String value) {
      this.host = Objects.requireNonNull(value, "host");
      return this;
    }

    /** The port; 0 picks a free one (see {@link WebhookServer#port()}). Default 8080. */
    public Builder port(int value) {
      if (value < 0 || value > 65535) {
        throw new IllegalArgumentException("port: 0 to 65535, was " + value);
      }
      this.port = value;
      return this;
    }

    /** The largest {@code POST /calls} body; beyond, 413 and nothing more is read. 64 KiB. */
    public Builder maxBodyBytes(int value) {
      if (value < 1024) {
        throw new IllegalArgumentException("maxBodyBytes: at least 1024");
      }
      this.maxBodyBytes = value;
      return this;
    }

    /** The largest amoCRM webhook body; default 1 MiB. */
    public Builder maxAmoBodyBytes(int value) {
      if (value < 1024) {
        throw new IllegalArgumentException("maxAmoBodyBytes: at least 1024");
      }
      this.maxAmoBodyBytes = value;
      return this;
    }

    /** How long a connection may send nothing; default 5 s. */
    public Builder idleTimeout(Duration value) {
      this.idleTimeout = positive(value, "idleTimeout");
      return this;
    }

    /** How long a body may take to arrive whole after its headers; default 10 s. */
    public Builder bodyTimeout(Duration value) {
      this.bodyTimeout = positive(value, "bodyTimeout");
      return this;
    }

    /** How far a signed {@code X-Ringostat-Timestamp} may be from this clock; default 5 min. */
    public Builder timestampTolerance(Duration value) {
      this.timestampTolerance = positive(value, "timestampTolerance");
      return this;
    }

    /** Refuse posts without {@code X-Ringostat-Timestamp} (replay protection); default off. */
    public Builder requireTimestamp(boolean value) {
      this.requireTimestamp = value;
      return this;
    }

    /** Request threads at most; default 64. */
    public Builder maxThreads(int value) {
      if (value < 4) {
        throw new IllegalArgumentException("maxThreads: at least 4");
      }
      this.maxThreads = value;
      return this;
    }

    /** Serve {@code /amocrm/webhook}; default on. */
    public Builder amoWebhooks(boolean value) {
      this.amoWebhooks = value;
      return this;
    }

    /**
     * An unguessable path segment: amoCRM webhooks are then accepted only at {@code
     * /amocrm/webhook/<token>} (16 to 128 of {@code A-Z a-z 0-9 _ -}). amoCRM does not sign its
     * webhooks; this token in the registered URL is what proves a delivery comes from it.
     */
    public Builder amoPathToken(String value) {
      if (!TOKEN.matcher(Objects.requireNonNull(value, "amoPathToken")).matches()) {
        throw new IllegalArgumentException("amoPathToken: 16 to 128 characters of A-Z a-z 0-9 _ -"
            + " (e.g. `openssl rand -hex 16`)");
      }
      this.amoPathToken = Optional.of(value);
      return this;
    }

    /** Also require {@code account[id]} to be this account id. */
    public Builder amoAccountId(long value) {
      this.amoAccountId = Optional.of(value);
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Builds the server; binds nothing until {@link WebhookServer#start()}.
     *
     * @throws IllegalStateException when the engine or the secret is missing
     * @throws IllegalArgumentException when the secret is shorter than 16 bytes
     */
    public WebhookServer build() {
      if (engine == null && oauthInstall.isEmpty()) {
        throw new IllegalStateException("engine: call engine(IntegrationEngine)");
      }
      if (engine != null && secret == null) {
        throw new IllegalStateException("secret: call secret(byte[]) with the shared HMAC secret");
      }
      return new WebhookServer(this);
    }

    @Override
    public String toString() {
      return "WebhookServer.Builder[" + host + ":" + port + ", secret=***]";
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + ": must be positive");
      }
      return d;
    }
  }
}
