package io.ringostat.amo.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.settings.AmoAccount;
import io.ringostat.amo.core.settings.AmoZone;
import io.ringostat.amo.okhttp.testing.Effects;
import io.ringostat.amo.okhttp.testing.FakeAmo;
import io.ringostat.amo.okhttp.testing.FakeAmo.Fault;
import io.ringostat.amo.okhttp.testing.FakeTime;
import io.ringostat.amo.okhttp.testing.Fixtures;
import io.ringostat.amo.okhttp.testing.TestGateways;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Only the account's own https origin (or, explicitly, a loopback test server) is ever contacted;
 * secrets never show in logs, messages or {@code toString()}.
 */
class SecurityTest {
  @StartStop
  final MockWebServer server = new MockWebServer();

  private final FakeTime time = new FakeTime();

  @ParameterizedTest
  @ValueSource(strings = {"evil.com", "mycompany.amocrm.ru", "user@host", "mycompany:8080",
      "127.0.0.1", "[::1]", "2130706433.", "myc\u043empany", "xn--80ak6aa92e", "a/b", "..", "",
      " mycompany", "mycompany\n", "-abc", "abc-", "my\u212Aompany", "mycompany/..",
      "mycompany?x=1", "mycompany#x", "http://evil.com",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void hostileSubdomainsAreRefused(String subdomain) {
    assertThatThrownBy(() -> AmoOkHttpGateway.builder().account(subdomain))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("account");
  }

  @Test
  void theOriginIsBuiltFromSubdomainAndZone() {
    LongLivedToken t = LongLivedToken.of("x");
    assertThat(AmoOkHttpGateway.builder().account("MyCompany").credentials(t).build().baseUrl())
        .isEqualTo("https://mycompany.amocrm.ru/");
    assertThat(AmoOkHttpGateway.builder().account("shop-1", AmoZone.KOMMO_COM).credentials(t)
        .build().baseUrl()).isEqualTo("https://shop-1.kommo.com/");
    assertThat(AmoOkHttpGateway.builder().account(AmoAccount.of("acme", AmoZone.AMOCRM_COM))
        .credentials(t).build().baseUrl()).isEqualTo("https://acme.amocrm.com/");
  }

  @Test
  void aHandWrittenAccountCannotSmuggleAHost() {
    for (String hostile : List.of("evil.com/x", "a@evil.com", "xn--e1afmkfd", "evil.com:443")) {
      AmoAccount account = new AmoAccount() {
        @Override
        public String subdomain() {
          return hostile;
        }

        @Override
        public Optional<java.time.ZoneId> timeZone() {
          return Optional.empty();
        }

        @Override
        public String host() {
          return "evil.com";
        }
      };
      assertThatThrownBy(() -> AmoOkHttpGateway.builder().account(account)
          .credentials(LongLivedToken.of("x")).build())
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("subdomain");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://evil.com:8080", "http://127.0.0.2:8080", "http://localhost",
      "http://user@localhost:8080", "http://localhost:8080/path", "http://localhost:8080/../x",
      "ftp://localhost:21", "http://127.0.0.1:99999", "http://localhost.evil.com:80",
      "http://[::1]:8080", "http://127.0.0.1:8080?x", "https://mycompany.amocrm.ru",
      "http://127.0.0.1:80#frag", " http://127.0.0.1:80", "http://LOCALHOST:80"})
  void onlyLoopbackTestOriginsAreAccepted(String url) {
    assertThatThrownBy(() -> AmoOkHttpGateway.builder().insecureLocalBaseUrl(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("insecureLocalBaseUrl");
  }

  @Test
  void loopbackTestOriginsAreAccepted() {
    for (String url : List.of("http://127.0.0.1:8080", "https://localhost:8443/")) {
      assertThat(AmoOkHttpGateway.builder().insecureLocalBaseUrl(url)
          .credentials(LongLivedToken.of("x")).build().baseUrl())
          .isEqualTo(url.endsWith("/") ? url : url + "/");
    }
  }

  @Test
  void buildSaysWhatIsMissing() {
    assertThatThrownBy(() -> AmoOkHttpGateway.builder().account("a").build())
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("credentials");
    assertThatThrownBy(() -> AmoOkHttpGateway.builder().credentials(LongLivedToken.of("x"))
        .build()).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("account");
    assertThatThrownBy(() -> AmoOkHttpGateway.builder().account("a")
        .credentials(LongLivedToken.of("x")).rateLimit(0).build())
        .hasMessageStartingWith("rateLimit");
    assertThatThrownBy(() -> LongLivedToken.of("secret-with\nnewline"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("secret");
    assertThatThrownBy(() -> OAuthCredentials.builder().clientId("id").build())
        .hasMessageStartingWith("clientSecret");
  }

  @Test
  void theHostsClientIsNeverMutated() {
    okhttp3.OkHttpClient mine = new okhttp3.OkHttpClient.Builder().build();
    AmoOkHttpGateway.builder().account("a").credentials(LongLivedToken.of("x"))
        .okHttpClient(mine).timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(1)).build();
    assertThat(mine.followRedirects()).isTrue();
    assertThat(mine.retryOnConnectionFailure()).isTrue();
    assertThat(mine.networkInterceptors()).isEmpty();
    assertThat(mine.readTimeoutMillis()).isEqualTo(10_000);
    assertThat(mine.callTimeoutMillis()).isZero();
  }

  @Test
  void canarySecretsAppearInNoLogMessageOrToString() throws Exception {
    String longLived = "canary-LL-7f3a9e0c";
    String secret = "canary-SECRET-1b2c4d";
    String refresh = "canary-REFRESH-9d8e7f";
    String access = "canary-ACCESS-5a6b7c";
    List<String> canaries = List.of(longLived, secret, refresh, access);
    FakeAmo amo = new FakeAmo().tokens("nothing-is-valid");
    amo.tokenEndpoint(body -> new MockResponse.Builder().code(400)
        .body("{\"hint\":\"Token has been revoked\",\"title\":\"Bad\",\"detail\":\"refresh "
            + "token invalid\"}").build());
    server.setDispatcher(amo);
    List<String> texts = new ArrayList<>();
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      AmoOkHttpGateway.Builder llBuilder = TestGateways.builder(server, time)
          .credentials(LongLivedToken.of(longLived));
      texts.add(llBuilder.toString());
      AmoOkHttpGateway ll = llBuilder.build();
      texts.add(ll.toString());
      collect(texts, () -> ll.lookup(new PhoneNumber("380441234567"), Set.of()));
      collect(texts, () -> ll.createComplex(Effects.contact(), Effects.newDeal()));

      TokenStore store = new TokenStore() {
        @Override
        public TokenPair load() {
          return new TokenPair(access, refresh, time.instant().plusSeconds(3600));
        }

        @Override
        public void save(TokenPair pair) {}
      };
      OAuthCredentials creds = OAuthCredentials.builder().clientId("client-1")
          .clientSecret(secret).redirectUri("https://pbx.example.com/cb").tokenStore(store)
          .build();
      texts.add(creds.toString());
      texts.add(store.load().toString());
      AmoOkHttpGateway oauth = TestGateways.builder(server, time).credentials(creds).build();
      texts.add(oauth.toString());
      collect(texts, () -> oauth.lookup(new PhoneNumber("380441234567"), Set.of()));
      amo.tokens(access);
      amo.fail("POST", "/api/v4/leads/complex", Fault.ACT_THEN_DROP);
      amo.fail("GET", "/api/v4/contacts", Fault.ACT_THEN_CUT_BODY);
      amo.fail("GET", "/api/v4/contacts", Fault.REFUSE_503);
      collect(texts, () -> oauth.createComplex(Effects.contact(), Effects.newDeal()));
      collect(texts, () -> oauth.findContact(new PhoneNumber("380441234567"), "test",
          java.util.Optional.of("Inbound call")));
      amo.fail("GET", "/api/v4/contacts", Fault.ACT_THEN_GARBAGE);
      collect(texts, () -> oauth.lookup(new PhoneNumber("380441234567"), Set.of()));
    } finally {
      System.setErr(original);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertThat(logs).as("the log was captured").contains("OkHttpChannel");
    for (String canary : canaries) {
      assertThat(logs).doesNotContain(canary);
      assertThat(texts).allSatisfy(t -> assertThat(t).doesNotContain(canary));
    }
    assertThat(logs).doesNotContain("380441234567").doesNotContain("0441234567");
    assertThat(texts).allSatisfy(t -> assertThat(t).doesNotContain("0441234567"));
    assertThat(Fixtures.text("token-response.json")).isNotEmpty();
  }

  private static void collect(List<String> texts, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      texts.add(chain(e));
    }
  }

  private static String chain(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c).append(" | ");
    }
    return b.toString();
  }
}
