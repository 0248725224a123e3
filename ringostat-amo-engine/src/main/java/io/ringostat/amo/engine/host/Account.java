package io.ringostat.amo.engine.host;

import io.ringostat.amo.engine.EngineMetrics;
import io.ringostat.amo.engine.IntegrationEngine;
import java.util.Optional;

/**
 * One account in a host: its spec, its current engine, whether it is paused or owned, and the
 * counters of the engines it had before (an engine is replaced on new settings, on pause and on a
 * lost lease, and counters must not go backwards). Fields change under the account's lock; {@link #engine} is read without it.
 */
final class Account {
  final AccountExecutor workers;
  final LookupGate lookups;
  volatile AccountSpec spec;
  volatile IntegrationEngine engine;
  volatile boolean paused;
  /** False once this process lost the account's lease, until {@code takeOver} (R-FLEET). */
  volatile boolean owned = true;
  /** Counters of the engines this account had before the current one. */
  private volatile EngineMetrics retired;

  Account(AccountSpec spec, AccountExecutor workers, LookupGate lookups) {
    this.spec = spec;
    this.workers = workers;
    this.lookups = lookups;
  }

  String id() {
    return spec.id();
  }

  /** Adds the counters of a closed engine. Called under the account's lock. */
  void retire(EngineMetrics m) {
    retired = retired == null ? m : sum(retired, m, m);
  }

  /** The current engine's metrics with the counters of the engines before it added. */
  EngineMetrics metrics() {
    EngineMetrics now = engine.metrics();
    EngineMetrics before = retired;
    return before == null ? now : sum(before, now, now);
  }

  private static EngineMetrics sum(EngineMetrics a, EngineMetrics b, EngineMetrics current) {
    Optional<java.time.Instant> oldest = current.oldestPending();
    return new EngineMetrics(current.state(), a.handled() + b.handled(),
        a.delivered() + b.delivered(), a.nothingToDo() + b.nothingToDo(),
        a.duplicates() + b.duplicates(), a.failed() + b.failed(), a.rejected() + b.rejected(),
        a.retries() + b.retries(), current.queued(), current.journal(), current.gateway(),
        a.deferred() + b.deferred(), a.reconciled() + b.reconciled(), oldest);
  }
}
