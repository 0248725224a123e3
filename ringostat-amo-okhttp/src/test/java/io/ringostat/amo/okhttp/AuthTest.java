package io.ringostat.amo.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.spi.CrmException.Kind;
import io.ringostat.amo.okhttp.testing.FakeAmo;
import io.ringostat.amo.okhttp.testing.FakeTime;
import io.ringostat.amo.okhttp.testing.Fixtures;
import io.ringostat.amo.okhttp.testing.TestGateways;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Long-lived tokens and OAuth 2.0 with single-use refresh tokens. */
class AuthTest {
  static final PhoneNumber PHONE = new PhoneNumber("380441234567");
  static final String NEW_ACCESS = "eyJ0eXAiOiJKV1Qi-new-access";

  @StartStop
  final MockWebServer server = new MockWebServer();

  private final FakeTime time = new FakeTime();
  private final FakeAmo amo = new FakeAmo().tokens(NEW_ACCESS);
  /** Saves and requests in the order they happened, across threads. */
  private final List<String> history = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger refreshes = new AtomicInteger();
  private final Store store = new Store();

  /** A token store that records what it saved. */
  final class Store implements TokenStore {
    private TokenPair pair = new TokenPair("old-access", "def502-old-refresh",
        time.instant().plus(Duration.ofHours(12)));

    @Override
    public synchronized TokenPair load() {
      return pair;
    }

    @Override
    public synchronized void save(TokenPair p) {
      history.add("save " + p.accessToken());
      pair = p;
    }

    synchronized void set(TokenPair p) {
      pair = p;
    }
  }

