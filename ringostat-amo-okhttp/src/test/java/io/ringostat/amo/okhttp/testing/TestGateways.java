package io.ringostat.amo.okhttp.testing;

import io.ringostat.amo.core.settings.AmoAccount;
import io.ringostat.amo.core.settings.AmoZone;
import io.ringostat.amo.okhttp.AmoOkHttpGateway;
import io.ringostat.amo.okhttp.LongLivedToken;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/** Gateways pointed at a MockWebServer, with fake time and fast timeouts. */
public final class TestGateways {
  public static final String TOKEN = "test-token";

  /**
   * No pooled connections: every request opens one, so connection-level faults hit the request
   * they are armed for.
   */
  public static final OkHttpClient CLIENT = new OkHttpClient.Builder()
      .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();

  private TestGateways() {}

  public static AmoOkHttpGateway.Builder builder(MockWebServer server, FakeTime time) {
    return AmoOkHttpGateway.builder()
        .account(AmoAccount.of("mycompany", AmoZone.AMOCRM_RU))
        .insecureLocalBaseUrl("http://" + server.getHostName() + ":" + server.getPort())
        .credentials(LongLivedToken.of(TOKEN))
        .okHttpClient(CLIENT)
        .timeouts(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(2))
        .rateLimit(1000)
        .clock(time)
        .sleeper(time)
        .jitter(() -> 1.0);
  }

  public static AmoOkHttpGateway gateway(MockWebServer server, FakeTime time) {
    return builder(server, time).build();
  }
}
