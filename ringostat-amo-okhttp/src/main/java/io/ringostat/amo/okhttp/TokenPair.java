package io.ringostat.amo.okhttp;

import java.time.Instant;
import java.util.Objects;

/**
 * An OAuth access token, its refresh token and when the access token expires. Immutable; {@link
 * #toString()} masks both tokens.
 *
 * @param accessToken the bearer token
 * @param refreshToken the single-use refresh token
 * @param expiresAt when the access token stops working; the gateway refreshes shortly before
 */
public record TokenPair(String accessToken, String refreshToken, Instant expiresAt) {
  public TokenPair {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(refreshToken, "refreshToken");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Secrets.requireHeaderSafe(accessToken, "accessToken");
    if (refreshToken.isEmpty()) {
      throw new IllegalArgumentException("refreshToken: must not be blank");
    }
  }

  @Override
  public String toString() {
    return "TokenPair[accessToken=***, refreshToken=***, expiresAt=" + expiresAt + "]";
  }
}
