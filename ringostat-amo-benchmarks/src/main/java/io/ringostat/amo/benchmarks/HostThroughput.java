package io.ringostat.amo.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.ringostat.amo.engine.host.AccountSpec;
import io.ringostat.amo.engine.host.IntegrationHost;
import io.ringostat.amo.engine.testing.FakeAmoCrm;
import io.ringostat.amo.journal.postgres.Lease;
import io.ringostat.amo.journal.postgres.Leases;
import io.ringostat.amo.journal.postgres.PostgresJournal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Throughput of one fleet process (R-FLEET, issue 15): an {@link IntegrationHost} with {@code
 * accounts} accounts, each on a journal fenced by its lease in PostgreSQL, delivering {@code
 * events} missed calls per account (each a new phone: contact, deal, call record, call-back task)
 * to a fake amoCRM that answers at once, so the figure is what the process and the database
 * carry, not amoCRM's 7 requests per second per account. Every event is journaled and
 * synchronously committed several times (append, effects sent and done, finish).
 *
 * <pre>
 * mvn -B -q -Pbench -pl ringostat-amo-benchmarks -am install -DskipTests
 * java -Xmx512m -cp ringostat-amo-benchmarks/target/benchmarks.jar \
 *     io.ringostat.amo.benchmarks.HostThroughput "$(bin/postgres-for-tests)" 100 50
 * </pre>
 *
 * <p>Arguments: JDBC URL, accounts (default 100), events per account (default 50). Creates and
 * drops a schema of its own. Figures: docs/deployment.md.
 */
public final class HostThroughput {
  private HostThroughput() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int accounts = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int events = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    PostgresJournal.Options options = PostgresJournal.Options.builder().schema(schema).build();
    try (HikariDataSource pool = PostgresJournal.pool(url, null, null, 16);
        IntegrationHost host = IntegrationHost.builder().workers(16)
            .engineOptions(b -> b.handleTimeout(Duration.ZERO)).build()) {
      Leases leases = Leases.open(pool, options);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < accounts; i++) {
        String id = String.format("t%04d", i);
        ids.add(id);
        Lease lease = leases.acquire(id, "bench", Duration.ofMinutes(30)).orElseThrow();
        host.add(new AccountSpec(id, HostMemory.settings("t" + i), HostMemory.crm(),
            PostgresJournal.openFenced(pool, lease, options)));
      }
      Instant now = Instant.now();
      long start = System.nanoTime();
      for (int e = 0; e < events; e++) {
        for (int a = 0; a < accounts; a++) {
          host.handleAsync(ids.get(a), HostMemory.missed("c" + e, e, now));
        }
      }
      long total = (long) accounts * events;
      long delivered = 0;
      while (delivered < total && System.nanoTime() - start < Duration.ofMinutes(10).toNanos()) {
        Thread.sleep(100);
        delivered = ids.stream().mapToLong(id -> host.metrics(id).delivered()).sum();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("throughput: %d accounts x %d events on fenced PostgreSQL journals,"
          + " 16 workers, 16 connections: %d delivered in %.1f s = %.0f events/s per process%n",
          accounts, events, delivered, seconds, delivered / seconds);
    } finally {
      try (HikariDataSource pool = PostgresJournal.pool(url, null, null, 2);
          Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }
}
