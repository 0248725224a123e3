package io.ringostat.amo.core.settings;

import io.ringostat.amo.core.plan.EntityType;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/**
 * The amoCRM account: subdomain and platform, which give the only host the SDK ever contacts, and
 * optionally the account's time zone (otherwise read from the account when activating).
 */
@Value.Immutable
public interface AmoAccount {
  /** Lower-case letters, digits and hyphens; what {@code subdomain} must match. */
  Pattern SUBDOMAIN = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

  /** e.g. "mycompany" for {@code https://mycompany.amocrm.ru}. */
  String subdomain();

  @Value.Default
  default AmoZone zone() {
    return AmoZone.AMOCRM_RU;
  }

  /** Overrides the account's time zone (used for the resend window, R-KEEP). */
  Optional<ZoneId> timeZone();

  /** The account host, e.g. {@code mycompany.amocrm.ru}. */
  default String host() {
    return subdomain() + "." + zone().domain();
  }

  /** The web-interface link to an entity (R-CARD). */
  default String webUrl(EntityType type, long id) {
    String path = switch (type) {
      case CONTACT -> "contacts";
      case DEAL -> "leads";
      case COMPANY -> "companies";
    };
    return "https://" + host() + "/" + path + "/detail/" + id;
  }

  @Value.Check
  default void check() {
    if (!SUBDOMAIN.matcher(subdomain()).matches()) {
      throw new IllegalStateException("account.subdomain: '" + subdomain()
          + "' is not a subdomain (lower-case letters, digits and hyphens, no dots)");
    }
  }

  /** An account on {@code zone}. */
  static AmoAccount of(String subdomain, AmoZone zone) {
    return builder().subdomain(subdomain.toLowerCase(Locale.ROOT)).zone(zone).build();
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds {@link AmoAccount} values. */
  class Builder extends ImmutableAmoAccount.Builder {}
}
