package io.ringostat.amo.core.spi;

/**
 * Counters a gateway exposes for hosts to export (R-OBS).
 *
 * @param requests HTTP requests sent (including retries)
 * @param retries requests that were retries
 * @param throttled 429 answers received
 * @param reconciled effects found already done in the CRM after an unknown outcome
 */
public record GatewayMetrics(long requests, long retries, long throttled, long reconciled) {
  public static final GatewayMetrics ZERO = new GatewayMetrics(0, 0, 0, 0);
}
