package io.ringostat.amo.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.host.AccountSpec;
import io.ringostat.amo.engine.host.AccountState;
import io.ringostat.amo.engine.host.IntegrationHost;
import io.ringostat.amo.engine.host.UnknownAccountException;
import io.ringostat.amo.engine.journal.OwnershipLostException;
import io.ringostat.amo.journal.postgres.FleetAccounts;
import io.ringostat.amo.journal.postgres.LeaseKeeper;
import io.ringostat.amo.journal.postgres.Leases;
import io.ringostat.amo.journal.postgres.PostgresJournal;
import io.ringostat.amo.json.CallEventJson;
import io.ringostat.amo.okhttp.AmoOkHttpGateway;
import io.ringostat.amo.okhttp.LongLivedToken;
import io.ringostat.amo.okhttp.RetryPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * One process of {@link FleetTest}: an {@link IntegrationHost} serving, through {@link
 * FleetAccounts}, the accounts its lease keeper claims in the PostgreSQL schema; each account's
 * amoCRM is an emulator in the parent process. Events come over HTTP: {@code POST
 * /handle?account=ID} with the event's JSON answers 200 and the handle status once the event is
 * journaled, 409 when this process does not own the account (the sender tries another process).
 * Prints {@code READY <port> <ownerId>} once listening.
 *
 * <p>Arguments: {@code jdbcUrl schema accountsFile ttlMillis renewMillis}; the accounts file has
 * one {@code id baseUrl token} line per account.
 */
public final class FleetChild {
  private FleetChild() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    PostgresJournal.Options options = PostgresJournal.Options.builder().schema(args[1])
        .migrate(false).build();
    Map<String, String[]> accounts = new HashMap<>();
    for (String line : Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8)) {
      String[] f = line.trim().split(" ");
      accounts.put(f[0], f);
    }
    Duration ttl = Duration.ofMillis(Long.parseLong(args[3]));
    Duration renew = Duration.ofMillis(Long.parseLong(args[4]));
    IntegrationSettings settings = CrashChild.settings("RECOMMENDED");

    HikariDataSource pool = PostgresJournal.pool(url, null, null, 8);
    IntegrationHost host = IntegrationHost.builder().workers(16)
        .engineOptions(b -> b.handleTimeout(Duration.ofMillis(300))
            .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(200)))
        .build();
    FleetAccounts fleet = FleetAccounts.start(host, pool,
        LeaseKeeper.builder(Leases.open(pool, options)).ttl(ttl).renewEvery(renew)
            .maxClaimsPerRound(5),
        options, (id, journal) -> {
          String[] a = accounts.get(id);
          AmoOkHttpGateway gateway = AmoOkHttpGateway.builder()
              .account(settings.account())
              .insecureLocalBaseUrl(a[1])
              .credentials(LongLivedToken.of(a[2]))
              .rateLimit(150)
              .retryPolicy(RetryPolicy.DEFAULT.withBackoff(Duration.ofMillis(5),
                  Duration.ofMillis(50)))
              .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(2))
              .build();
          return new AccountSpec(id, settings, gateway, journal);
        });

    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.createContext("/handle", exchange -> handle(host, exchange));
    server.createContext("/active", exchange -> active(host, exchange));
    server.start();
    System.out.println("READY " + server.getAddress().getPort() + " "
        + fleet.keeper().ownerId());
    System.out.flush();
    Thread.currentThread().join(); // the parent kills this process
  }

  /** How many accounts this process serves and has activated. */
  private static void active(IntegrationHost host, HttpExchange exchange) throws IOException {
    long n = 0;
    for (String id : host.accounts()) {
      try {
        if (host.state(id) == AccountState.ACTIVE) {
          n++;
        }
      } catch (RuntimeException gone) {
        // removed meanwhile
      }
    }
    byte[] bytes = String.valueOf(n).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static void handle(IntegrationHost host, HttpExchange exchange) throws IOException {
    int code;
    String body;
    try {
      String account = exchange.getRequestURI().getQuery().substring("account=".length());
      String json = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      HandleResult r = host.handle(account, CallEventJson.read(json));
      code = 200;
      body = r.status().name();
    } catch (OwnershipLostException | UnknownAccountException notHere) {
      code = 409;
      body = "not owned here";
    } catch (RuntimeException e) {
      code = 500;
      body = e.toString();
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(code, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
