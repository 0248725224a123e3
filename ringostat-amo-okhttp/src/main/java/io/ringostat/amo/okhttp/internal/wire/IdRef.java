package io.ringostat.amo.okhttp.internal.wire;

/** {@code {"id": …}} as embedded in other entities. */
public record IdRef(Long id) {}
