package io.ringostat.amo.okhttp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringostat.amo.core.settings.AmoAccount;
import io.ringostat.amo.okhttp.InstallException.Reason;
import io.ringostat.amo.okhttp.internal.BaseUrls;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of an installation (reference §1.1-1.2): exchanges the authorization code amoCRM
 * put on its redirect for a token pair ({@code grant_type=authorization_code} at the account's
 * {@code /oauth2/access_token}), then asks the account who it is ({@code GET /api/v4/account}:
 * id and current subdomain). The code lives 20 minutes and is single-use: exchange it as soon as
 * the redirect arrives, once.
 *
 * <p>Only the referer's host is contacted ({@link AmoReferer}); {@link
 * Builder#insecureLocalBaseUrl} sends everything to a local emulator in tests. Thread-safe;
 * {@link #toString()} masks the secret.
 */
public final class AuthorizationCodeExchange {
  private static final Logger LOG = LoggerFactory.getLogger(AuthorizationCodeExchange.class);
  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String clientId;
  private final String clientSecret;
  private final String redirectUri;
  private final OkHttpClient http;
  private final HttpUrl local;
  private final Clock clock;

  private AuthorizationCodeExchange(Builder b) {
    this.clientId = b.clientId;
    this.clientSecret = b.clientSecret;
    this.redirectUri = b.redirectUri;
    this.http = new OkHttpClient.Builder().callTimeout(b.timeout).followRedirects(false).build();
    this.local = b.local;
    this.clock = b.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Exchanges {@code code} and identifies the account.
   *
   * @throws InstallException why it failed (code refused, keys refused, amoCRM unavailable,
   *     invalid answer)
   */
  public Installation exchange(AmoReferer referer, String code) {
    Objects.requireNonNull(referer, "referer");
    if (code == null || code.isBlank() || code.length() > 4096) {
      throw new InstallException(Reason.CODE_REFUSED, "the redirect carries no usable code");
    }
    HttpUrl origin = local != null ? local : BaseUrls.forAccount(referer.account());
    ObjectNode body = MAPPER.createObjectNode().put("client_id", clientId)
        .put("client_secret", clientSecret).put("grant_type", "authorization_code")
        .put("code", code).put("redirect_uri", redirectUri);
    JsonNode token = call(new Request.Builder().url(origin.resolve("/oauth2/access_token"))
        .post(RequestBody.create(body.toString(), JSON)).build(), "POST /oauth2/access_token",
        true);
    String access = text(token, "access_token");
    String refresh = text(token, "refresh_token");
    long expiresIn = token.path("expires_in").asLong(86_400);
    TokenPair pair;
    try {
      pair = new TokenPair(access, refresh, clock.instant().plusSeconds(
          expiresIn > 0 ? expiresIn : 86_400));
    } catch (RuntimeException e) {
      throw new InstallException(Reason.INVALID_ANSWER, "amoCRM's token answer lacks a usable"
          + " access_token or refresh_token");
    }
    JsonNode account = call(new Request.Builder().url(origin.resolve("/api/v4/account"))
        .header("Authorization", "Bearer " + pair.accessToken()).get().build(),
        "GET /api/v4/account", false);
    long id = account.path("id").asLong(0);
    String subdomain = account.path("subdomain").asText("");
    if (id <= 0 || subdomain.isEmpty()) {
      throw new InstallException(Reason.INVALID_ANSWER, "amoCRM's account answer lacks id or"
          + " subdomain");
    }
    AmoAccount found;
    try {
      found = AmoAccount.of(BaseUrls.subdomain(subdomain), referer.account().zone());
    } catch (IllegalArgumentException e) {
      throw new InstallException(Reason.INVALID_ANSWER, "amoCRM reported a subdomain that is not"
          + " one");
    }
    if (!found.subdomain().equals(referer.account().subdomain())) {
      LOG.info("install: the referer said {} and the account calls itself {} (renamed?)",
          referer.host(), found.host());
    }
    LOG.info("install: code exchanged for account {} ({})", id, found.host());
    return new Installation(id, found, pair);
  }

  private JsonNode call(Request request, String endpoint, boolean tokenEndpoint) {
    try (Response r = http.newCall(request).execute()) {
      String text = r.body() == null ? "" : r.body().string();
      int status = r.code();
      if (status == 200) {
        try {
          return MAPPER.readTree(text);
        } catch (IOException e) {
          throw new InstallException(Reason.INVALID_ANSWER, endpoint + ": the answer is not JSON");
        }
      }
      if (status == 429 || status >= 500) {
        throw new InstallException(Reason.AMO_UNAVAILABLE, endpoint + ": amoCRM answered HTTP "
            + status + "; try the installation again in a minute");
      }
      String hint = hint(text);
      if (tokenEndpoint && hint.toLowerCase(java.util.Locale.ROOT).contains("client")) {
        throw new InstallException(Reason.CLIENT_REFUSED, endpoint + ": amoCRM refused the"
            + " integration's keys (HTTP " + status + ", " + hint + "): check the client id,"
            + " secret and redirect URI against the integration's settings");
      }
      throw new InstallException(tokenEndpoint ? Reason.CODE_REFUSED : Reason.INVALID_ANSWER,
          endpoint + ": amoCRM refused (HTTP " + status + (hint.isEmpty() ? "" : ", " + hint)
              + ")" + (tokenEndpoint ? "; the code was used already or is older than 20"
              + " minutes: install again" : ""));
    } catch (IOException e) {
      throw new InstallException(Reason.AMO_UNAVAILABLE, endpoint + ": amoCRM did not answer ("
          + e.getClass().getSimpleName() + "); try again in a minute");
    }
  }

  /** amoCRM's OAuth problem {@code hint} (e.g. "Authorization code has been revoked"), cut. */
  private static String hint(String body) {
    try {
      String h = MAPPER.readTree(body).path("hint").asText("");
      return h.length() > 120 ? h.substring(0, 120) : h.replaceAll("\\p{Cntrl}", "?");
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  @Override
  public String toString() {
    return "AuthorizationCodeExchange[clientId=" + clientId + ", clientSecret=***, redirectUri="
        + redirectUri + "]";
  }

  /** Builds an {@link AuthorizationCodeExchange}; client id, secret and redirect URI required. */
  public static final class Builder {
    private String clientId;
    private String clientSecret;
    private String redirectUri;
    private Duration timeout = Duration.ofSeconds(20);
    private HttpUrl local;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder clientId(String value) {
      this.clientId = Objects.requireNonNull(value, "clientId");
      return this;
    }

    public Builder clientSecret(String value) {
      this.clientSecret = Objects.requireNonNull(value, "clientSecret");
      return this;
    }

    /** Exactly the redirect URI registered in the integration's settings. */
    public Builder redirectUri(String value) {
      this.redirectUri = Objects.requireNonNull(value, "redirectUri");
      return this;
    }

    /** The whole time one request may take; default 20 s. */
    public Builder timeout(Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("timeout: must be positive");
      }
      this.timeout = value;
      return this;
    }

    /** Tests only: every request goes to {@code http(s)://127.0.0.1:PORT} instead. */
    public Builder insecureLocalBaseUrl(String value) {
      this.local = BaseUrls.insecureLocal(value);
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** @throws IllegalStateException naming the first missing field */
    public AuthorizationCodeExchange build() {
      OAuthCredentials.requireIntegration(clientId, clientSecret, redirectUri);
      return new AuthorizationCodeExchange(this);
    }

    @Override
    public String toString() {
      return "AuthorizationCodeExchange.Builder[clientId=" + clientId + ", clientSecret=***]";
    }
  }
}
