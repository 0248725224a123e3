package io.ringostat.amo.micrometer;

import io.ringostat.amo.engine.EngineMetrics;
import io.ringostat.amo.engine.host.AccountState;
import io.ringostat.amo.engine.host.HostListener;
import io.ringostat.amo.engine.host.IntegrationHost;
import io.ringostat.amo.engine.host.UnknownAccountException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Every account of an {@link IntegrationHost}. */
final class HostSource implements Source {
  private final IntegrationHost host;

  HostSource(IntegrationHost host) {
    this.host = host;
  }

  @Override
  public Set<String> accounts() {
    return read(host::accounts).orElse(Set.of());
  }

  @Override
  public Optional<EngineMetrics> metrics(String accountId) {
    return read(() -> host.metrics(accountId));
  }

  @Override
  public Optional<AccountState> state(String accountId) {
    return read(() -> host.state(accountId));
  }

  @Override
  public AutoCloseable subscribe(HostListener listener) {
    return host.subscribe(listener);
  }

  /** Empty when the account is gone or the host is closed: a scrape never throws. */
  private static <T> Optional<T> read(Supplier<T> r) {
    try {
      return Optional.of(r.get());
    } catch (UnknownAccountException | IllegalStateException gone) {
      return Optional.empty();
    }
  }
}
