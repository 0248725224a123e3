package io.ringostat.amo.core.spi;

import java.util.Map;
import java.util.Objects;

/**
 * Counters a gateway exposes for hosts to export (R-OBS).
 *
 * @param requests HTTP requests sent (including retries)
 * @param retries requests that were retries
 * @param throttled 429 answers received
 * @param reconciled effects found already done in the CRM after an unknown outcome
 * @param requestsByEndpoint requests sent per endpoint and answer (empty when the gateway does not
 *     count them); the counts add up to {@code requests}
 */
public record GatewayMetrics(long requests, long retries, long throttled, long reconciled,
    Map<RequestKey, Long> requestsByEndpoint) {
  public static final GatewayMetrics ZERO = new GatewayMetrics(0, 0, 0, 0);

  /** Status of a request that got no HTTP answer (I/O failure, timeout). */
  public static final String NO_ANSWER = "io_error";

  public GatewayMetrics {
    requestsByEndpoint = Map.copyOf(requestsByEndpoint);
  }

  /** The counters without a per-endpoint breakdown. */
  public GatewayMetrics(long requests, long retries, long throttled, long reconciled) {
    this(requests, retries, throttled, reconciled, Map.of());
  }

  /**
   * An endpoint and an answer, of low cardinality (fit for a metrics tag).
   *
   * @param endpoint method and path template, ids replaced by {@code {id}}, never a query: e.g.
   *     {@code PATCH /api/v4/leads/{id}}
   * @param status the HTTP status code, e.g. {@code "200"}, or {@link #NO_ANSWER}
   */
  public record RequestKey(String endpoint, String status) {
    public RequestKey {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(status, "status");
    }
  }
}
