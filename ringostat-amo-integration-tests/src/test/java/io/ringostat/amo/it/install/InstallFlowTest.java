package io.ringostat.amo.it.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.host.AccountSpec;
import io.ringostat.amo.engine.host.AccountState;
import io.ringostat.amo.engine.host.IntegrationHost;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.it.support.Calls;
import io.ringostat.amo.it.support.Fixtures;
import io.ringostat.amo.journal.sqlite.SqliteSecretRecords;
import io.ringostat.amo.okhttp.AmoOkHttpGateway;
import io.ringostat.amo.okhttp.AuthorizationCodeExchange;
import io.ringostat.amo.okhttp.SecretVault;
import io.ringostat.amo.okhttp.TokenKeys;
import io.ringostat.amo.testkit.AmoEmulator;
import io.ringostat.amo.webhooks.HostInstallations;
import io.ringostat.amo.webhooks.InstallStates;
import io.ringostat.amo.webhooks.OAuthInstall;
import io.ringostat.amo.webhooks.WebhookServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installing into an amoCRM account the way public integrations do (issue 18), end to end on the
 * emulator: the user approves in amoCRM, amoCRM redirects to the receiver, the receiver exchanges
 * the code, the account joins the host (INACTIVE until its settings are complete) with its
 * tokens sealed in the SQLite vault, and its first call is delivered. Then the failures a user or
 * an attacker can cause, the uninstall and the reinstall.
 */
class InstallFlowTest {
  static final String CLIENT_ID = "9d1e5f2a-client";
  static final String CLIENT_SECRET = "install-test-client-secret-4410";
  static final String REDIRECT = "https://pbx.example.com/amocrm/install";

  @TempDir
  Path dir;

  AmoEmulator amo;
  IntegrationHost host;
  SqliteSecretRecords records;
  SecretVault vault;
  InstallStates states;
  WebhookServer server;
  final List<String> alerts = new CopyOnWriteArrayList<>();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  String hostId;

  @BeforeEach
  void start() {
    IntegrationSettings complete = Fixtures.demo();
    amo = Fixtures.emulator(complete).oauthClient(CLIENT_ID, CLIENT_SECRET, REDIRECT, null)
        .start();
    hostId = HostInstallations.hostId(amo.accountId());
    host = IntegrationHost.builder().workers(4).build();
    records = SqliteSecretRecords.open(dir);
    vault = SecretVault.open(records, TokenKeys.builder().current("k1", new byte[32]).build());
    // A new account starts from a template whose senior manager is not in the account: INACTIVE.
    IntegrationSettings template = Fixtures.demoBuilder()
        .seniorManagerUserId(999_999).build();
    HostInstallations installations = new HostInstallations(host, vault, CLIENT_ID,
        CLIENT_SECRET, REDIRECT, (id, installation, credentials) -> new AccountSpec(id, template,
            AmoOkHttpGateway.builder().account(installation.account())
                .insecureLocalBaseUrl(amo.baseUrl()).credentials(credentials).build(),
            new InMemoryJournal()), alerts::add);
    states = new InstallStates();
    AuthorizationCodeExchange exchange = AuthorizationCodeExchange.builder().clientId(CLIENT_ID)
        .clientSecret(CLIENT_SECRET).redirectUri(REDIRECT).insecureLocalBaseUrl(amo.baseUrl())
        .build();
    server = WebhookServer.builder().port(0)
        .oauthInstall(new OAuthInstall(CLIENT_ID, CLIENT_SECRET, states, exchange, installations))
        .build().start();
  }

  @AfterEach
  void stop() {
    server.close();
    host.close();
    records.close();
    amo.close();
  }

