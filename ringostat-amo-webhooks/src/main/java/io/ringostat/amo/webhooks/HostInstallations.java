package io.ringostat.amo.webhooks;

import io.ringostat.amo.engine.ActivationResult;
import io.ringostat.amo.engine.host.AccountSpec;
import io.ringostat.amo.engine.host.IntegrationHost;
import io.ringostat.amo.okhttp.Installation;
import io.ringostat.amo.okhttp.OAuthCredentials;
import io.ringostat.amo.okhttp.SecretVault;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Installations} on an {@link IntegrationHost} with a {@link SecretVault}: an installed
 * account's tokens go into the vault (sealed) before anything else, then the account joins the
 * host as {@code amo-<account id>}, activated as usual: until its settings are complete it is
 * INACTIVE and its events are journaled. A re-install saves the new tokens and reactivates the
 * account with them (resending what waited). An uninstall pauses the account (nothing more is
 * sent, its journal stays), forgets its now useless tokens and alerts the operator.
 *
 * <p>The application builds each new account's spec ({@link Accounts}): its settings (e.g. a
 * template without routing yet), its gateway with the given credentials, its journal partition.
 * Thread-safe.
 */
public final class HostInstallations implements Installations {
  private static final Logger LOG = LoggerFactory.getLogger(HostInstallations.class);

  /** Builds the spec of a newly installed account. */
  @FunctionalInterface
  public interface Accounts {
    /**
     * @param hostId the account's id in the host
     * @param installation who installed (account id, subdomain, zone)
     * @param credentials OAuth credentials over the vault's token store of the account: give them
     *     to the account's gateway
     */
    AccountSpec spec(String hostId, Installation installation, OAuthCredentials credentials);
  }

  private final IntegrationHost host;
  private final SecretVault vault;
  private final String clientId;
  private final String clientSecret;
  private final String redirectUri;
  private final Accounts accounts;
  private final Consumer<String> alerts;

  /**
   * @param alerts receives operator alerts (an uninstall), in English, without secrets
   */
  public HostInstallations(IntegrationHost host, SecretVault vault, String clientId,
      String clientSecret, String redirectUri, Accounts accounts, Consumer<String> alerts) {
    this.host = Objects.requireNonNull(host, "host");
    this.vault = Objects.requireNonNull(vault, "vault");
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
    this.redirectUri = Objects.requireNonNull(redirectUri, "redirectUri");
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.alerts = Objects.requireNonNull(alerts, "alerts");
  }

  /** The host id of amoCRM account {@code amoAccountId}. */
  public static String hostId(long amoAccountId) {
    return "amo-" + amoAccountId;
  }

  @Override
  public synchronized String installed(Installation installation) {
    String id = hostId(installation.accountId());
    vault.tokenStore(id).save(installation.tokens()); // durable before anything uses them
    OAuthCredentials c = OAuthCredentials.builder().clientId(clientId).clientSecret(clientSecret)
        .redirectUri(redirectUri).tokenStore(vault.tokenStore(id)).build();
    if (host.accounts().contains(id)) {
      var r = host.reactivate(id, c, true);
      LOG.info("install: account {} ({}) installed again; reactivated: {}, {} event(s) resent",
          id, installation.account().host(), r.activation().state(), r.resent());
      return id;
    }
    ActivationResult r = host.add(accounts.spec(id, installation, c));
    LOG.info("install: account {} ({}) added to the host: {} ({})", id,
        installation.account().host(), r.state(), r.message());
    return id;
  }

  @Override
  public synchronized boolean uninstalled(long amoAccountId) {
    String id = hostId(amoAccountId);
    boolean known = host.accounts().contains(id);
    if (known) {
      host.pause(id);
    }
    vault.forgetTokens(id);
    String message = "amoCRM account " + amoAccountId + " turned the integration off"
        + (known ? ": account " + id + " is paused, nothing more is sent; its journal is kept"
            + " (pending events stay until it is installed again or removed)"
            : " (the host did not serve it)");
    LOG.warn("uninstall: {}", message);
    alerts.accept(message);
    return known;
  }

  @Override
  public String toString() {
    return "HostInstallations[clientId=" + clientId + ", clientSecret=***]";
  }
}
