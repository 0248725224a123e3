package io.ringostat.amo.benchmarks;

import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.spi.Credentials;
import io.ringostat.amo.core.spi.CrmGateway;
import io.ringostat.amo.core.spi.EffectResult;
import io.ringostat.amo.core.spi.ExecutionObserver;
import io.ringostat.amo.core.spi.ExecutionReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A CRM that answers instantly and counts lookups: every phone belongs to an existing client
 * (contact + open deal, responsible Andriy). Executing a plan marks every effect done without
 * creating anything. Thread-safe.
 */
final class CountingGateway implements CrmGateway {
  private final AccountCatalog catalog;
  final AtomicLong lookups = new AtomicLong();

  CountingGateway(AccountCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public CrmView lookup(PhoneNumber phone, Set<Include> include) {
    lookups.incrementAndGet();
    return BenchFixtures.existingClient(phone);
  }

  @Override
  public ExecutionReport execute(Plan plan, Set<EffectKey> uncertain, ExecutionObserver observer) {
    List<EffectResult> results = new ArrayList<>();
    plan.effects().forEach(e -> {
      EffectResult.Done done = EffectResult.Done.of(e.key(), Map.of());
      observer.done(done);
      results.add(done);
    });
    return new ExecutionReport(results, plan.effects().size());
  }

  @Override
  public AccountCatalog catalog(boolean refresh) {
    return catalog;
  }

  @Override
  public void probe() {}

  @Override
  public void useCredentials(Credentials credentials) {}
}
