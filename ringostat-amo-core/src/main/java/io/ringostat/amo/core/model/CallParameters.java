package io.ringostat.amo.core.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Names the call parameters that pipeline rules (R-PIPE) and field mappings (R-FIELDS) refer to.
 * Known names are {@link #KNOWN}; any other name is looked up among {@link Tracking#extra()}.
 * Names are case-insensitive.
 */
public final class CallParameters {
  public static final String POOL = "pool";
  public static final String UTM_SOURCE = "utm_source";
  public static final String UTM_MEDIUM = "utm_medium";
  public static final String UTM_CAMPAIGN = "utm_campaign";
  public static final String UTM_TERM = "utm_term";
  public static final String UTM_CONTENT = "utm_content";
  public static final String LANDING_PAGE = "landing_page";
  public static final String REFERRER = "referrer";
  public static final String AD_SOURCE = "ad_source";
  public static final String GA_CLIENT_ID = "ga_client_id";
  public static final String TRACKING_PHONE = "tracking_phone";

  /** The built-in parameter names, in documentation order. */
  public static final List<String> KNOWN =
      List.of(POOL, UTM_SOURCE, UTM_MEDIUM, UTM_CAMPAIGN, UTM_TERM, UTM_CONTENT, LANDING_PAGE,
          REFERRER, AD_SOURCE, GA_CLIENT_ID, TRACKING_PHONE);

  private CallParameters() {}

  /** The value of parameter {@code name} in {@code event}, if the event carries it. */
  public static Optional<String> value(CallEvent event, String name) {
    Tracking t = event.tracking();
    switch (name.toLowerCase(Locale.ROOT)) {
      case POOL: return t.pool();
      case UTM_SOURCE: return t.utmSource();
      case UTM_MEDIUM: return t.utmMedium();
      case UTM_CAMPAIGN: return t.utmCampaign();
      case UTM_TERM: return t.utmTerm();
      case UTM_CONTENT: return t.utmContent();
      case LANDING_PAGE: return t.landingPage();
      case REFERRER: return t.referrer();
      case AD_SOURCE: return t.adSource();
      case GA_CLIENT_ID: return t.gaClientId();
      case TRACKING_PHONE: return event.trackingPhone();
      default: return extra(t, name);
    }
  }

  private static Optional<String> extra(Tracking t, String name) {
    String exact = t.extra().get(name);
    if (exact != null) {
      return Optional.of(exact);
    }
    return t.extra().entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(java.util.Map.Entry::getValue)
        .findFirst();
  }
}
