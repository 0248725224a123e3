package io.ringostat.amo.engine;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Thread pools an {@link IntegrationEngine} runs on instead of its own, so that many engines in
 * one process share bounded pools (R-FLEET; see {@code io.ringostat.amo.engine.host}).
 *
 * <p>The caller owns them: the engine never shuts them down, and its {@link
 * IntegrationEngine#close()} only stops its own work on them (queued work of a closed engine
 * returns at once when it runs). Requirements:
 *
 * <ul>
 *   <li>{@code workers} runs deliveries; a task may run for as long as one phone's queue takes
 *       (it blocks on amoCRM and its rate limiter), so it must not be a caller-runs or a
 *       same-thread executor. Per-phone order is kept by the engine whatever the executor.
 *   <li>{@code timer} only schedules: the engine never blocks on it (probes and journal pruning
 *       hop to {@code workers}).
 *   <li>{@code lookups} runs routing lookups; it should reject rather than queue when it is
 *       saturated, so that a ringing call gets a fall-through answer instead of waiting.
 * </ul>
 */
public record EngineExecutors(
    Executor workers, ScheduledExecutorService timer, ExecutorService lookups) {
  public EngineExecutors {
    Objects.requireNonNull(workers, "workers");
    Objects.requireNonNull(timer, "timer");
    Objects.requireNonNull(lookups, "lookups");
  }
}
