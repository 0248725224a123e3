package io.ringostat.amo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Parallel clients: ids stay unique and dense, and the emulator keeps up. */
class ConcurrencyTest {
  @Test
  void parallelCreatesGetUniqueIds() throws Exception {
    try (AmoEmulator amo = AmoEmulator.builder().rateLimit(0).start()) {
      TestHttp http = new TestHttp(amo);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          futures.add(
              pool.submit(
                  () -> {
                    List<Long> ids = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                      ids.add(
                          http.postOk("/api/v4/contacts", "[{\"name\":\"x\"}]")
                              .json()
                              .at("/_embedded/contacts/0/id")
                              .asLong());
                    }
                    return ids;
                  }));
        }
        Set<Long> all = new TreeSet<>();
        for (Future<List<Long>> f : futures) {
          all.addAll(f.get());
        }
        assertThat(all).hasSize(400);
        assertThat(all.iterator().next()).isEqualTo(20000001L);
        assertThat(((TreeSet<Long>) all).last()).isEqualTo(20000400L);
        assertThat(amo.requestCount("POST", "/api/v4/contacts")).isEqualTo(400);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
