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

  /** Most free-form parameters a call may carry. */
  int MAX_EXTRA = 50;

  @Value.Check
  default void check() {
    CallEvent.requireLength("tracking.pool", pool(), CallEvent.MAX_TEXT);
    CallEvent.requireLength("tracking.utm_source", utmSource(), CallEvent.MAX_TEXT);
    CallEvent.requireLength("tracking.utm_medium", utmMedium(), CallEvent.MAX_TEXT);
    CallEvent.requireLength("tracking.utm_campaign", utmCampaign(), CallEvent.MAX_TEXT);
    CallEvent.requireLength("tracking.utm_term", utmTerm(), CallEvent.MAX_TEXT);
    CallEvent.requireLength("tracking.utm_content", utmContent(), CallEvent.MAX_TEXT);
    CallEvent.requireLength("tracking.landing_page", landingPage(), CallEvent.MAX_URL);
    CallEvent.requireLength("tracking.referrer", referrer(), CallEvent.MAX_URL);
    CallEvent.requireLength("tracking.ad_source", adSource(), CallEvent.MAX_TEXT);
    CallEvent.requireLength("tracking.ga_client_id", gaClientId(), CallEvent.MAX_TEXT);
    if (extra().size() > MAX_EXTRA) {
      throw new IllegalStateException("tracking.extra: more than " + MAX_EXTRA + " parameters");
    }
    extra().forEach((k, v) -> {
      CallEvent.requireLength("tracking.extra key", java.util.Optional.of(k), CallEvent.MAX_TEXT);
      CallEvent.requireLength("tracking.extra." + k, java.util.Optional.of(v), CallEvent.MAX_TEXT);
    });
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds {@link Tracking} values. */
  class Builder extends ImmutableTracking.Builder {}
}
