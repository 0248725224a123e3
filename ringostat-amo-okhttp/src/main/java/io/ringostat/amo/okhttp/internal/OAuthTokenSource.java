package io.ringostat.amo.okhttp.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringostat.amo.okhttp.AmoAuthenticationException;
import io.ringostat.amo.okhttp.AmoException;
import io.ringostat.amo.okhttp.AmoServiceException;
import io.ringostat.amo.okhttp.GatewayListener;
import io.ringostat.amo.okhttp.TokenPair;
import io.ringostat.amo.okhttp.TokenStore;
import io.ringostat.amo.okhttp.internal.wire.TokenDto;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth 2.0 tokens with refresh (reference §1.2–1.3). amoCRM refresh tokens are single-use, so a
 * refresh is single-flight per credentials object (its lock is shared by every gateway given the
 * same {@code OAuthCredentials}), re-reads
 * the {@link TokenStore} first (another thread or process may already have refreshed: then that
 * pair is used and nothing is sent), and saves the new pair before anyone uses it.
 *
 * <p>Crash safety: before the refresh token is sent the store records that a refresh started
 * ({@link TokenStore#refreshStarted}); the answer is saved before its access token is used. A
 * process killed before sending, or after saving, loses nothing. A process killed after amoCRM
 * answered and before the save lost the new pair, and amoCRM has already spent the old refresh
 * token (single use, reference §1.3): no client can recover that; the next refresh is refused, the
 * store's record of the unfinished refresh names the cause, the account goes BROKEN with an alert
 * asking for a re-install, and the refused token is never sent again (no loop). The window is the
 * time between reading the answer and the store's durable write.
 */
public final class OAuthTokenSource implements TokenSource {
  private static final Logger LOG = LoggerFactory.getLogger(OAuthTokenSource.class);
  /** Refresh this long before the access token expires. */
  static final Duration EARLY = Duration.ofSeconds(60);
  static final String PATH = "/oauth2/access_token";

  private final String clientId;
  private final String clientSecret;
  private final String redirectUri;
  private final TokenStore store;
  private final Clock clock;
  private final Json json;
  private final GatewayListener listener;
  private final ReentrantLock lock;
  private volatile TokenPair current;
  /** A refresh token amoCRM refused; never sent again by this source. */
  private volatile String refused;

  /** @param lock the credentials' refresh lock, shared by every gateway using them */
  public OAuthTokenSource(ReentrantLock lock, String clientId, String clientSecret,
      String redirectUri, TokenStore store, Clock clock, Json json, GatewayListener listener) {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.redirectUri = redirectUri;
    this.store = store;
    this.clock = clock;
    this.json = json;
    this.listener = listener;
    this.lock = lock;
  }

  @Override
  public String accessToken(Sender sender) {
    TokenPair p = current;
    if (p == null) {
      p = load();
      current = p;
    }
    if (expired(p)) {
      p = refresh(p.accessToken(), sender);
    }
    return p.accessToken();
  }

  @Override
  public boolean recover(String rejected, Sender sender) {
    return !refresh(rejected, sender).accessToken().equals(rejected);
  }

  private TokenPair refresh(String stale, Sender sender) {
    lock.lock();
    try {
      TokenPair stored = load();
      if (!stored.accessToken().equals(stale) && !expired(stored)) {
        current = stored; // someone else refreshed: use theirs, do not spend the refresh token
        return stored;
      }
      if (stored.refreshToken().equals(refused) || refusedByStore(stored)) {
        // Never send a refused refresh token again: amoCRM would refuse it again, forever.
        throw reinstall(stored, "amoCRM refused this refresh token before");
      }
      try {
        store.refreshStarted(stored);
      } catch (RuntimeException e) {
        throw authFailure("the token store failed to record the refresh about to start ("
            + e.getClass().getSimpleName() + "); nothing was sent");
      }
      TokenPair fresh;
      try {
        fresh = exchange(stored.refreshToken(), sender);
      } catch (RefusedRefresh r) {
        fresh = fallback(stored, r, sender);
      }
      try {
        store.save(fresh); // durable before anyone uses the new access token
      } catch (RuntimeException e) {
        throw authFailure("the token store failed to save the refreshed pair ("
            + e.getClass().getSimpleName() + "); the old refresh token is already spent");
      }
      current = fresh;
      LOG.info("amoCRM access token refreshed and saved");
      listener.tokenRefreshed();
      return fresh;
    } finally {
      lock.unlock();
    }
  }

  /**
   * amoCRM refused the stored refresh token: try the one saved before it once (amoCRM may have
   * issued the stored pair and not kept it); otherwise the account needs a new installation.
   */
  private TokenPair fallback(TokenPair stored, RefusedRefresh first, Sender sender) {
    Optional<String> previous = previousRefreshToken();
    if (previous.isPresent() && !previous.get().equals(stored.refreshToken())) {
      try {
        TokenPair fresh = exchange(previous.get(), sender);
        LOG.warn("amoCRM refused the current refresh token but accepted the previous one");
        return fresh;
      } catch (RefusedRefresh ignored) {
        // both refused: fall through to the re-install
      }
    }
    Optional<Instant> unfinished = unfinishedRefresh();
    String why = unfinished.isPresent()
        ? "a refresh started at " + unfinished.get() + " never saved its answer (the process"
            + " stopped in between), so amoCRM already spent this refresh token"
        : "amoCRM refused the refresh token (" + first.detail + ")";
    refused = stored.refreshToken();
    try {
      store.refreshRefused(stored, why);
    } catch (RuntimeException e) {
      LOG.warn("the token store failed to record the refused refresh token ({})",
          e.getClass().getSimpleName());
    }
    throw reinstall(stored, why);
  }

  private AmoAuthenticationException reinstall(TokenPair stored, String why) {
    LOG.error("amoCRM OAuth: {}; the integration must be installed again in the amoCRM account"
        + " (no further refresh is attempted)", why);
    return new AmoAuthenticationException(401, "POST " + PATH, "Refresh token refused",
        why + ". The integration must be installed again in the amoCRM account (re-install);"
            + " no further refresh is attempted", null);
  }

  private boolean refusedByStore(TokenPair stored) {
    try {
      return store.isRefused(stored);
    } catch (RuntimeException e) {
      throw authFailure("the token store failed to load (" + e.getClass().getSimpleName() + ")");
    }
  }

  private Optional<String> previousRefreshToken() {
    try {
      return store.previousRefreshToken();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private Optional<Instant> unfinishedRefresh() {
    try {
      return store.unfinishedRefresh();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** amoCRM answered 4xx (not 429) to a refresh: the refresh token is spent or revoked. */
  private static final class RefusedRefresh extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String detail;

    RefusedRefresh(String detail) {
      super(detail, null, false, false);
      this.detail = detail;
    }
  }

  private TokenPair exchange(String refreshToken, Sender sender) {
    ObjectNode body = json.object()
        .put("client_id", clientId)
        .put("client_secret", clientSecret)
        .put("grant_type", "refresh_token")
        .put("refresh_token", refreshToken)
        .put("redirect_uri", redirectUri);
    ApiCall call = ApiCall.post(PATH, json.write(body), ApiCall.Mode.CREATE).unauthenticated()
        .build();
    ApiResponse r;
    try {
      r = sender.send(call);
    } catch (AmoServiceException e) {
      if (e.statusCode() >= 400 && e.statusCode() < 500 && e.statusCode() != 429) {
        // 400/401 from the token endpoint: the refresh token is used up, revoked or expired.
        throw new RefusedRefresh("HTTP " + e.statusCode() + ": " + e.title().orElse("")
            + (e.detail().isPresent() ? " - " + e.detail().get() : ""));
      }
      throw e;
    }
    TokenDto t = json.read(r.body(), TokenDto.class, call.endpoint());
    if (t.accessToken() == null || t.accessToken().isBlank() || t.refreshToken() == null
        || t.refreshToken().isBlank()) {
      throw Json.invalid(call.endpoint(), "the token answer lacks access_token or refresh_token",
          null);
    }
    long seconds = t.expiresIn() == null || t.expiresIn() <= 0 ? 86_400 : t.expiresIn();
    try {
      return new TokenPair(t.accessToken(), t.refreshToken(),
          clock.instant().plusSeconds(seconds));
    } catch (IllegalArgumentException e) {
      throw Json.invalid(call.endpoint(), "the access token has characters a header cannot carry",
          null);
    }
  }

  private TokenPair load() {
    TokenPair p;
    try {
      p = store.load();
    } catch (RuntimeException e) {
      throw authFailure("the token store failed to load (" + e.getClass().getSimpleName() + ")");
    }
    if (p == null) {
      throw authFailure("the token store holds no token pair");
    }
    return p;
  }

  private boolean expired(TokenPair p) {
    return !clock.instant().isBefore(p.expiresAt().minus(EARLY));
  }

  private static AmoException authFailure(String detail) {
    return new AmoAuthenticationException(401, "POST " + PATH, "Token store", detail, null);
  }

  @Override
  public java.util.Set<String> secrets() {
    java.util.Set<String> out = new java.util.HashSet<>();
    out.add(clientSecret);
    TokenPair p = current;
    if (p != null) {
      out.add(p.accessToken());
      out.add(p.refreshToken());
    }
    return out;
  }

  @Override
  public String toString() {
    return "OAuthTokenSource[clientId=" + clientId + ", ***]";
  }
}
