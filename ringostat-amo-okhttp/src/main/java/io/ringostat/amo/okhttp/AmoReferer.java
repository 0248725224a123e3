package io.ringostat.amo.okhttp;

import io.ringostat.amo.core.settings.AmoAccount;
import io.ringostat.amo.core.settings.AmoZone;
import io.ringostat.amo.okhttp.internal.BaseUrls;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code referer} and {@code platform} amoCRM puts on its OAuth redirect (reference §1.1): the
 * host of the account that installed the integration. Only a host the gateway would contact is
 * accepted: {@code {subdomain}.amocrm.ru}, {@code .amocrm.com} or {@code .kommo.com} with a plain
 * ASCII subdomain (the same rules as {@code AmoAccount} and the gateway's base URL), nothing else:
 * no ports, paths, user-info, punycode or other domains, so a forged redirect cannot send the
 * client secret and the code anywhere else.
 *
 * <p>{@code platform}: 1 is amoCRM (amocrm.ru, amocrm.com), 2 is Kommo (kommo.com, amocrm.com);
 * amoCRM's documentation is not precise about amocrm.com, so it is accepted with both. Absent, any
 * zone is accepted.
 *
 * @param account the account's subdomain and zone
 */
public record AmoReferer(AmoAccount account) {
  public AmoReferer {
    Objects.requireNonNull(account, "account");
  }

  /**
   * Parses and checks a redirect's {@code referer} (a host, optionally with {@code https://}).
   *
   * @param platform the redirect's {@code platform} parameter, or null
   * @throws IllegalArgumentException saying what is wrong (the value is shown only cut and
   *     without control characters)
   */
  public static AmoReferer parse(String referer, String platform) {
    if (referer == null || referer.isBlank()) {
      throw new IllegalArgumentException("referer: missing; amoCRM sends the account host");
    }
    String host = referer.toLowerCase(Locale.ROOT);
    if (host.startsWith("https://")) {
      host = host.substring("https://".length());
    }
    if (host.endsWith("/")) {
      host = host.substring(0, host.length() - 1);
    }
    Set<AmoZone> allowed = zones(platform);
    for (AmoZone zone : AmoZone.values()) {
      String suffix = "." + zone.domain();
      if (host.endsWith(suffix)) {
        String sub = host.substring(0, host.length() - suffix.length());
        if (sub.isEmpty() || sub.contains(".")) {
          break;
        }
        String checked;
        try {
          checked = BaseUrls.subdomain(sub);
        } catch (IllegalArgumentException e) {
          break;
        }
        if (!allowed.contains(zone)) {
          throw new IllegalArgumentException("referer: " + zone.domain() + " does not belong to"
              + " platform " + platform);
        }
        return new AmoReferer(AmoAccount.of(checked, zone));
      }
    }
    throw new IllegalArgumentException("referer: '" + printable(referer) + "' is not an amoCRM"
        + " account host ({subdomain}.amocrm.ru, .amocrm.com or .kommo.com)");
  }

  private static Set<AmoZone> zones(String platform) {
    if (platform == null || platform.isBlank()) {
      return EnumSet.allOf(AmoZone.class);
    }
    return switch (platform.strip()) {
      case "1" -> EnumSet.of(AmoZone.AMOCRM_RU, AmoZone.AMOCRM_COM);
      case "2" -> EnumSet.of(AmoZone.KOMMO_COM, AmoZone.AMOCRM_COM);
      default -> throw new IllegalArgumentException("platform: '" + printable(platform)
          + "' is neither 1 (amoCRM) nor 2 (Kommo)");
    };
  }

  /** The account host, e.g. {@code acme.amocrm.ru}. */
  public String host() {
    return account.host();
  }

  private static String printable(String s) {
    String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return cut.replaceAll("[\\p{Cntrl}@]", "?");
  }
}
