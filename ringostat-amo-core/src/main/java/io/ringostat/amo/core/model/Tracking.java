package io.ringostat.amo.core.model;

import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Call-tracking data of a call (R-IN-1): the number pool, UTM tags, landing page, referrer, ad
 * source, Google Analytics client id and free-form extra parameters such as {@code
 * roistat_visit_id}. Every field is optional.
 *
 * <p>Pipeline rules (R-PIPE) and field mappings (R-FIELDS) address these values by parameter name;
 * see {@link CallParameters}.
 */
@Value.Immutable
public interface Tracking {
  /** Tracking without any data. */
  Tracking EMPTY = builder().build();

  Optional<String> pool();

  Optional<String> utmSource();

  Optional<String> utmMedium();

  Optional<String> utmCampaign();

  Optional<String> utmTerm();

  Optional<String> utmContent();

  Optional<String> landingPage();

  Optional<String> referrer();

  Optional<String> adSource();

  Optional<String> gaClientId();

  /** Free-form parameters by name, e.g. {@code roistat_visit_id}; insertion order is kept. */
  Map<String, String> extra();

  static Builder builder() {
    return new Builder();
  }

  /** Builds {@link Tracking} values. */
  class Builder extends ImmutableTracking.Builder {}
}
