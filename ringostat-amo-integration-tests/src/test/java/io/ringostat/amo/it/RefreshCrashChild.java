package io.ringostat.amo.it;

import io.ringostat.amo.journal.sqlite.SqliteSecretRecords;
import io.ringostat.amo.okhttp.AmoOkHttpGateway;
import io.ringostat.amo.okhttp.OAuthCredentials;
import io.ringostat.amo.okhttp.SecretVault;
import io.ringostat.amo.okhttp.TokenKeys;
import io.ringostat.amo.okhttp.TokenPair;
import io.ringostat.amo.okhttp.TokenStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The process {@link RefreshCrashTest} kills: refreshes the account's OAuth tokens (kept in an
 * encrypted SQLite vault) against the parent's emulator and stops dead at one point of the
 * refresh, printing {@code AT <point>} and waiting for its SIGKILL. Points: {@code before-send}
 * (the refresh is recorded, nothing sent yet), {@code before-save} (amoCRM answered, the answer is
 * not written yet), {@code after-save} (written, not used yet), {@code none} (runs to the end and
 * prints {@code OK} or {@code AUTH <message>}).
 *
 * <p>Arguments: {@code baseUrl secretsDir point clientId redirectUri}; the vault key (Base64) and
 * the client secret come from the environment ({@code VAULT_KEY}, {@code CLIENT_SECRET}).
 */
public final class RefreshCrashChild {
  private RefreshCrashChild() {}

  static SecretVault vault(SqliteSecretRecords records, String keyBase64) {
    return SecretVault.open(records, TokenKeys.builder()
        .current("test-1", Base64.getDecoder().decode(keyBase64)).build());
  }

  public static void main(String[] args) throws Exception {
    String baseUrl = args[0];
    Path dir = Path.of(args[1]);
    String point = args[2];
    SecretVault vault = vault(SqliteSecretRecords.open(dir), System.getenv("VAULT_KEY"));
    TokenStore store = new Stopping(vault.tokenStore("acme"), point);
    AmoOkHttpGateway gateway = AmoOkHttpGateway.builder().insecureLocalBaseUrl(baseUrl)
        .credentials(OAuthCredentials.builder().clientId(args[3])
            .clientSecret(System.getenv("CLIENT_SECRET")).redirectUri(args[4])
            .tokenStore(store).build())
        .build();
    try {
      gateway.probe();
      System.out.println("OK");
    } catch (RuntimeException e) {
      System.out.println("AUTH " + e.getMessage().replace('\n', ' '));
    }
    System.exit(0);
  }

  /** A token store that freezes the process at {@code point}. */
  static final class Stopping implements TokenStore {
    private final TokenStore next;
    private final String point;

    Stopping(TokenStore next, String point) {
      this.next = next;
      this.point = point;
    }

    @Override
    public TokenPair load() {
      return next.load();
    }

    @Override
    public void refreshStarted(TokenPair current) {
      next.refreshStarted(current);
      stopAt("before-send");
    }

    @Override
    public void save(TokenPair pair) {
      stopAt("before-save");
      next.save(pair);
      stopAt("after-save");
    }

    @Override
    public void refreshRefused(TokenPair current, String reason) {
      next.refreshRefused(current, reason);
    }

    @Override
    public boolean isRefused(TokenPair pair) {
      return next.isRefused(pair);
    }

    @Override
    public Optional<Instant> unfinishedRefresh() {
      return next.unfinishedRefresh();
    }

    @Override
    public Optional<String> previousRefreshToken() {
      return next.previousRefreshToken();
    }

    private void stopAt(String here) {
      if (point.equals(here)) {
        System.out.println("AT " + here);
        System.out.flush();
        try {
          Thread.sleep(Long.MAX_VALUE); // until the parent's SIGKILL
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
