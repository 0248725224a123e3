package io.ringostat.amo.webhooks;

import io.ringostat.amo.okhttp.Installation;

/**
 * What the host does when amoCRM installs or removes the integration in an account; called by the
 * receiver's OAuth endpoints ({@link OAuthInstall}). {@link HostInstallations} registers accounts
 * with an {@code IntegrationHost}. Implementations must be thread-safe and must not log secrets.
 */
public interface Installations {
  /**
   * An account installed the integration: save its tokens durably first, then register it (it
   * stays INACTIVE until its settings are complete). Installing again (a re-install) replaces the
   * tokens and reactivates the account.
   *
   * @return the account's id in the host, for the installing user's page
   * @throws RuntimeException when the account could not be registered; the user is told to try
   *     again, the operator gets a log line
   */
  String installed(Installation installation);

  /**
   * amoCRM reported that {@code amoAccountId} turned the integration off (a verified disconnect
   * hook): stop sending to it, keep its journal, alert the operator.
   *
   * @return whether the host knew the account
   */
  boolean uninstalled(long amoAccountId);
}
