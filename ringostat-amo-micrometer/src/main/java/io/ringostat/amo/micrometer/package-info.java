/**
 * Micrometer binding of the SDK's counters (R-OBS): see {@link
 * io.ringostat.amo.micrometer.RingostatMetrics}.
 *
 * <pre>{@code
 * MeterRegistry registry = new SimpleMeterRegistry();
 * RingostatMetrics metrics = RingostatMetrics.bind(host, registry);
 * registry.get("ringostat.amo.events").tag("account", "acme").tag("outcome", "delivered");
 * }</pre>
 */
package io.ringostat.amo.micrometer;
