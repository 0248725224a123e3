/**
 * Implementation of {@code ringostat-amo-okhttp}; not API, may change in any release. The pieces,
 * outermost first: {@link io.ringostat.amo.okhttp.internal.PlanRunner} (plan → fewest requests,
 * reconciling unknown outcomes), {@link io.ringostat.amo.okhttp.internal.PhoneLookup} and {@link
 * io.ringostat.amo.okhttp.internal.CatalogLoader} (reads), and {@link
 * io.ringostat.amo.okhttp.internal.AmoTransport}: block gate → rate limit → auth → send →
 * {@link io.ringostat.amo.okhttp.internal.ErrorMapper}, with the one retry loop.
 */
package io.ringostat.amo.okhttp.internal;
