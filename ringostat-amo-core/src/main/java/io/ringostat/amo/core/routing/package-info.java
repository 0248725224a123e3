/**
 * The pure part of smart routing (R-ROUTE): {@link io.ringostat.amo.core.routing.Router} answers
 * "who should take this call?" from a {@link io.ringostat.amo.core.model.CrmView} or the last
 * talk, with a {@link io.ringostat.amo.core.routing.RoutingDecision}. Pure, immutable and
 * thread-safe; the lookups and the cache live in the engine.
 *
 * <pre>{@code
 * RoutingDecision d = Router.byResponsible(view, settings.routing().priority(),
 *     settings.directory(), user -> true);
 * }</pre>
 */
@AmoStyle
package io.ringostat.amo.core.routing;

import io.ringostat.amo.core.AmoStyle;
