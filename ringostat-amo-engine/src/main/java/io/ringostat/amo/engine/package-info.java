/**
 * The engine hosts embed: {@link io.ringostat.amo.engine.IntegrationEngine} journals each call
 * event, looks the client up, decides, executes the plan and records what was done, reliably
 * (R-KEEP, R-ONCE, R-LIMITS, R-OBS).
 *
 * <pre>{@code
 * IntegrationEngine engine = IntegrationEngine.builder()
 *     .settings(settings).gateway(gateway).journal(journal).build();
 * engine.start();
 * HandleResult r = engine.handle(callEvent);
 * }</pre>
 */
@AmoStyle
package io.ringostat.amo.engine;

import io.ringostat.amo.core.AmoStyle;
