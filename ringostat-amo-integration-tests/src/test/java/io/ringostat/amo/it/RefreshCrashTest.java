package io.ringostat.amo.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringostat.amo.journal.sqlite.SqliteSecretRecords;
import io.ringostat.amo.okhttp.AmoOkHttpGateway;
import io.ringostat.amo.okhttp.OAuthCredentials;
import io.ringostat.amo.okhttp.SecretVault;
import io.ringostat.amo.okhttp.TokenPair;
import io.ringostat.amo.okhttp.TokenStore;
import io.ringostat.amo.testkit.AmoEmulator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed in the middle of an OAuth refresh, 21 times, at the three points that matter
 * (issue 18): before the refresh token is sent, after amoCRM answered but before the answer is
 * written, and after it is written. The tokens live in the encrypted SQLite vault and the
 * emulator's refresh tokens are single-use, as amoCRM's are.
 *
 * <ul>
 *   <li>Killed before sending or after writing: the account keeps working, every time.
 *   <li>Killed between amoCRM's answer and the write: amoCRM has spent the refresh token and the
 *       new one died with the process; no client can get it back. The account then reports,
 *       once, that it must be installed again (naming the unfinished refresh), never sends the
 *       spent token again, and works after the re-install.
 * </ul>
 *
 * <p>Each kill is followed by a restart: the vault file opened afresh, the account used once.
 * At the end the vault file is searched for every token and the client secret: none in clear.
 */
class RefreshCrashTest {
  static final String CLIENT_ID = "3f0c-test-client";
  static final String CLIENT_SECRET = "canary-client-secret-e6a1";
  static final String REDIRECT = "https://pbx.example.com/amo/install";
  static final String FIRST_REFRESH = "def502-canary-first-refresh";
  static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  @TempDir
  Path dir;

  final AmoEmulator amo = AmoEmulator.builder()
      .oauthClient(CLIENT_ID, CLIENT_SECRET, REDIRECT, FIRST_REFRESH).start();
  final Set<String> seen = new LinkedHashSet<>();
  int codes;

  @AfterEach
  void stop() {
    amo.close();
  }

  @Test
  void anAccountSurvivesEveryKillPointOrAsksOnceForAReinstall() throws Exception {
    try (SqliteSecretRecords records = SqliteSecretRecords.open(dir)) {
      SecretVault vault = RefreshCrashChild.vault(records, KEY);
      vault.saveClientSecret(CLIENT_ID, CLIENT_SECRET);
      vault.tokenStore("acme").save(new TokenPair("expired-access", FIRST_REFRESH,
          Instant.EPOCH));
    }
    String[] points = {"before-send", "after-save", "before-save"};
    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      String point = points[i % points.length];
      expireAccessToken();
      int refreshesBefore = tokenRequests();
      Child killed = Child.start(amo, dir, point);
      assertThat(killed.awaitLine()).isEqualTo("AT " + point);
      killed.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

      String after = restart();
      if (point.equals("before-save")) {
        assertThat(after).startsWith("AUTH").contains("installed again")
            .contains("never saved its answer").doesNotContain(CLIENT_SECRET);
        int refused = tokenRequests();
        assertThat(restart()).startsWith("AUTH").contains("refused this refresh token before");
        assertThat(tokenRequests()).as("a refused refresh token is never sent again")
            .isEqualTo(refused);
        reinstall();
        assertThat(restart()).isEqualTo("OK");
      } else {
        assertThat(after).as("after a kill at " + point).isEqualTo("OK");
      }
      assertThat(tokenRequests()).isGreaterThan(refreshesBefore);
      outcomes.add(point + ": " + after.split(" ")[0]);
    }
    assertThat(outcomes).hasSize(21);

