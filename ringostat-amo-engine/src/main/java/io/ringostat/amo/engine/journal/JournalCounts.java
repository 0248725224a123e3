package io.ringostat.amo.engine.journal;

/** How many entries the journal holds per state. */
public record JournalCounts(
    long pending, long delivered, long failed, long rejected, long skipped, long expired) {
  public long total() {
    return pending + delivered + failed + rejected + skipped + expired;
  }
}
