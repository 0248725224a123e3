/**
 * The ports the engine runs through: {@link io.ringostat.amo.core.spi.CrmGateway} (implemented by
 * a transport such as {@code ringostat-amo-okhttp}, or by a fake in tests) and the journal.
 *
 * <pre>{@code
 * CrmView view = gateway.lookup(phone, Set.of());
 * ExecutionReport report = gateway.execute(plan, Set.of(), ExecutionObserver.NONE);
 * report.failures().forEach(f -> log(f.error().kind()));
 * }</pre>
 */
@AmoStyle
package io.ringostat.amo.core.spi;

import io.ringostat.amo.core.AmoStyle;
