package io.ringostat.amo.core.spi;

/**
 * Credentials a gateway authenticates with (a long-lived token, an OAuth client). Marker type: the
 * transport defines the implementations. Implementations never reveal secrets in {@code
 * toString()}.
 */
public interface Credentials {}
