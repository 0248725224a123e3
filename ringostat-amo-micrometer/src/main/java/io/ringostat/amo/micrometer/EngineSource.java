package io.ringostat.amo.micrometer;

import io.ringostat.amo.engine.EngineMetrics;
import io.ringostat.amo.engine.EngineState;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.host.AccountState;
import io.ringostat.amo.engine.host.HostListener;
import java.util.Optional;
import java.util.Set;

/** One engine, as account {@code accountId}. */
final class EngineSource implements Source {
  private final String accountId;
  private final IntegrationEngine engine;

  EngineSource(String accountId, IntegrationEngine engine) {
    this.accountId = accountId;
    this.engine = engine;
  }

  @Override
  public Set<String> accounts() {
    return Set.of(accountId);
  }

  @Override
  public Optional<EngineMetrics> metrics(String id) {
    return Optional.of(engine.metrics());
  }

  @Override
  public Optional<AccountState> state(String id) {
    EngineState s = engine.state();
    return Optional.of(switch (s) {
      case ACTIVE -> AccountState.ACTIVE;
      case BROKEN -> AccountState.BROKEN;
      case BLOCKED -> AccountState.BLOCKED;
      case PAUSED -> AccountState.PAUSED;
      case INACTIVE, CLOSED -> AccountState.INACTIVE;
    });
  }

  @Override
  public AutoCloseable subscribe(HostListener listener) {
    return () -> { }; // an engine's listener is set when it is built: see latencyListener
  }
}
