package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.core.spi.GatewayMetrics;
import java.util.concurrent.atomic.LongAdder;

/** The gateway's counters (R-OBS). Thread-safe. */
public final class Metrics {
  final LongAdder requests = new LongAdder();
  final LongAdder retries = new LongAdder();
  final LongAdder throttled = new LongAdder();

  /** Requests, retries and 429s so far; reconciliations are the engine's to count. */
  public GatewayMetrics snapshot() {
    return new GatewayMetrics(requests.sum(), retries.sum(), throttled.sum(), 0);
  }
}
