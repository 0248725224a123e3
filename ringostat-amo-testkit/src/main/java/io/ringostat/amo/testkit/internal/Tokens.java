package io.ringostat.amo.testkit.internal;

import io.ringostat.amo.testkit.internal.EmulatorConfig.OAuthClientSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The account's credentials: long-lived tokens, OAuth clients, authorization codes, access tokens
 * with an expiry, and single-use refresh tokens (reference §1). Thread-safe (synchronized). {@link
 * #toString()} never shows a token.
 */
public final class Tokens {
  /** Authorization codes live 20 minutes (reference §1.1). */
  static final Duration CODE_LIFETIME = Duration.ofMinutes(20);

  /** The {@code exp} claim of generated long-lived tokens: the longest a user can pick (§1.4). */
  static final Duration LONG_LIVED_LIFETIME = Duration.ofDays(5 * 365);

  /** Refresh tokens live 3 months (reference §1.3). */
  static final Duration REFRESH_LIFETIME = Duration.ofDays(90);

  private record Access(long userId, long expiresAt) {}

  private record Refresh(String clientId, long userId, long expiresAt) {}

  /** Outcome of redeeming a refresh token or code: a new pair, or the failure's hint. */
  record Issued(String accessToken, String refreshToken, long expiresIn, String failureHint) {
    boolean ok() {
      return failureHint == null;
    }

    @Override
    public String toString() {
      return ok() ? "Issued[expiresIn=" + expiresIn + "]" : "Issued[failure=" + failureHint + "]";
    }
  }

  private final Map<String, Long> longLived = new HashMap<>();
  private final Map<String, Access> access = new HashMap<>();
  private final Map<String, Refresh> refresh = new HashMap<>();
  private final Set<String> revokedRefresh = new HashSet<>();
  private final Map<String, Long> codes = new HashMap<>();
  private final Map<String, OAuthClientSpec> clients = new HashMap<>();
  private final SplittableRandom random;
  private final long accountId;
  private final long defaultUserId;
  private final long accessLifetime;

  Tokens(long seed, long accountId, long defaultUserId, Duration accessLifetime) {
    this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    this.accountId = accountId;
    this.defaultUserId = defaultUserId;
    this.accessLifetime = accessLifetime.toSeconds();
  }

  synchronized void addLongLived(String token) {
    longLived.put(token, defaultUserId);
  }

  synchronized void addClient(OAuthClientSpec client, long now) {
    clients.put(client.clientId(), client);
    if (client.initialRefreshToken() != null) {
      refresh.put(
          client.initialRefreshToken(),
          new Refresh(client.clientId(), defaultUserId, now + REFRESH_LIFETIME.toSeconds()));
    }
  }

  synchronized void addCode(String code, long now) {
    codes.put(code, now + CODE_LIFETIME.toSeconds());
  }

  /** A fresh random authorization code (an approved install), valid 20 minutes. */
  synchronized String newCode(long now) {
    String code = "def50200" + hex(64);
    codes.put(code, now + CODE_LIFETIME.toSeconds());
    return code;
  }

  /**
   * Revokes every token issued to {@code clientId} (the account turned the integration off);
   * access tokens are not tracked per client, so they all go, as after a disconnect.
   */
  synchronized void revokeClient(String clientId) {
    refresh.entrySet().removeIf(e -> {
      if (e.getValue().clientId().equals(clientId)) {
        revokedRefresh.add(e.getKey());
        return true;
      }
      return false;
    });
    access.clear();
  }

  /** The user a bearer token acts as, if it is a live long-lived or unexpired access token. */
  synchronized Optional<Long> authenticate(String token, long now) {
    Long user = longLived.get(token);
    if (user != null) {
      return Optional.of(user);
    }
    Access a = access.get(token);
    if (a != null && a.expiresAt() > now) {
      return Optional.of(a.userId());
    }
    return Optional.empty();
  }

  synchronized Optional<OAuthClientSpec> client(String clientId) {
    return Optional.ofNullable(clients.get(clientId));
  }

  /** Redeems an authorization code (single use, 20 minutes). */
  synchronized Issued redeemCode(String code, String clientId, long now) {
    Long expires = code == null ? null : codes.remove(code);
    if (expires == null) {
      return new Issued(null, null, 0, "Authorization code has been revoked");
    }
    if (expires <= now) {
      return new Issued(null, null, 0, "Authorization code has expired");
    }
    return issue(clientId, defaultUserId, now);
  }

  /**
   * Redeems a refresh token: single use. The old refresh token is revoked; reusing it fails with
   * "Token has been revoked" (reference §1.3). The access token issued with it stays valid until it
   * expires (our choice; amoCRM's behaviour is not documented).
   */
  synchronized Issued redeemRefresh(String token, String clientId, long now) {
    if (token != null && revokedRefresh.contains(token)) {
      return new Issued(null, null, 0, "Token has been revoked");
    }
    Refresh r = token == null ? null : refresh.get(token);
    if (r == null) {
      return new Issued(null, null, 0, "Cannot decrypt the refresh token");
    }
    if (!r.clientId().equals(clientId)) {
      return new Issued(null, null, 0, "Token is not linked to client");
    }
    if (r.expiresAt() <= now) {
      return new Issued(null, null, 0, "Token has expired");
    }
    refresh.remove(token);
    revokedRefresh.add(token);
    return issue(clientId, r.userId(), now);
  }

  private Issued issue(String clientId, long userId, long now) {
    String accessToken = jwt(clientId, userId, now, now + accessLifetime);
    String refreshToken = "def502" + hex(96);
    access.put(accessToken, new Access(userId, now + accessLifetime));
    refresh.put(refreshToken, new Refresh(clientId, userId, now + REFRESH_LIFETIME.toSeconds()));
    return new Issued(accessToken, refreshToken, accessLifetime, null);
  }

  /** Revokes one token of any kind; true when it existed. */
  synchronized boolean revoke(String token) {
    boolean found = longLived.remove(token) != null;
    found |= access.remove(token) != null;
    if (refresh.remove(token) != null) {
      revokedRefresh.add(token);
      found = true;
    }
    return found;
  }

  /** Revokes every token (what a password change does to an account's integrations). */
  synchronized void revokeAll() {
    longLived.clear();
    access.clear();
    revokedRefresh.addAll(refresh.keySet());
    refresh.clear();
    codes.clear();
  }

  /** A fresh random token, deterministic under the seed. */
  synchronized String newLongLivedToken(long now) {
    String token = jwt("long-lived", defaultUserId, now, now + LONG_LIVED_LIFETIME.toSeconds());
    longLived.put(token, defaultUserId);
    return token;
  }

  /** A JWT-shaped, unsigned token carrying amoCRM's claims (reference §1.3); never verified. */
  private String jwt(String clientId, long userId, long now, long expires) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\"}";
    String payload =
        String.format(
            Locale.ROOT,
            "{\"aud\":\"%s\",\"jti\":\"%s\",\"iat\":%d,\"nbf\":%d,\"exp\":%d,\"sub\":\"%d\","
                + "\"account_id\":%d,\"base_domain\":\"amocrm.ru\",\"api_domain\":\"api-b.amocrm.ru\","
                + "\"scopes\":[\"crm\",\"notifications\"]}",
            clientId.replace("\"", ""),
            hex(20),
            now,
            now,
            expires,
            userId,
            accountId);
    return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + "."
        + hex(32);
  }

  private String hex(int bytes) {
    StringBuilder b = new StringBuilder(bytes * 2);
    for (int i = 0; i < bytes; i++) {
      b.append(String.format(Locale.ROOT, "%02x", random.nextInt(256)));
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return "Tokens[redacted]";
  }
}
