package io.ringostat.amo.benchmarks;

import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.settings.AmoAccount;
import io.ringostat.amo.core.settings.AmoZone;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.host.AccountSpec;
import io.ringostat.amo.engine.host.IntegrationHost;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.engine.testing.FakeAmoCrm;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures the heap an {@link IntegrationHost} needs (R-FLEET, issue 15): per idle configured
 * account, per event journaled while the account is paused (in an {@link InMemoryJournal}), and
 * per event queued in memory behind a hung amoCRM. Used heap is read after repeated full GCs.
 *
 * <p>Each account has its own settings, {@link FakeAmoCrm} and {@link InMemoryJournal}, and was
 * activated. A real {@code AmoOkHttpGateway} adds its own footprint (it shares the application's
 * OkHttpClient); a durable journal keeps events out of the heap.
 *
 * <pre>
 * mvn -B -q -Pbench -pl ringostat-amo-benchmarks -am install -DskipTests
 * java -Xmx1g -cp ringostat-amo-benchmarks/target/benchmarks.jar \
 *     io.ringostat.amo.benchmarks.HostMemory 10000 10000
 * </pre>
 *
 * <p>Arguments: accounts (default 10,000) and events (default 10,000). Figures:
 * docs/deployment.md.
 */
public final class HostMemory {
  /** What was measured, in bytes. */
  record Figures(int accounts, int events, long perAccount, long perJournaledEvent,
      long perQueuedEvent, long totalUsed, long maxHeap) {
    @Override
    public String toString() {
      return String.format("memory: %d accounts: %,d B per idle account (%,d MiB in all);"
          + " %,d B per event journaled in memory while paused; %,d B per event queued in memory"
          + " (journal + queue); used %,d MiB of a %,d MiB max heap", accounts, perAccount,
          perAccount * accounts >> 20, perJournaledEvent, perQueuedEvent, totalUsed >> 20,
          maxHeap >> 20);
    }
  }

  private static final long OLENA = 504141;
  private static final long SENIOR = 504140;
  private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");

  private HostMemory() {}

  public static void main(String[] args) throws Exception {
    int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    System.out.println(measure(accounts, events));
  }

  static Figures measure(int accounts, int events) throws Exception {
    ExecutorService adders = Executors.newFixedThreadPool(8);
    long before = usedAfterGc();
    try (IntegrationHost host = IntegrationHost.builder().workers(8).queueCapacity(events)
        .engineOptions(b -> b.handleTimeout(Duration.ZERO)).build()) {
      List<Future<?>> adds = new ArrayList<>();
      FakeAmoCrm hung = crm();
      for (int i = 0; i < accounts; i++) {
        String id = String.format("a%05d", i);
        FakeAmoCrm crm = i == 1 ? hung : crm();
        adds.add(adders.submit(() -> host.add(new AccountSpec(id,
            settings("acc" + id), crm, new InMemoryJournal()))));
      }
      for (Future<?> f : adds) {
        f.get();
      }
      long idle = usedAfterGc();

      host.pause("a00000");
      Instant now = Instant.now();
      for (int i = 0; i < events; i++) {
        HandleResult r = host.handle("a00000", missed("p" + i, i, now));
        if (r.status() != HandleResult.Status.DEFERRED) {
          throw new IllegalStateException("expected DEFERRED, got " + r);
        }
      }
      long journaled = usedAfterGc();

      hung.lookupGate = new CountDownLatch(1);
      for (int i = 0; i < events; i++) {
        host.handleAsync("a00001", missed("q" + i, i, now));
      }
      long queued = usedAfterGc();
      Figures f = new Figures(accounts, events, (idle - before) / accounts,
          (journaled - idle) / events, (queued - journaled) / events, queued,
          Runtime.getRuntime().maxMemory());
      hung.lookupGate.countDown();
      return f;
    } finally {
      adders.shutdownNow();
    }
  }

  static IntegrationSettings settings(String subdomain) {
    return IntegrationSettings.builder()
        .account(AmoAccount.builder().subdomain(subdomain).zone(AmoZone.AMOCRM_RU).timeZone(KYIV)
            .build())
        .addEmployee(Employee.builder().code("101").name("Olena").addSipLogin("olena")
            .amoUserId(OLENA).build())
        .addEmployee(Employee.builder().code("100").name("Iryna").addSipLogin("iryna")
            .amoUserId(SENIOR).build())
        .seniorManagerUserId(SENIOR)
        .build();
  }

  static FakeAmoCrm crm() {
    return new FakeAmoCrm(FakeAmoCrm.catalog(KYIV, OLENA, SENIOR));
  }

  static CallEvent missed(String callId, long phone, Instant at) {
    return CallEvent.builder().callId(callId).phase(CallPhase.ENDED)
        .direction(CallDirection.INBOUND).disposition(Disposition.NO_ANSWER)
        .clientPhone("+380" + (440_000_000L + phone % 100_000_000L)).startedAt(at)
        .endedAt(at.plusSeconds(20)).build();
  }

  static long usedAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(50);
      Runtime rt = Runtime.getRuntime();
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
