/**
 * Implementation of {@code ringostat-amo-okhttp}; not API, may change in any release. The pieces:
 * {@link io.ringostat.amo.okhttp.internal.Writes} (one create or write per port method), {@link
 * io.ringostat.amo.okhttp.internal.PhoneLookup}, {@link io.ringostat.amo.okhttp.internal.Finds}
 * and {@link io.ringostat.amo.okhttp.internal.CatalogLoader} (reads), all sending through the
 * {@link io.ringostat.amo.okhttp.internal.Channel} chain that {@link
 * io.ringostat.amo.okhttp.internal.Transport} assembles.
 */
package io.ringostat.amo.okhttp.internal;
