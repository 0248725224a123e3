package io.ringostat.amo.micrometer;

import io.ringostat.amo.engine.EngineMetrics;
import io.ringostat.amo.engine.host.AccountState;
import io.ringostat.amo.engine.host.HostListener;
import java.util.Optional;
import java.util.Set;

/** What the binder reads: one engine, or every account of a host. Thread-safe. */
interface Source {
  Set<String> accounts();

  /** The account's counters; empty when it is gone. */
  Optional<EngineMetrics> metrics(String accountId);

  /** The account's state; empty when it is gone. */
  Optional<AccountState> state(String accountId);

  /** Starts forwarding additions, removals and latencies; the handle stops it. */
  AutoCloseable subscribe(HostListener listener);
}
