package io.ringostat.amo.okhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.spi.GatewayMetrics.RequestKey;
import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void idsInPathsBecomeATemplate() {
    assertThat(Metrics.template("/api/v4/leads/123/notes")).isEqualTo("/api/v4/leads/{id}/notes");
    assertThat(Metrics.template("/api/v4/leads/123")).isEqualTo("/api/v4/leads/{id}");
    assertThat(Metrics.template("/api/v4/leads/complex")).isEqualTo("/api/v4/leads/complex");
  }

  @Test
  void endpointsBeyondTheCapAreCountedAsOther() {
    Metrics m = new Metrics();
    for (int i = 0; i < Metrics.MAX_KEYS + 10; i++) {
      m.answered("GET", "/x" + i, "200");
    }
    assertThat(m.snapshot().requestsByEndpoint()).hasSize(Metrics.MAX_KEYS + 1)
        .containsEntry(new RequestKey(Metrics.OTHER, "200"), 10L);
  }
}
