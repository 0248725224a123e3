package io.ringostat.amo.engine.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Runs {@link HostMemoryHarness} small; the full figures come from its main (see there). */
class HostMemoryTest {
  @Test
  @DisplayName("R-FLEET: an idle account costs well under 100 KB (10,000 in a 1 GiB heap)")
  void memoryPerAccount() throws Exception {
    HostMemoryHarness.Figures f = HostMemoryHarness.measure(2_000, 2_000);
    System.out.println(f);
    assertThat(f.perAccount()).isLessThan(100_000);
  }
}
