package io.ringostat.amo.journal.postgres;

import java.time.Instant;

/**
 * Instants as stored: epoch milliseconds. Sub-millisecond digits are dropped (floor); instants
 * beyond the range of a {@code long} of milliseconds (e.g. {@link Instant#MAX}) are clamped, so
 * {@code prune(Instant.MAX)} means "everything".
 */
final class Millis {
  private static final Instant LARGEST = Instant.ofEpochMilli(Long.MAX_VALUE);
  private static final Instant SMALLEST = Instant.ofEpochMilli(Long.MIN_VALUE);

  private Millis() {}

  static long of(Instant instant) {
    if (instant.isAfter(LARGEST)) {
      return Long.MAX_VALUE;
    }
    if (instant.isBefore(SMALLEST)) {
      return Long.MIN_VALUE;
    }
    return instant.toEpochMilli();
  }

  /** {@code instant} as it reads back from the database. */
  static Instant stored(Instant instant) {
    return Instant.ofEpochMilli(of(instant));
  }

  static Instant instant(long millis) {
    return Instant.ofEpochMilli(millis);
  }
}
