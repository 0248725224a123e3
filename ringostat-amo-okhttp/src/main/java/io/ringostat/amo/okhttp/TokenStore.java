package io.ringostat.amo.okhttp;

/**
 * Durable storage of an account's OAuth token pair, shared by every process that uses the account.
 * amoCRM refresh tokens are single-use: each refresh returns a new pair and invalidates the old
 * refresh token, so the gateway
 *
 * <ol>
 *   <li>refreshes one at a time per account in this JVM,
 *   <li>calls {@link #load()} just before refreshing (another process may have refreshed already;
 *       then it uses that pair and does not refresh),
 *   <li>calls {@link #save(TokenPair)} with the new pair before it uses the new access token.
 * </ol>
 *
 * <p>Implementations must be thread-safe and make {@code save} durable before returning (a pair
 * lost after a refresh cannot be recovered without the user re-granting access). Across
 * processes, a store should serialize refreshes itself (e.g. a database row lock) if several
 * processes share one account. Exceptions thrown here fail the request with an {@link
 * AmoAuthenticationException}.
 */
public interface TokenStore {
  /** The current pair. */
  TokenPair load();

  /** Persists {@code pair}, replacing the previous one. */
  void save(TokenPair pair);
}
