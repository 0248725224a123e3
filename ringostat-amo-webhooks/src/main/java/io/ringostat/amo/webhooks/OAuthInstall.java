package io.ringostat.amo.webhooks;

import io.ringostat.amo.okhttp.AuthorizationCodeExchange;
import java.util.Objects;

/**
 * The receiver's OAuth endpoints, for a vendor serving many amoCRM accounts (docs/install.md):
 *
 * <ul>
 *   <li>{@code GET /amocrm/install}: the integration's Redirect URI. Checks {@code state} ({@link
 *       InstallStates}: begun here, unexpired, used once), the {@code referer} and {@code
 *       platform} (an amoCRM account host only), exchanges the {@code code} ({@link
 *       AuthorizationCodeExchange}) and hands the account to {@link Installations}. {@code
 *       error=access_denied} (the user refused) and every failure answer the user with a short
 *       HTML page in Russian, Ukrainian or English (by {@code Accept-Language}) and the operator
 *       with one log line, never with a code, token or secret.
 *   <li>{@code GET /amocrm/disconnect}: amoCRM's disconnect hook, verified ({@code client_uuid},
 *       {@code signature}), then {@link Installations#uninstalled}.
 * </ul>
 *
 * @param clientSecret the integration's secret, to verify the disconnect hook's signature
 */
public record OAuthInstall(String clientId, String clientSecret, InstallStates states,
    AuthorizationCodeExchange exchange, Installations installations) {
  public OAuthInstall {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    Objects.requireNonNull(states, "states");
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(installations, "installations");
    if (clientSecret.isBlank()) {
      throw new IllegalArgumentException("clientSecret: must not be blank");
    }
  }

  @Override
  public String toString() {
    return "OAuthInstall[clientId=" + clientId + ", clientSecret=***]";
  }
}