    byte[] file = Files.readAllBytes(dir.resolve(SqliteSecretRecords.FILE_NAME));
    String raw = new String(file, StandardCharsets.ISO_8859_1);
    assertThat(seen).hasSizeGreaterThan(20);
    for (String secret : seen) {
      assertThat(raw).as("the vault file holds a secret in clear").doesNotContain(secret);
    }
    assertThat(raw).doesNotContain(CLIENT_SECRET).doesNotContain("canary");
  }

  /**
   * What a restarted process does: opens the vault afresh and uses the account once (in this JVM:
   * nothing of the killed process survives but the vault file). {@code OK} or {@code AUTH ..}.
   */
  private String restart() {
    try (SqliteSecretRecords records = SqliteSecretRecords.open(dir)) {
      AmoOkHttpGateway gateway = AmoOkHttpGateway.builder().insecureLocalBaseUrl(amo.baseUrl())
          .credentials(OAuthCredentials.builder().clientId(CLIENT_ID).clientSecret(CLIENT_SECRET)
              .redirectUri(REDIRECT)
              .tokenStore(RefreshCrashChild.vault(records, KEY).tokenStore("acme")).build())
          .build();
      try {
        gateway.probe();
        return "OK";
      } catch (RuntimeException e) {
        return "AUTH " + e.getMessage();
      }
    }
  }

  private int tokenRequests() {
    return amo.requestCount("POST", "/oauth2/access_token");
  }

  /** Makes the stored access token expired, so that the next child refreshes first. */
  private void expireAccessToken() {
    try (SqliteSecretRecords records = SqliteSecretRecords.open(dir)) {
      TokenStore store = RefreshCrashChild.vault(records, KEY).tokenStore("acme");
      TokenPair p = store.load();
      seen.add(p.accessToken());
      seen.add(p.refreshToken());
      if (!store.isRefused(p)) {
        store.save(new TokenPair(p.accessToken(), p.refreshToken(), Instant.EPOCH));
      }
    }
  }

  /** What a new installation does: a code exchanged for a new pair, saved in the vault. */
  private void reinstall() throws Exception {
    String code = "install-code-" + (++codes);
    amo.issueAuthorizationCode(code);
    String body = "{\"client_id\":\"" + CLIENT_ID + "\",\"client_secret\":\"" + CLIENT_SECRET
        + "\",\"grant_type\":\"authorization_code\",\"code\":\"" + code
        + "\",\"redirect_uri\":\"" + REDIRECT + "\"}";
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(amo.baseUrl().replaceAll("/$", "") + "/oauth2/access_token"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode t = new ObjectMapper().readTree(r.body());
    try (SqliteSecretRecords records = SqliteSecretRecords.open(dir)) {
      RefreshCrashChild.vault(records, KEY).tokenStore("acme").save(new TokenPair(
          t.get("access_token").asText(), t.get("refresh_token").asText(),
          Instant.now().plusSeconds(3600)));
    }
  }

  /** One child JVM. */
  static final class Child {
    final Process process;
    private final BufferedReader out;

    private Child(Process process) {
      this.process = process;
      this.out = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8));
    }

    static Child start(AmoEmulator amo, Path dir, String point) throws Exception {
      String classpath = System.getProperty("surefire.test.class.path",
          System.getProperty("java.class.path"));
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      ProcessBuilder b = new ProcessBuilder(java.toString(), "-Xmx128m",
          "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=off", "-cp", classpath,
          RefreshCrashChild.class.getName(), amo.baseUrl(), dir.toString(), point, CLIENT_ID,
          REDIRECT).redirectError(ProcessBuilder.Redirect.DISCARD);
      b.environment().put("VAULT_KEY", KEY);
      b.environment().put("CLIENT_SECRET", CLIENT_SECRET);
      return new Child(b.start());
    }

    /** The child's first line of output (60 s at most), then, for a finished child, its end. */
    String awaitLine() throws Exception {
      String line;
      try {
        line = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          try {
            return out.readLine();
          } catch (java.io.IOException e) {
            return null;
          }
        }).get(60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        process.destroyForcibly();
        return "TIMEOUT";
      }
      if (line == null) {
        process.waitFor(10, TimeUnit.SECONDS);
        return "EXIT " + process.exitValue();
      }
      return line;
    }
  }
}
