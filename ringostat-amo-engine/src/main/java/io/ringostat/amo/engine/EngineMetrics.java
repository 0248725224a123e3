package io.ringostat.amo.engine;

import io.ringostat.amo.engine.journal.JournalCounts;
import io.ringostat.amo.core.spi.GatewayMetrics;

/**
 * Counters a host can export (R-OBS).
 *
 * @param handled events accepted by {@code handle} (including duplicates)
 * @param queued events waiting in memory for their phone's turn
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
    GatewayMetrics gateway) {}
