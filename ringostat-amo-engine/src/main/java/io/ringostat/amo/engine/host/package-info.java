/**
 * Many amoCRM accounts in one process on shared, bounded thread pools (R-FLEET).
 *
 * <pre>{@code
 * IntegrationHost host = IntegrationHost.builder().workers(32).build();
 * host.add(new AccountSpec("acme", settings, gateway, journal));
 * HandleResult r = host.handle("acme", event);
 * }</pre>
 */
package io.ringostat.amo.engine.host;
