package io.ringostat.amo.core.settings;

import io.ringostat.amo.core.routing.RoutingStrategy;
import io.ringostat.amo.core.routing.RoutingTarget;
import java.time.Duration;
import java.util.List;
import org.immutables.value.Value;

/** Smart-routing settings (R-ROUTE): the search priority, strategy, time budget and cache. */
@Value.Immutable
public interface RoutingSettings {
  /** Default: contact, then open deal (the seed's smart-routing description). */
  RoutingSettings DEFAULT = builder().build();

  @Value.Default
  default List<RoutingTarget> priority() {
    return List.of(RoutingTarget.CONTACT, RoutingTarget.DEAL);
  }

  @Value.Default
  default RoutingStrategy strategy() {
    return RoutingStrategy.RESPONSIBLE;
  }

  /** The answer arrives within this budget whatever the CRM does; default 1.5 s. */
  @Value.Default
  default Duration budget() {
    return Duration.ofMillis(1500);
  }

  /** How long a phone → responsible answer stays cached; default 60 s. */
  @Value.Default
  default Duration cacheTtl() {
    return Duration.ofSeconds(60);
  }

  /** How many phones the cache holds at most; default 10,000. */
  @Value.Default
  default int cacheSize() {
    return 10_000;
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds {@link RoutingSettings} values. */
  class Builder extends ImmutableRoutingSettings.Builder {}
}
