package io.ringostat.amo.examples.cli;

import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.engine.host.AccountSpec;
import io.ringostat.amo.engine.host.HostListener;
import io.ringostat.amo.engine.host.IntegrationHost;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.engine.journal.Journal;
import io.ringostat.amo.journal.sqlite.SqliteJournal;
import io.ringostat.amo.journal.sqlite.SqliteSecretRecords;
import io.ringostat.amo.okhttp.AmoOkHttpGateway;
import io.ringostat.amo.okhttp.AuthorizationCodeExchange;
import io.ringostat.amo.okhttp.SecretVault;
import io.ringostat.amo.okhttp.TokenKeys;
import io.ringostat.amo.webhooks.HostInstallations;
import io.ringostat.amo.webhooks.InstallStates;
import io.ringostat.amo.webhooks.OAuthInstall;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code serve}'s OAuth install options (docs/install.md): with {@code --oauth-client-id}, the
 * receiver also serves amoCRM's redirect ({@code GET /amocrm/install}) and disconnect hook ({@code
 * GET /amocrm/disconnect}); installed accounts join a host with the settings file as their
 * template, their tokens sealed in an SQLite vault. Secrets come from environment variables.
 */
final class InstallOptions {
  @Option(names = "--oauth-client-id", paramLabel = "ID",
      description = "Serve the OAuth install flow for this integration (its Integration ID).")
  String clientId;

  @Option(names = "--oauth-secret-env", paramLabel = "NAME",
      description = "The environment variable holding the integration's secret key.")
  String secretEnv;

  @Option(names = "--oauth-redirect-uri", paramLabel = "URI",
      description = "The Redirect URI registered in amoCRM, e.g. "
          + "https://pbx.example.com/amocrm/install (must match exactly).")
  String redirectUri;

  @Option(names = "--vault", paramLabel = "DIR",
      description = "Keep installed accounts' tokens here, encrypted (secrets.db, owner-only).")
  Path vaultDir;

  @Option(names = "--vault-key-env", paramLabel = "NAME",
      description = "The environment variable holding the vault key: 32 bytes in Base64 "
          + "(`openssl rand -base64 32`).")
  String vaultKeyEnv;

  @Option(names = "--vault-key-file", paramLabel = "FILE",
      description = "Or: a file (owner-only) holding the vault key in Base64.")
  Path vaultKeyFile;

  boolean enabled() {
    return clientId != null;
  }

  /** The resources of the install flow; close it after the server. */
  record Running(OAuthInstall install, IntegrationHost host, SqliteSecretRecords records,
      String installLink) implements AutoCloseable {
    @Override
    public void close() {
      host.close();
      records.close();
    }
  }

  /**
   * Opens the vault and the host and builds the endpoints' configuration.
   *
   * @param emulatorBaseUrl the emulator's URL when serving the emulator (installed accounts and
   *     the code exchange then talk to it)
   * @throws IllegalArgumentException naming the missing or wrong option
   */
  Running open(IntegrationSettings template, Optional<Path> journalDir,
      Optional<String> emulatorBaseUrl, Out err) {
    if (secretEnv == null || redirectUri == null || vaultDir == null
        || (vaultKeyEnv == null) == (vaultKeyFile == null)) {
      throw new IllegalArgumentException("--oauth-client-id needs --oauth-secret-env,"
          + " --oauth-redirect-uri, --vault and one of --vault-key-env, --vault-key-file");
    }
    String secret = secret();
    byte[] key;
    try {
      key = Base64.getDecoder().decode(vaultKeyText().strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the vault key is not Base64 (32 bytes:"
          + " `openssl rand -base64 32`)");
    }
    TokenKeys keys = TokenKeys.builder().current("serve", key).build();
    SqliteSecretRecords records = SqliteSecretRecords.open(vaultDir);
    SecretVault vault = SecretVault.open(records, keys);
    IntegrationHost host = IntegrationHost.builder().listener(new HostListener() {
      @Override
      public void alert(String accountId, io.ringostat.amo.engine.Alert alert) {
        err.line("ALERT " + accountId + " " + alert.kind() + ": " + alert.message());
      }
    }).build();
    HostInstallations installations = new HostInstallations(host, vault, clientId, secret,
        redirectUri, (id, installation, credentials) -> {
          AmoOkHttpGateway.Builder g = AmoOkHttpGateway.builder()
              .account(installation.account()).credentials(credentials);
          emulatorBaseUrl.ifPresent(g::insecureLocalBaseUrl);
          IntegrationSettings settings = IntegrationSettings.builder().from(template)
              .account(installation.account()).build();
          Journal journal = journalDir.<Journal>map(d -> SqliteJournal.open(d.resolve(id)))
              .orElseGet(InMemoryJournal::new);
          return new AccountSpec(id, settings, g.build(), journal);
        }, alert -> err.line("ALERT " + alert));
    AuthorizationCodeExchange.Builder exchange = AuthorizationCodeExchange.builder()
        .clientId(clientId).clientSecret(secret).redirectUri(redirectUri);
    emulatorBaseUrl.ifPresent(exchange::insecureLocalBaseUrl);
    InstallStates states = new InstallStates();
    String state = states.begin();
    String link = emulatorBaseUrl.map(u -> u.replaceAll("/$", "") + "/oauth?client_id=" + clientId
        + "&state=" + state + "&mode=post_message")
        .orElseGet(() -> InstallStates.authorizeUrl(clientId, state));
    return new Running(new OAuthInstall(clientId, secret, states, exchange.build(),
        installations), host, records, link);
  }

  private String vaultKeyText() {
    if (vaultKeyEnv != null) {
      return env(vaultKeyEnv, "--vault-key-env");
    }
    try {
      return java.nio.file.Files.readString(vaultKeyFile);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("--vault-key-file " + vaultKeyFile + ": cannot read it ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  /** The integration's secret key from its environment variable. */
  String secret() {
    if (secretEnv == null) {
      throw new IllegalArgumentException("--oauth-client-id needs --oauth-secret-env");
    }
    return env(secretEnv, "--oauth-secret-env");
  }

  private static String env(String name, String option) {
    String v = System.getenv(name);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(option + " " + name
          + ": the environment variable is not set");
    }
    return v;
  }
}
