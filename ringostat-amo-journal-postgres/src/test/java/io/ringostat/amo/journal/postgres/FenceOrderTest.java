package io.ringostat.amo.journal.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.engine.testing.JournalContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Processes fight over one account for a few seconds: each takes the lease when it can, writes,
 * and then either releases it or "pauses" (stops renewing but keeps writing) until its writes are
 * refused. From the journal alone: fences never interleave (in commit order, which seq is, the
 * fence never goes down), every write that returned is there and every refused one is not.
 */
class FenceOrderTest {
  private static final Duration TTL = Duration.ofSeconds(1);
  private static final int TAKEOVERS = 12;
  private static final long MAX_MILLIS = 90_000;

  @Test
  void fencesOfAnAccountsWritesNeverInterleave() throws Exception {
    long seed = Long.getLong("ringostat.seed", System.nanoTime());
    System.out.println("[fence-order] seed=" + seed + " (replay: -Dringostat.seed=" + seed + ")");
    String schema = TestDatabase.freshSchema();
    String account = TestDatabase.freshAccount();
    Leases.open(TestDatabase.shared(), PostgresJournal.Options.builder().schema(schema).build())
        .register(account);
    PostgresJournal.Options options =
        PostgresJournal.Options.builder().schema(schema).migrate(false).build();

    int processes = 3;
    Set<String> written = ConcurrentHashMap.newKeySet();
    Set<String> refused = ConcurrentHashMap.newKeySet();
    Map<Long, String> ownerOfFence = new ConcurrentHashMap<>();
    ExecutorService threads = Executors.newFixedThreadPool(processes);
    List<Future<?>> runs = new ArrayList<>();
    AtomicInteger takeovers = new AtomicInteger();
    long end = System.currentTimeMillis() + MAX_MILLIS;
    for (int p = 0; p < processes; p++) {
      String owner = "p" + p;
      SplittableRandom random = new SplittableRandom(seed + p);
      runs.add(threads.submit(() -> {
        try (HikariDataSource pool = TestDatabase.newPool(2)) {
          Leases leases = Leases.open(pool, options);
          int n = 0;
          while (takeovers.get() < TAKEOVERS && System.currentTimeMillis() < end) {
            Optional<Lease> got = leases.acquire(account, owner, TTL);
            if (got.isEmpty()) {
              Thread.sleep(random.nextInt(20, 80));
              continue;
            }
            Lease lease = got.get();
            takeovers.incrementAndGet();
            assertThat(ownerOfFence.put(lease.fence(), owner)).as("fence handed out twice")
                .isNull();
            boolean pause = random.nextBoolean();
            int writes = random.nextInt(1, 10);
            try (PostgresJournal j = PostgresJournal.openFenced(pool, lease, options)) {
              for (int i = 0; pause || i < writes; i++) {
                String call = owner + "-" + n++;
                try {
                  j.append(JournalContract.event(call, CallPhase.ENDED), "k", JournalContract.T0);
                  written.add(call);
                } catch (LeaseLostException e) {
                  refused.add(call);
                  break;
                }
                Thread.sleep(random.nextInt(0, 20));
              }
            }
            if (!pause) {
              leases.release(lease);
            }
          }
        }
        return null;
      }));
    }
    for (Future<?> f : runs) {
      f.get();
    }
    threads.shutdown();

    List<long[]> rows = new ArrayList<>(); // seq, fence
    List<String> calls = new ArrayList<>();
    try (Connection c = TestDatabase.shared().getConnection();
        PreparedStatement p = c.prepareStatement("SELECT seq, fence, call_id FROM " + schema
            + ".entries WHERE account = ? ORDER BY seq")) {
      p.setString(1, account);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          rows.add(new long[] {r.getLong(1), r.getLong(2)});
          calls.add(r.getString(3));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    assertThat(takeovers.get()).as("the account changed hands").isGreaterThanOrEqualTo(TAKEOVERS);
    assertThat(refused).as("some stale writes were refused").isNotEmpty();
    assertThat(calls).containsExactlyInAnyOrderElementsOf(written).doesNotContainAnyElementsOf(
        refused);
    for (int i = 1; i < rows.size(); i++) {
      assertThat(rows.get(i)[1]).as("fence at seq %d after seq %d", rows.get(i)[0],
          rows.get(i - 1)[0]).isGreaterThanOrEqualTo(rows.get(i - 1)[1]);
    }
    for (int i = 0; i < rows.size(); i++) {
      String owner = ownerOfFence.get(rows.get(i)[1]);
      assertThat(calls.get(i)).as("written by the fence's owner").startsWith(owner + "-");
    }
  }
}
