package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.core.spi.CrmException.Kind;
import io.ringostat.amo.okhttp.AmoAuthenticationException;
import io.ringostat.amo.okhttp.AmoClientException;
import io.ringostat.amo.okhttp.AmoException;
import io.ringostat.amo.okhttp.AmoPermissionException;
import io.ringostat.amo.okhttp.AmoRateLimitException;
import io.ringostat.amo.okhttp.AmoServiceException;
import io.ringostat.amo.okhttp.RetryPolicy;
import io.ringostat.amo.okhttp.Sleeper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one {@link ApiCall} to amoCRM: block gate → rate limit → Bearer token → OkHttp → status
 * handling, in the one retry loop of the SDK (OkHttp's own retries and redirects are off).
 *
 * <ul>
 *   <li>Connection failures before anything was sent, 429 and, for reads and idempotent writes,
 *       5xx/408 and lost answers are retried with capped exponential backoff and jitter; a 429
 *       pauses the whole account ({@code Retry-After} honoured up to the policy's cap; whether
 *       amoCRM sends it is unconfirmed, reference §16.2, so without it the pause is the backoff).
 *   <li>A create that was sent and got no answer, or a 5xx, is never repeated here: it fails with
 *       kind {@code OUTCOME_UNKNOWN} and the executor checks the CRM first.
 *   <li>401: the token source may refresh once; otherwise {@link AmoAuthenticationException}.
 *   <li>403/402: the gateway enters the blocked state (see {@link BlockGate}).
 * </ul>
 *
 * <p>Thread-safe. Logs DEBUG per attempt, INFO per retry, WARN when retries run out; logs and
 * messages show method and path only (no query string, no headers, no bodies).
 */
public final class AmoTransport {
  private static final Logger LOG = LoggerFactory.getLogger(AmoTransport.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final String USER_AGENT = "ringostat-amo-okhttp/0.1";

  private final OkHttpClient client;
  private final HttpUrl baseUrl;
  private final ErrorMapper errors;
  private final RateLimiter limiter;
  private final BlockGate gate;
  private final AtomicReference<TokenSource> tokens;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RetryPolicy policy;
  private final Backoff backoff;
  private final SafeListener listener;
  private final Metrics metrics;

  public AmoTransport(TransportConfig config, Json json, TokenSource tokens, Metrics metrics) {
    this.client = derive(config);
    this.baseUrl = config.baseUrl();
    this.errors = new ErrorMapper(json);
    this.limiter = RateLimiters.forHost(config.hostKey(), config.clock(), config.rateLimit());
    this.gate = new BlockGate(config.clock(), config.blockedProbeInterval());
    this.tokens = new AtomicReference<>(tokens);
    this.clock = config.clock();
    this.sleeper = config.sleeper();
    this.policy = config.retryPolicy();
    this.backoff = new Backoff(config.retryPolicy(), config.jitter());
    this.listener = new SafeListener(config.listener());
    this.metrics = metrics;
  }

  /** Our client: the host's, derived (never mutated), with redirects and silent retries off. */
  static OkHttpClient derive(TransportConfig config) {
    OkHttpClient.Builder b = config.client() == null ? new OkHttpClient.Builder()
        : config.client().newBuilder();
    b.followRedirects(false).followSslRedirects(false).retryOnConnectionFailure(false)
        .addNetworkInterceptor(new SendMarker());
    Duration[] t = config.timeouts();
    if (t != null) {
      b.connectTimeout(t[0].toMillis(), TimeUnit.MILLISECONDS)
          .readTimeout(t[1].toMillis(), TimeUnit.MILLISECONDS)
          .writeTimeout(t[2].toMillis(), TimeUnit.MILLISECONDS);
    }
    return b.build();
  }

  /** Switches credentials atomically; requests in flight finish with the old ones. */
  public void useTokens(TokenSource source) {
    tokens.set(source);
  }

  public HttpUrl baseUrl() {
    return baseUrl;
  }

  public boolean isBlocked() {
    return gate.isBlocked();
  }

  /**
   * Sends {@code call} and returns its 2xx answer.
   *
   * @throws AmoException for everything else; see the class comment
   */
  public ApiResponse send(ApiCall call, Tally tally) {
    TokenSource.Sender forTokens = c -> send(c, tally);
    String endpoint = call.endpoint();
    int attempt = 0;
    int sent = 0;
    boolean refreshed = false;
    while (true) {
      attempt++;
      gate.admit(call);
      acquirePermit(call);
      String token = call.authenticated() ? bearer(call, forTokens) : null;
      Attempt tag = new Attempt();
      Request request = request(call, token, tag);
      tally.add();
      metrics.requests.increment();
      if (sent++ > 0) {
        metrics.retries.increment();
      }
      LOG.debug("{} (attempt {})", endpoint, attempt);
      Exchange ex;
      try {
        ex = exchange(request);
      } catch (IOException e) {
        String reason = describe(e);
        if (tag.sent && call.mode() == ApiCall.Mode.CREATE) {
          LOG.warn("{}: sent but no answer ({}); outcome unknown", endpoint, reason);
          throw new AmoClientException(Kind.OUTCOME_UNKNOWN, endpoint, endpoint
              + ": the request was sent and no answer came (" + reason
              + "); it may or may not have acted", null);
        }
        if (attempt < policy.maxAttempts()) {
          waitBeforeRetry(call, attempt, reason);
          continue;
        }
        LOG.warn("{}: giving up after {} attempts ({})", endpoint, attempt, reason);
        throw new AmoClientException(Kind.TRANSIENT, endpoint,
            endpoint + ": failed after " + attempt + " attempts (" + reason + ")", null);
      }
      int s = ex.status;
      if (s >= 200 && s < 300) {
        if (ex.tooLarge) {
          throw Json.invalid(endpoint, "the body exceeds " + Json.MAX_BODY_BYTES + " bytes", null);
        }
        if (gate.success()) {
          LOG.info("amoCRM answered again after a block; requests flow");
          listener.unblocked();
        }
        return new ApiResponse(s, ex.headers, ex.body);
      }
      Duration retryAfter = s == 429 ? Backoff.retryAfter(ex.headers.get("Retry-After"), clock)
          : null;
      AmoServiceException error = errors.map(call, s, ex.headers, ex.tooLarge ? null : ex.body,
          retryAfter);
      if (s == 401 && call.authenticated()) {
        if (!refreshed) {
          refreshed = true;
          if (recover(call, token, forTokens)) {
            LOG.info("{}: 401, retrying once with a refreshed token", endpoint);
            attempt--;
            continue;
          }
        }
        AmoAuthenticationException auth = (AmoAuthenticationException) error;
        LOG.warn("{}: authentication failed (HTTP 401); new credentials are needed", endpoint);
        listener.authenticationFailed(auth);
        throw auth;
      }
      if (s == 429) {
        metrics.throttled.increment();
        Duration pause = retryAfter != null ? retryAfter : backoff.delay(attempt);
        limiter.pauseUntil(clock.instant().plus(pause));
        boolean honoured = retryAfter == null || retryAfter.compareTo(policy.maxRetryAfter()) <= 0;
        if (attempt < policy.maxAttempts() && honoured) {
          LOG.info("{}: HTTP 429, account paused for {} ms (attempt {} of {})", endpoint,
              pause.toMillis(), attempt, policy.maxAttempts());
          listener.retrying(endpoint, attempt, pause, "HTTP 429");
          continue;
        }
        LOG.warn("{}: HTTP 429, giving up after {} attempts", endpoint, attempt);
        throw error;
      }
      if (s == 403 || s == 402) {
        if (call.permissionCheck() && errors.isJson(ex.body)) {
          LOG.warn("{}: HTTP {}: the user lacks the rights for this request", endpoint, s);
          throw error;
        }
        Instant next = gate.block();
        LOG.warn("{}: HTTP {}; amoCRM refuses this account's requests; stopping, next probe at {}",
            endpoint, s, next);
        listener.blocked((AmoPermissionException) error, next);
        throw error;
      }
      if (s >= 500 || s == 408) {
        if (call.mode() != ApiCall.Mode.CREATE && attempt < policy.maxAttempts()) {
          waitBeforeRetry(call, attempt, "HTTP " + s);
          continue;
        }
        LOG.warn("{}: HTTP {} after {} attempts{}", endpoint, s, attempt,
            call.mode() == ApiCall.Mode.CREATE ? "; a create: outcome unknown" : "");
        throw error;
      }
      LOG.warn("{}", error.getMessage());
      throw error;
    }
  }

  private void acquirePermit(ApiCall call) {
    try {
      limiter.acquire(clock, sleeper, policy.maxRetryAfter());
    } catch (RateLimiter.PausedTooLong p) {
      throw new AmoRateLimitException(429, call.endpoint(), "Too Many Requests",
          "not sent: the account is paused after a 429 for another "
              + p.remaining().toSeconds() + " s", null, p.remaining());
    } catch (InterruptedException e) {
      throw interrupted(call);
    }
  }

  private String bearer(ApiCall call, TokenSource.Sender forTokens) {
    try {
      return tokens.get().accessToken(forTokens);
    } catch (AmoException e) {
      throw tokenFailure(call, e);
    }
  }

  private boolean recover(ApiCall call, String rejected, TokenSource.Sender forTokens) {
    try {
      return tokens.get().recover(rejected, forTokens);
    } catch (AmoException e) {
      throw tokenFailure(call, e);
    }
  }

  private AmoException tokenFailure(ApiCall call, AmoException e) {
    if (e instanceof AmoAuthenticationException auth) {
      LOG.warn("{}: the access token could not be refreshed: {}", call.endpoint(),
          auth.getMessage());
      listener.authenticationFailed(auth);
      return auth;
    }
    if (e.kind() == Kind.OUTCOME_UNKNOWN || e.kind() == Kind.INVALID_RESPONSE) {
      // The original request was not sent; only the refresh went wrong.
      return new AmoClientException(Kind.TRANSIENT, call.endpoint(), call.endpoint()
          + ": not sent, the access token refresh failed (" + e.getMessage() + ")", null);
    }
    return e;
  }

  private void waitBeforeRetry(ApiCall call, int attempt, String reason) {
    Duration d = backoff.delay(attempt);
    LOG.info("{}: {}; retrying in {} ms (attempt {} of {})", call.endpoint(), reason,
        d.toMillis(), attempt + 1, policy.maxAttempts());
    listener.retrying(call.endpoint(), attempt, d, reason);
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      throw interrupted(call);
    }
  }

  /** Waits the backoff of {@code attempt} (used by the executor before checking the CRM). */
  public void pause(int attempt) {
    try {
      sleeper.sleep(backoff.delay(attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AmoClientException(Kind.TRANSIENT, "", "interrupted", null);
    }
  }

  private static AmoClientException interrupted(ApiCall call) {
    Thread.currentThread().interrupt();
    return new AmoClientException(Kind.TRANSIENT, call.endpoint(),
        call.endpoint() + ": interrupted before sending", null);
  }

  private Request request(ApiCall call, String token, Attempt tag) {
    HttpUrl.Builder url = baseUrl.newBuilder().encodedPath(call.path());
    for (ApiCall.Param p : call.query()) {
      url.addQueryParameter(p.name(), p.value());
    }
    Request.Builder b = new Request.Builder().url(url.build()).tag(Attempt.class, tag)
        .header("Accept", "application/json").header("User-Agent", USER_AGENT);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    RequestBody body = call.body() == null ? null : RequestBody.create(call.body(), JSON);
    if (body == null && !call.method().equals("GET")) {
      body = RequestBody.create(new byte[0], JSON);
    }
    return b.method(call.method(), body).build();
  }

  private Exchange exchange(Request request) throws IOException {
    try (Response r = client.newCall(request).execute()) {
      try {
        return read(r);
      } catch (IOException e) {
        throw new LostBody(e);
      }
    }
  }

  private static Exchange read(Response r) throws IOException {
    ResponseBody body = r.body();
    BufferedSource source = body.source();
    boolean tooLarge = source.request(Json.MAX_BODY_BYTES + 1L);
    byte[] bytes = tooLarge ? new byte[0] : source.readByteArray();
    return new Exchange(r.code(), r.headers(), bytes, tooLarge);
  }

  private static String describe(IOException e) {
    IOException shown = e instanceof LostBody && e.getCause() instanceof IOException c ? c : e;
    String m = shown.getMessage();
    String what = shown.getClass().getSimpleName();
    if (e instanceof LostBody) {
      what = "body cut off: " + what;
    }
    return m == null ? what : what + ": " + Redact.text(stripUrl(m));
  }

  /** OkHttp messages may name the URL; keep the host, drop path and query. */
  private static String stripUrl(String m) {
    return m.replaceAll("(https?://[^/\\s]+)/\\S*", "$1/…");
  }

  private record Exchange(int status, okhttp3.Headers headers, byte[] body, boolean tooLarge) {}

  /** The body of an answer could not be read to the end: the server did act. */
  private static final class LostBody extends IOException {
    private static final long serialVersionUID = 1L;

    LostBody(IOException cause) {
      super(cause);
    }
  }

  /** Per attempt: did the request reach a connected socket? */
  static final class Attempt {
    volatile boolean sent;
  }

  /**
   * A network interceptor runs only once a connection is established: anything failing before it
   * (DNS, connect refused, TLS) surely did not reach amoCRM.
   */
  private static final class SendMarker implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
      Attempt a = chain.request().tag(Attempt.class);
      if (a != null) {
        a.sent = true;
      }
      return chain.proceed(chain.request());
    }
  }
}
