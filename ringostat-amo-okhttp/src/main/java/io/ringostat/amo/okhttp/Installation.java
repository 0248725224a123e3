package io.ringostat.amo.okhttp;

import io.ringostat.amo.core.settings.AmoAccount;
import java.util.Objects;

/**
 * An amoCRM account that has just installed the integration: its id, its current subdomain and
 * zone (as amoCRM reports them after the code exchange) and its first token pair. Immutable;
 * {@link #toString()} masks the tokens.
 *
 * @param accountId amoCRM's account id ({@code GET /api/v4/account}: {@code id})
 * @param account subdomain and zone
 * @param tokens the pair obtained for the authorization code; save it before anything else
 */
public record Installation(long accountId, AmoAccount account, TokenPair tokens) {
  public Installation {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(tokens, "tokens");
  }
}
