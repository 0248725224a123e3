package io.ringostat.amo.examples.cli;

import io.ringostat.amo.core.settings.AmoAccount;
import io.ringostat.amo.core.settings.AmoZone;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * A checked {@code --amo-url}: an amoCRM account origin ({@code https://SUBDOMAIN.amocrm.ru},
 * {@code .amocrm.com}, {@code .kommo.com}), or a local server that speaks amoCRM's API ({@code
 * http(s)://127.0.0.1:PORT}, {@code http(s)://localhost:PORT}) when the user said {@code
 * --allow-insecure-local}. Anything else is refused: the token must never travel in plain text or
 * to a host that is not the account's (SPEC §6 security). A URL with user-info ({@code
 * user:password@}) is refused without being echoed.
 *
 * @param account the account, for a remote URL
 * @param localBaseUrl the origin, for a local server
 */
record AmoUrl(Optional<AmoAccount> account, Optional<String> localBaseUrl) {

  /** Where requests go, for messages. */
  String origin() {
    return localBaseUrl.orElseGet(() -> "https://" + account.orElseThrow().host());
  }

  /**
   * Parses and checks {@code raw}.
   *
   * @throws IllegalArgumentException with a message that says what to pass instead
   */
  static AmoUrl parse(String raw, boolean allowInsecureLocal) {
    // Before anything that echoes the value: what precedes '@' may be a password.
    if (raw.indexOf('@') >= 0) {
      throw new IllegalArgumentException("--amo-url: the URL must not contain a user name or"
          + " password (nothing before '@'); give the origin only, e.g."
          + " https://mycompany.amocrm.ru, and the token with --token or AMO_TOKEN. (The value is"
          + " not shown: it may hold a secret.)");
    }
    URI uri;
    try {
      uri = new URI(raw.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--amo-url '" + raw + "' is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || host.isEmpty()) {
      throw new IllegalArgumentException("--amo-url '" + raw + "': expected an origin such as"
          + " https://mycompany.amocrm.ru (or http://127.0.0.1:PORT with --allow-insecure-local)");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
        || !(path.isEmpty() || path.equals("/"))) {
      throw new IllegalArgumentException("--amo-url '" + raw + "': give the origin only, without"
          + " user info, path or query, e.g. https://mycompany.amocrm.ru");
    }
    boolean local = host.equals("127.0.0.1") || host.equals("localhost");
    if (local) {
      if (!allowInsecureLocal) {
        throw new IllegalArgumentException("--amo-url '" + raw + "' is a local server: add"
            + " --allow-insecure-local to send the token to 127.0.0.1/localhost");
      }
      if (uri.getPort() == -1) {
        throw new IllegalArgumentException("--amo-url '" + raw + "': a local server needs a port,"
            + " e.g. http://127.0.0.1:8080");
      }
      if (uri.getPort() < 1 || uri.getPort() > 65535) {
        throw new IllegalArgumentException("--amo-url '" + raw + "': the port must be between 1"
            + " and 65535, was " + uri.getPort());
      }
      return new AmoUrl(Optional.empty(),
          Optional.of(scheme + "://" + host + ":" + uri.getPort()));
    }
    if (!scheme.equals("https")) {
      throw new IllegalArgumentException("--amo-url '" + raw + "': plain http is refused (the"
          + " token would travel unencrypted); amoCRM is https://SUBDOMAIN.amocrm.ru, and http is"
          + " allowed only for 127.0.0.1/localhost with --allow-insecure-local");
    }
    if (uri.getPort() != -1 && uri.getPort() != 443) {
      throw new IllegalArgumentException("--amo-url '" + raw + "': amoCRM accounts have no port");
    }
    for (AmoZone zone : AmoZone.values()) {
      String suffix = "." + zone.domain();
      if (host.endsWith(suffix)) {
        String sub = host.substring(0, host.length() - suffix.length());
        if (!sub.contains(".") && AmoAccount.SUBDOMAIN.matcher(sub).matches()
            && !sub.startsWith("xn--")) {
          return new AmoUrl(Optional.of(AmoAccount.of(sub, zone)), Optional.empty());
        }
      }
    }
    throw new IllegalArgumentException("--amo-url '" + raw + "' is not an amoCRM account: the"
        + " SDK contacts only https://SUBDOMAIN.amocrm.ru, .amocrm.com or .kommo.com (or a local"
        + " server with --allow-insecure-local)");
  }
}
