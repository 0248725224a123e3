package io.ringostat.amo.okhttp.internal;

/**
 * Supplies the Bearer token and recovers from a 401. Implementations are thread-safe and never
 * reveal tokens in {@code toString()}.
 */
public interface TokenSource {
  /** Sends a request without going through the 401 recovery (used for the token endpoint). */
  @FunctionalInterface
  interface Sender {
    ApiResponse send(ApiCall call);
  }

  /** The access token to send now; may refresh first when it has expired. */
  String accessToken(Sender sender);

  /**
   * amoCRM refused {@code rejected} with 401. Returns true when a different token is now available
   * (another thread or process refreshed, or this call refreshed), false when nothing can cure
   * it.
   */
  boolean recover(String rejected, Sender sender);

  /** The secrets this source knows now (tokens, client secret), to scrub from wire text. */
  java.util.Set<String> secrets();
}
