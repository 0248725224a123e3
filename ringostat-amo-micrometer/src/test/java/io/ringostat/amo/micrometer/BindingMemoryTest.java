package io.ringostat.amo.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringostat.amo.engine.host.IntegrationHost;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What binding costs per account in heap, and one full read of every meter. */
class BindingMemoryTest {
  static final int ACCOUNTS = 2_000;

  @Test
  @DisplayName("R-OBS: per-account meters cost a few KB per account")
  void heapPerBoundAccount() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (IntegrationHost host = IntegrationHost.builder().workers(8).build()) {
      for (int i = 0; i < ACCOUNTS; i++) {
        host.add(RingostatMetricsTest.spec(String.format("a%05d", i), RingostatMetricsTest.crm()));
      }
      long before = usedAfterGc();
      RingostatMetrics metrics = RingostatMetrics.bind(host, registry);
      readAll(registry); // the first read registers the endpoint meters it sees
      Thread.sleep(1_100); // past the snapshot TTL: the next read reads every account again
      long t = System.nanoTime();
      double sum = readAll(registry);
      long readMs = (System.nanoTime() - t) / 1_000_000;
      long after = usedAfterGc();
      long perAccount = (after - before) / ACCOUNTS;
      System.out.printf("binding: %d accounts, %d meters, %,d B per account, a full read (every account read again) %d ms"
          + " (sum %.0f)%n", ACCOUNTS, registry.getMeters().size(), perAccount, readMs, sum);
      assertThat(perAccount).isLessThan(50_000);
      metrics.close();
    }
  }

  static double readAll(SimpleMeterRegistry registry) {
    double sum = 0;
    for (Meter m : registry.getMeters()) {
      for (Measurement x : m.measure()) {
        sum += x.getValue();
      }
    }
    return sum;
  }

  static long usedAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