  /** The browser follows amoCRM's redirect to the receiver. */
  HttpResponse<String> follow(String redirect, String language) throws Exception {
    String local = redirect.replace("https://pbx.example.com", server.uri().toString());
    return http.send(HttpRequest.newBuilder(URI.create(local)).header("Accept-Language", language)
        .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> install(String language) throws Exception {
    return follow(amo.authorize(CLIENT_ID, states.begin(), true), language);
  }

  int tokenRequests() {
    return amo.requestCount("POST", "/oauth2/access_token");
  }

  @Test
  void installFromTheRedirectToTheFirstDeliveredCall() throws Exception {
    HttpResponse<String> page = install("uk-UA,uk;q=0.9,en;q=0.5");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("text/html"));
    assertThat(page.body()).contains("Інтеграцію встановлено").contains("demo.amocrm.ru");
    assertThat(host.accounts()).containsExactly(hostId);
    assertThat(host.state(hostId)).isEqualTo(AccountState.INACTIVE);
    assertThat(vault.hasTokens(hostId)).isTrue();

    assertThat(host.update(hostId, Fixtures.demo()).isActive()).isTrue();
    Calls call = Calls.inbound("install-1", "+380441234567", Instant.now().minusSeconds(60))
        .by("olena");
    assertThat(host.handle(hostId, call.answeredEvent()).status())
        .isEqualTo(HandleResult.Status.DELIVERED);
    assertThat(amo.contactsByPhone("+380441234567")).isNotEmpty();
  }

  @Test
  void aRefusalInstallsNothingAndSaysSo() throws Exception {
    HttpResponse<String> page = follow(amo.authorize(CLIENT_ID, states.begin(), false), "en");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Installation cancelled");
    assertThat(host.accounts()).isEmpty();
    assertThat(tokenRequests()).isZero();
  }

  @Test
  void aReplayedOrForgedStateInstallsNothing() throws Exception {
    String redirect = amo.authorize(CLIENT_ID, states.begin(), true);
    assertThat(follow(redirect, "en").statusCode()).isEqualTo(200);
    host.remove(hostId);

    HttpResponse<String> replayed = follow(redirect, "ru");
    assertThat(replayed.statusCode()).isEqualTo(400);
    assertThat(replayed.body()).contains("Ссылка недействительна");
    HttpResponse<String> forged = follow(amo.authorize(CLIENT_ID, "forged-state", true), "en");
    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(forged.body()).contains("This link is not valid");
    assertThat(host.accounts()).isEmpty();
    assertThat(tokenRequests()).as("no code exchanged for them").isEqualTo(1);
  }

  @Test
  void aRefererThatIsNotAnAmoCrmHostGetsNeitherCodeNorSecret() throws Exception {
    for (String referer : List.of("evil.example.com", "demo.amocrm.ru.evil.com",
        "demo.amocrm.ru:8443", "user@demo.amocrm.ru", "xn--80ak6aa92e.amocrm.ru")) {
      String redirect = amo.authorize(CLIENT_ID, states.begin(), true)
          .replace("referer=demo.amocrm.ru", "referer="
              + java.net.URLEncoder.encode(referer, StandardCharsets.UTF_8));
      HttpResponse<String> page = follow(redirect, "en");
      assertThat(page.statusCode()).as(referer).isEqualTo(400);
      assertThat(page.body()).contains("Unknown account");
    }
    assertThat(tokenRequests()).isZero();
    assertThat(host.accounts()).isEmpty();
  }

  @Test
  void aCodeUsedTwiceIsRefusedTheSecondTime() throws Exception {
    String first = amo.authorize(CLIENT_ID, states.begin(), true);
    assertThat(follow(first, "en").statusCode()).isEqualTo(200);
    String code = first.replaceAll(".*[?&]code=([^&]+).*", "$1");
    String again = amo.authorize(CLIENT_ID, states.begin(), true)
        .replaceAll("code=[^&]+", "code=" + code);

    HttpResponse<String> page = follow(again, "en");
    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains("Access code not accepted").doesNotContain(code);
  }

  @Test
  void uninstallPausesTheAccountKeepsItsJournalForgetsItsTokensAndAlerts() throws Exception {
    install("en");
    host.update(hostId, Fixtures.demo());
    String hook = amo.uninstall(CLIENT_ID, server.uri() + "/amocrm/disconnect");

    HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(
        hook.replaceAll("signature=[0-9a-f]+", "signature=" + "0".repeat(64)))).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(host.state(hostId)).isEqualTo(AccountState.ACTIVE);

    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(hook)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(host.state(hostId)).isEqualTo(AccountState.PAUSED);
    assertThat(vault.hasTokens(hostId)).isFalse();
    assertThat(alerts).singleElement().asString().contains("turned the integration off")
        .contains("journal is kept");
    Calls call = Calls.inbound("after-uninstall", "+380441234568", Instant.now()).by("olena");
    assertThat(host.handle(hostId, call.answeredEvent()).status())
        .isEqualTo(HandleResult.Status.DEFERRED);
  }

  @Test
  void reinstallAfterAnUninstallDeliversWhatWaited() throws Exception {
    install("en");
    host.update(hostId, Fixtures.demo());
    http.send(HttpRequest.newBuilder(URI.create(amo.uninstall(CLIENT_ID, server.uri()
        + "/amocrm/disconnect"))).GET().build(), HttpResponse.BodyHandlers.ofString());
    Calls call = Calls.inbound("waited", "+380441234569", Instant.now().minusSeconds(30))
        .by("olena");
    host.handle(hostId, call.answeredEvent());

    HttpResponse<String> page = install("en");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(host.state(hostId)).isEqualTo(AccountState.ACTIVE);
    assertThat(vault.hasTokens(hostId)).isTrue();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (amo.contactsByPhone("+380441234569").isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(amo.contactsByPhone("+380441234569")).isNotEmpty();
  }

  @Test
  void aRenamedSubdomainIsTakenFromTheAccountNotFromTheReferer() throws Exception {
    String redirect = amo.authorize(CLIENT_ID, states.begin(), true);
    amo.renameSubdomain("demo-renamed");

    HttpResponse<String> page = follow(redirect, "en");
    assertThat(page.body()).contains("demo-renamed.amocrm.ru");
  }

  @Test
  void theVaultFileHoldsNoTokenAndNoSecretInClear() throws Exception {
    install("en");
    vault.saveClientSecret(CLIENT_ID, CLIENT_SECRET);
    String access = vault.tokenStore(hostId).load().accessToken();
    String refresh = vault.tokenStore(hostId).load().refreshToken();

    String raw = new String(Files.readAllBytes(dir.resolve(SqliteSecretRecords.FILE_NAME)),
        StandardCharsets.ISO_8859_1);
    assertThat(raw).doesNotContain(access).doesNotContain(refresh).doesNotContain(CLIENT_SECRET);
  }
}
