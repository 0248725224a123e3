package io.ringostat.amo.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.asterisk.FakeAmiServer.Session;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Login, reconnection, keep-alive and shutdown of {@link AmiCallSource} against loopback servers. */
class AmiLifecycleTest {
  static final String USER = "amo";
  static final String SECRET = "s3cr3t-Pa55";

  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private FakeAmiServer server;
  private AmiCallSource source;

  @AfterEach
  void tearDown() throws Exception {
    if (source != null) {
      source.close();
    }
    if (server != null) {
      server.close();
    }
  }

  AmiConfig.Builder config(int port) {
    return AmiConfig.builder().host("127.0.0.1").port(port).username(USER).secret(SECRET)
        .sleeper(d -> {
          sleeps.add(d);
          Thread.sleep(5);
        })
        .random(() -> 0.0).backoff(Duration.ofMillis(100), Duration.ofMillis(300))
        .closeTimeout(Duration.ofSeconds(2));
  }

  @Test
  void refusedLoginFailsWithTypedExceptionWithoutSecretAndIsNotRetried() throws Exception {
    server = new FakeAmiServer(USER, "another secret", Session.refuseLogin());
    AmiConfig config = config(server.port()).build();
    source = AmiCallSource.create(config, e -> { });
    CompletableFuture<Void> login = source.start();

    assertThatThrownBy(() -> login.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(AmiLoginException.class)
        .hasMessageContaining("refused the AMI login of user 'amo'")
        .hasMessageContaining("Authentication failed")
        .hasMessageNotContaining(SECRET);
    Thread.sleep(200);
    assertThat(server.connections()).isEqualTo(1);
    assertThat(sleeps).isEmpty();
    assertThat(config.toString()).doesNotContain(SECRET).contains("secret=***");
    assertThat(source.toString()).doesNotContain(SECRET);
  }

  @Test
  void notAnAmiPortIsRetriedWithCappedExponentialBackoff() throws Exception {
    Session http = Session.banner("HTTP/1.1 400 Bad Request");
    server = new FakeAmiServer(USER, SECRET, http, http, http, http,
        Session.replay("inbound-answered.txt"));
    source = AmiCallSource.create(config(server.port()).build(), e -> { });
    source.start().get(5, TimeUnit.SECONDS);

    assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200),
        Duration.ofMillis(300), Duration.ofMillis(300));
    assertThat(source.isConnected()).isTrue();
  }

  @Test
  void unansweredPingDropsTheConnectionAndReconnects() throws Exception {
    server = new FakeAmiServer(USER, SECRET, Session.silent(), Session.replay("inbound-answered.txt"));
    source = AmiCallSource.create(config(server.port()).pingInterval(Duration.ofMillis(150)).build(),
        e -> { });
    source.start().get(5, TimeUnit.SECONDS);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (server.connections() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(server.connections()).isEqualTo(2);
    assertThat(sleeps).containsExactly(Duration.ofMillis(100));
  }

  @Test
  void closeIsPromptWhileWaitingForTheBanner() throws Exception {
    try (ServerSocket mute = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      source = AmiCallSource.create(config(mute.getLocalPort())
          .loginTimeout(Duration.ofSeconds(30)).build(), e -> { });
      CompletableFuture<Void> login = source.start();
      try (Socket accepted = mute.accept()) {
        assertThat(accepted.isConnected()).isTrue(); // connected, but no banner ever comes
        long start = System.nanoTime();
        source.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(login).failsWithin(Duration.ofSeconds(1));
      }
    }
  }

  @Test
  void closeIsPromptDuringBackoff() throws Exception {
    server = new FakeAmiServer(USER, SECRET, Session.banner("SSH-2.0-OpenSSH_9.6"));
    source = AmiCallSource.create(config(server.port()).sleeper(Sleeper.SYSTEM)
        .backoff(Duration.ofSeconds(30), Duration.ofSeconds(30)).build(), e -> { });
    source.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (server.connections() < 1 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(100); // now in the 30 s backoff
    long start = System.nanoTime();
    source.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }
}
