package io.ringostat.amo.okhttp;

import io.ringostat.amo.core.spi.Credentials;
import java.util.Objects;

/**
 * A long-lived amoCRM token (the integration's "Keys" tab, valid 1 day to 5 years). There is
 * nothing to refresh: a 401 is an {@link AmoAuthenticationException} at once.
 *
 * <p>Immutable and thread-safe; {@link #toString()} never shows the token.
 */
public final class LongLivedToken implements Credentials {
  private final String token;

  private LongLivedToken(String token) {
    this.token = token;
  }

  /**
   * Wraps {@code token}.
   *
   * @throws IllegalArgumentException if it is blank or holds whitespace or control characters
   *     (the message never repeats the token)
   */
  public static LongLivedToken of(String token) {
    Objects.requireNonNull(token, "token");
    Secrets.requireHeaderSafe(token, "token");
    return new LongLivedToken(token);
  }

  /** The token, for the {@code Authorization} header only. */
  String token() {
    return token;
  }

  @Override
  public String toString() {
    return "LongLivedToken[***]";
  }
}