  @BeforeEach
  void setUp() {
    amo.tokenEndpoint(body -> {
      refreshes.incrementAndGet();
      if (!body.path("refresh_token").asText().equals("def502-old-refresh")) {
        return new MockResponse.Builder().code(401)
            .body(Fixtures.text("problem-oauth-revoked.json")).build();
      }
      return FakeAmo.json(200, Fixtures.text("token-response.json"));
    });
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
        history.add("request " + r.getUrl().encodedPath() + " "
            + r.getHeaders().get("Authorization"));
        return amo.dispatch(r);
      }
    });
  }

  private OAuthCredentials oauth() {
    return OAuthCredentials.builder().clientId("3f0c-client").clientSecret("s3cr3t-client-secret")
        .redirectUri("https://pbx.example.com/amo/callback").tokenStore(store).build();
  }

  private AmoOkHttpGateway oauthGateway(GatewayListener listener) {
    return TestGateways.builder(server, time).credentials(oauth()).listener(listener).build();
  }

  @Test
  void concurrentUnauthorizedRequestsRefreshExactlyOnce() throws Exception {
    AmoOkHttpGateway gateway = oauthGateway(GatewayListener.NONE);
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> results = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      results.add(pool.submit(() -> {
        start.await();
        return gateway.lookup(PHONE, Set.of());
      }));
    }
    start.countDown();
    for (Future<?> f : results) {
      f.get(20, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(refreshes.get()).isEqualTo(1);
    assertThat(amo.requests()).filteredOn(r -> r.equals("POST /oauth2/access_token")).hasSize(1);
    assertThat(store.load().accessToken()).isEqualTo(NEW_ACCESS);
    assertThat(store.load().refreshToken()).isEqualTo("def503-new-refresh");
  }

  @Test
  void twoGatewaysSharingCredentialsRefreshExactlyOnce() throws Exception {
    OAuthCredentials shared = oauth();
    List<AmoOkHttpGateway> gateways = List.of(
        TestGateways.builder(server, time).credentials(shared).build(),
        TestGateways.builder(server, time).credentials(shared).build());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> results = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      AmoOkHttpGateway g = gateways.get(i % 2);
      results.add(pool.submit(() -> {
        start.await();
        return g.lookup(PHONE, Set.of());
      }));
    }
    start.countDown();
    for (Future<?> f : results) {
      f.get(20, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(refreshes.get()).as("the single-use refresh token is spent once").isEqualTo(1);
    assertThat(store.load().accessToken()).isEqualTo(NEW_ACCESS);
  }

  @Test
  void theRefreshedPairIsSavedBeforeItIsUsed() {
    AmoOkHttpGateway gateway = oauthGateway(GatewayListener.NONE);

    gateway.lookup(PHONE, Set.of());

    assertThat(history).containsExactly(
        "request /api/v4/contacts Bearer old-access",
        "request /oauth2/access_token null",
        "save " + NEW_ACCESS,
        "request /api/v4/contacts Bearer " + NEW_ACCESS);
    RecordedRequest refresh = amo.recorded().get(1);
    assertThat(Fixtures.tree(refresh.getBody().utf8()))
        .isEqualTo(Fixtures.json("token-refresh-request.json"));
    assertThat(store.load().expiresAt()).isBetween(time.instant().plusSeconds(86_399),
        time.instant().plusSeconds(86_400));
  }

  @Test
  void aPairRefreshedElsewhereIsUsedWithoutSpendingTheRefreshToken() {
    AmoOkHttpGateway gateway = oauthGateway(GatewayListener.NONE);
    gateway.lookup(PHONE, Set.of()); // now holds NEW_ACCESS
    amo.tokens("third-access");
    store.set(new TokenPair("third-access", "def504", time.instant().plus(Duration.ofDays(1))));
    int before = refreshes.get();

    gateway.lookup(PHONE, Set.of());

    assertThat(refreshes.get()).isEqualTo(before);
    assertThat(history).last().isEqualTo("request /api/v4/contacts Bearer third-access");
  }

  @Test
  void anExpiredAccessTokenIsRefreshedBeforeTheRequest() {
    store.set(new TokenPair("old-access", "def502-old-refresh",
        time.instant().minus(Duration.ofMinutes(1))));

    oauthGateway(GatewayListener.NONE).lookup(PHONE, Set.of());

    assertThat(history).containsExactly("request /oauth2/access_token null",
        "save " + NEW_ACCESS, "request /api/v4/contacts Bearer " + NEW_ACCESS);
  }

  @Test
  void aRefusedRefreshIsAnAuthenticationFailure() {
    store.set(new TokenPair("old-access", "used-refresh", time.instant().plusSeconds(3600)));
    List<AmoAuthenticationException> alerts = new ArrayList<>();
    AmoOkHttpGateway gateway = oauthGateway(new GatewayListener() {
      @Override
      public void authenticationFailed(AmoAuthenticationException cause) {
        alerts.add(cause);
      }
    });

    assertThatThrownBy(() -> gateway.lookup(PHONE, Set.of()))
        .isInstanceOfSatisfying(AmoAuthenticationException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
          assertThat(e.getMessage()).contains("POST /oauth2/access_token")
              .doesNotContain("used-refresh").doesNotContain("s3cr3t");
        });
    assertThat(alerts).hasSize(1);
  }

  @Test
  void aRefusedRefreshTokenIsNeverSentAgainAndAsksForAReinstall() {
    store.set(new TokenPair("old-access", "used-refresh", time.instant().plusSeconds(3600)));
    AmoOkHttpGateway gateway = oauthGateway(GatewayListener.NONE);

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> gateway.lookup(PHONE, Set.of()))
          .isInstanceOf(AmoAuthenticationException.class)
          .hasMessageContaining("installed again");
    }
    assertThat(refreshes.get()).isEqualTo(1);
  }

  @Test
  void aRefusalRecordedInTheVaultStopsOtherGatewaysAndProcessesToo() {
    SecretVault vault = SecretVault.open(new MemoryRecords(),
        TokenKeys.builder().current("k1", new byte[32]).build());
    vault.tokenStore("acme").save(new TokenPair("old-access", "used-refresh",
        time.instant().plusSeconds(3600)));
    java.util.function.Supplier<AmoOkHttpGateway> fresh = () -> TestGateways.builder(server, time)
        .credentials(OAuthCredentials.builder().clientId("3f0c-client")
            .clientSecret("s3cr3t-client-secret").redirectUri("https://pbx.example.com/amo/callback")
            .tokenStore(vault.tokenStore("acme")).build()).build();

    assertThatThrownBy(() -> fresh.get().lookup(PHONE, Set.of()))
        .hasMessageContaining("installed again");
    assertThatThrownBy(() -> fresh.get().lookup(PHONE, Set.of()))
        .hasMessageContaining("refused this refresh token before");
    assertThat(refreshes.get()).isEqualTo(1);
  }

  @Test
  void aSecondUnauthorizedAfterARefreshIsFinal() {
    amo.tokens("nothing-works");

    assertThatThrownBy(() -> oauthGateway(GatewayListener.NONE).lookup(PHONE, Set.of()))
        .isInstanceOf(AmoAuthenticationException.class);
    assertThat(refreshes.get()).isEqualTo(1);
    assertThat(amo.requests()).containsExactly("GET /api/v4/contacts",
        "POST /oauth2/access_token", "GET /api/v4/contacts");
  }

  @Test
  void aFailingTokenStoreIsAnAuthenticationFailure() {
    TokenStore broken = new TokenStore() {
      @Override
      public TokenPair load() {
        return new TokenPair("old-access", "def502-old-refresh", time.instant().plusSeconds(10));
      }

      @Override
      public void save(TokenPair pair) {
        throw new IllegalStateException("disk full");
      }
    };
    AmoOkHttpGateway gateway = TestGateways.builder(server, time)
        .credentials(OAuthCredentials.builder().clientId("3f0c-client")
            .clientSecret("s3cr3t-client-secret").redirectUri("https://pbx.example.com/amo/callback")
            .tokenStore(broken).build()).build();

    assertThatThrownBy(() -> gateway.lookup(PHONE, Set.of()))
        .isInstanceOfSatisfying(AmoAuthenticationException.class,
            e -> assertThat(e.getMessage()).contains("failed to save"));
  }

  @Test
  void longLivedTokenUnauthorizedIsImmediatelyAnAuthenticationFailure() {
    AmoOkHttpGateway gateway = TestGateways.builder(server, time)
        .credentials(LongLivedToken.of("revoked-token")).build();

    assertThatThrownBy(() -> gateway.lookup(PHONE, Set.of()))
        .isInstanceOfSatisfying(AmoAuthenticationException.class,
            e -> assertThat(e.statusCode()).isEqualTo(401));
    assertThat(amo.requests()).containsExactly("GET /api/v4/contacts");
  }

  @Test
  void newCredentialsTakeEffectForTheNextRequest() {
    AmoOkHttpGateway gateway = TestGateways.builder(server, time)
        .credentials(LongLivedToken.of("revoked-token")).build();
    assertThatThrownBy(() -> gateway.lookup(PHONE, Set.of()))
        .isInstanceOf(AmoAuthenticationException.class);

    gateway.useCredentials(LongLivedToken.of(NEW_ACCESS));

    assertThat(gateway.lookup(PHONE, Set.of()).contacts()).isEmpty();
    assertThat(history).last().isEqualTo("request /api/v4/contacts Bearer " + NEW_ACCESS);
    assertThatThrownBy(() -> gateway.useCredentials(new io.ringostat.amo.core.spi.Credentials() {}))
        .isInstanceOf(IllegalArgumentException.class);
  }


}
