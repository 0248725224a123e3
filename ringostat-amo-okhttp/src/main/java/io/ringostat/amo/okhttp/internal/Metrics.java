package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.core.spi.GatewayMetrics;
import io.ringostat.amo.core.spi.GatewayMetrics.RequestKey;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/** The gateway's counters (R-OBS). Thread-safe. */
public final class Metrics {
  /** Distinct endpoint and status pairs kept at most; more are counted as {@link #OTHER}. */
  static final int MAX_KEYS = 256;
  static final String OTHER = "other";
  private static final Pattern ID_SEGMENT = Pattern.compile("/\\d+(?=/|$)");

  final LongAdder requests = new LongAdder();
  final LongAdder retries = new LongAdder();
  final LongAdder throttled = new LongAdder();
  private final Map<RequestKey, LongAdder> byEndpoint = new ConcurrentHashMap<>();

  /** Counts one request to {@code method path} answered {@code status}. */
  void answered(String method, String path, String status) {
    RequestKey key = new RequestKey(method + " " + template(path), status);
    LongAdder n = byEndpoint.get(key);
    if (n == null) {
      if (byEndpoint.size() >= MAX_KEYS) {
        key = new RequestKey(OTHER, status);
      }
      n = byEndpoint.computeIfAbsent(key, k -> new LongAdder());
    }
    n.increment();
  }

  /** {@code /api/v4/leads/123/notes} as {@code /api/v4/leads/{id}/notes}. */
  static String template(String path) {
    return ID_SEGMENT.matcher(path).replaceAll("/{id}");
  }

  /** Requests, retries and 429s so far; reconciliations are the engine's to count. */
  public GatewayMetrics snapshot() {
    Map<RequestKey, Long> counts = new HashMap<>();
    byEndpoint.forEach((k, v) -> counts.put(k, v.sum()));
    return new GatewayMetrics(requests.sum(), retries.sum(), throttled.sum(), 0, counts);
  }
}
