package io.ringostat.amo.okhttp;

import java.time.Instant;
import java.util.Optional;

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
 * AmoAuthenticationException}. In a fleet (several processes, leases) only the process holding the
 * account's lease refreshes: give the others no {@code OAuthCredentials} for the account.
 *
 * <p>The default methods let a store take part in crash-safe refreshing; {@link SecretVault}'s
 * stores implement them all. A store that keeps only {@code load} and {@code save} still works,
 * with less to report after a crash.
 */
public interface TokenStore {
  /** The current pair. */
  TokenPair load();

  /** Persists {@code pair}, replacing the previous one. */
  void save(TokenPair pair);

  /**
   * Called just before {@code current}'s refresh token is sent to amoCRM; a durable store records
   * it, so that a process that dies before saving the answer leaves a trace: the refresh token is
   * then probably spent, and the next refusal says so.
   */
  default void refreshStarted(TokenPair current) {}

  /**
   * amoCRM refused {@code current}'s refresh token (already used, revoked or expired): no process
   * may send it again; only a new installation (a new pair) helps.
   *
   * @param reason why, for operators; never a secret
   */
  default void refreshRefused(TokenPair current, String reason) {}

  /** Whether amoCRM refused {@code pair}'s refresh token before, in any process. */
  default boolean isRefused(TokenPair pair) {
    return false;
  }

  /**
   * When a refresh of the stored pair was started and its answer never saved (a crash between the
   * two), if a durable store knows.
   */
  default Optional<Instant> unfinishedRefresh() {
    return Optional.empty();
  }

  /**
   * The refresh token saved before the current pair, kept until a newer pair replaces it: tried
   * once if amoCRM refuses the current one (e.g. amoCRM issued a pair and did not keep it).
   */
  default Optional<String> previousRefreshToken() {
    return Optional.empty();
  }
}
