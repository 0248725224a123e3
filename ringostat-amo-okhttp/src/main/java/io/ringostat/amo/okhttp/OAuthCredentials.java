package io.ringostat.amo.okhttp;

import io.ringostat.amo.core.spi.Credentials;
import java.util.Objects;

/**
 * OAuth 2.0 credentials of an amoCRM integration: client id and secret, the registered redirect
 * URI and the {@link TokenStore} holding the current token pair. The gateway refreshes the access
 * token when it expires or when amoCRM answers 401.
 *
 * <p>Share one instance between the gateways of an account: it carries the refresh lock, so that
 * those gateways refresh single-flight (amoCRM refresh tokens are single-use). Gateways given
 * different instances for the same account coordinate only through the {@link TokenStore}.
 *
 * <p>Immutable and thread-safe; {@link #toString()} never shows the secret.
 *
 * <pre>{@code
 * OAuthCredentials c = OAuthCredentials.builder().clientId(id).clientSecret(secret)
 *     .redirectUri("https://pbx.example.com/amo/callback").tokenStore(store).build();
 * }</pre>
 */
public final class OAuthCredentials implements Credentials {
  private final String clientId;
  private final String clientSecret;
  private final String redirectUri;
  private final TokenStore tokenStore;
  private final java.util.concurrent.locks.ReentrantLock refreshLock =
      new java.util.concurrent.locks.ReentrantLock();

  private OAuthCredentials(Builder b) {
    this.clientId = b.clientId;
    this.clientSecret = b.clientSecret;
    this.redirectUri = b.redirectUri;
    this.tokenStore = b.tokenStore;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The integration id. */
  public String clientId() {
    return clientId;
  }

  /** The secret key, for the token endpoint only. */
  String clientSecret() {
    return clientSecret;
  }

  /** Held while a gateway refreshes the tokens of these credentials. */
  java.util.concurrent.locks.ReentrantLock refreshLock() {
    return refreshLock;
  }

  public String redirectUri() {
    return redirectUri;
  }

  public TokenStore tokenStore() {
    return tokenStore;
  }

  @Override
  public String toString() {
    return "OAuthCredentials[clientId=" + clientId + ", clientSecret=***, redirectUri="
        + redirectUri + "]";
  }

  /** Builds {@link OAuthCredentials}; {@link #build()} checks that every field is set. */
  /**
   * Checks the integration's identity that every OAuth call sends.
   *
   * @throws IllegalStateException naming the first missing or blank one
   */
  static void requireIntegration(String clientId, String clientSecret, String redirectUri) {
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalStateException("clientId: required");
    }
    if (clientSecret == null || clientSecret.isBlank()) {
      throw new IllegalStateException("clientSecret: required");
    }
    if (redirectUri == null || redirectUri.isBlank()) {
      throw new IllegalStateException("redirectUri: required (must match the integration's)");
    }
  }

  public static final class Builder {
    private String clientId;
    private String clientSecret;
    private String redirectUri;
    private TokenStore tokenStore;

    private Builder() {}

    public Builder clientId(String clientId) {
      this.clientId = Objects.requireNonNull(clientId, "clientId");
      return this;
    }

    public Builder clientSecret(String clientSecret) {
      this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
      return this;
    }

    public Builder redirectUri(String redirectUri) {
      this.redirectUri = Objects.requireNonNull(redirectUri, "redirectUri");
      return this;
    }

    public Builder tokenStore(TokenStore tokenStore) {
      this.tokenStore = Objects.requireNonNull(tokenStore, "tokenStore");
      return this;
    }

    /**
     * @throws IllegalStateException naming the first missing or blank field
     */
    public OAuthCredentials build() {
      requireIntegration(clientId, clientSecret, redirectUri);
      if (tokenStore == null) {
        throw new IllegalStateException("tokenStore: required");
      }
      return new OAuthCredentials(this);
    }

    @Override
    public String toString() {
      return "OAuthCredentials.Builder[clientId=" + clientId + ", clientSecret=***]";
    }
  }
}
