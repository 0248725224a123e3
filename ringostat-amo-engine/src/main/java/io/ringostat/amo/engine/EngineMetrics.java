package io.ringostat.amo.engine;

import io.ringostat.amo.engine.journal.JournalCounts;
import io.ringostat.amo.core.spi.GatewayMetrics;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Counters a host can export (R-OBS). Counters count since the engine was built.
 *
 * @param handled events accepted by {@code handle} (including duplicates)
 * @param retries deliveries deferred for a retry after a transient failure
 * @param queued events waiting in memory for their phone's turn
 * @param deferred {@code handle} answers {@code DEFERRED} given at intake: the integration was
 *     not active or the in-memory queue was full (the event waits in the journal)
 * @param reconciled effects found already done in amoCRM after an unknown outcome (R-ONCE)
 * @param oldestPending when the oldest event still pending in the journal was received
 */
public record EngineMetrics(
    EngineState state,
    long handled,
    long delivered,
    long nothingToDo,
    long duplicates,
    long failed,
    long rejected,
    long retries,
    int queued,
    JournalCounts journal,
    GatewayMetrics gateway,
    long deferred,
    long reconciled,
    Optional<Instant> oldestPending) {

  public EngineMetrics {
    Objects.requireNonNull(oldestPending, "oldestPending");
  }

  /** The counters without {@code deferred}, {@code reconciled} and {@code oldestPending}. */
  public EngineMetrics(EngineState state, long handled, long delivered, long nothingToDo,
      long duplicates, long failed, long rejected, long retries, int queued, JournalCounts journal,
      GatewayMetrics gateway) {
    this(state, handled, delivered, nothingToDo, duplicates, failed, rejected, retries, queued,
        journal, gateway, 0, 0, Optional.empty());
  }
}
