package io.ringostat.amo.core.spi;

import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.Plan;
import java.util.Set;

/**
 * The port to amoCRM that the engine runs through: look up what the CRM holds for a phone, execute
 * a plan, read the account's reference data. {@code ringostat-amo-okhttp} implements it over REST
 * API v4; tests may use a fake.
 *
 * <p>Implementations are thread-safe, honour the account's rate limit across all callers, retry
 * transient failures themselves (one retry layer), and signal what remains as {@link
 * CrmException}. They never throw for a single effect's failure during {@link #execute}: that is
 * an {@link EffectResult.Failed} in the report.
 */
public interface CrmGateway {
  /** Extra data a lookup may fetch, at the cost of more requests. */
  enum Include {
    /** Company names and responsible users (the caller card). */
    COMPANIES,
    /** Pending unsorted requests for the phone (routing with UNSORTED priority). */
    UNSORTED
  }

  /**
   * What amoCRM holds for {@code phone}: contacts whose PHONE matches after normalization, their
   * deals with status (open or closed), and what {@code include} asks for. Nothing found is an
   * empty view, not an error.
   *
   * @throws CrmException when the CRM cannot answer
   */
  CrmView lookup(PhoneNumber phone, Set<Include> include);

  /**
   * Carries out {@code plan}'s effects in order with the fewest requests, resolving references to
   * entities created earlier in the plan. Effects whose key is in {@code uncertain} may already
   * have been carried out by an earlier attempt whose outcome is unknown (a crash or a lost
   * response): the executor checks the CRM before repeating them.
   *
   * <p>After a failure, effects that depend on the failed one are skipped; after a failure that
   * {@linkplain CrmException#stopsIntegration() stops the integration}, everything left is
   * skipped.
   */
  ExecutionReport execute(Plan plan, Set<EffectKey> uncertain, ExecutionObserver observer);

  /**
   * The account's time zone, users, pipelines and custom fields; loaded once and cached.
   *
   * @param refresh reload from the CRM instead of returning the cached copy
   * @throws CrmException when the CRM cannot answer
   */
  AccountCatalog catalog(boolean refresh);

  /**
   * Checks that the credentials work with one cheap request.
   *
   * @throws CrmException with kind AUTHENTICATION or ACCOUNT_BLOCKED when they do not
   */
  void probe();

  /**
   * Switches to new credentials (reactivation after a broken token, R-KEEP).
   *
   * @throws IllegalArgumentException if this gateway does not support that kind of credentials
   */
  void useCredentials(Credentials credentials);

  /** Counters since start. */
  default GatewayMetrics metrics() {
    return GatewayMetrics.ZERO;
  }
}
