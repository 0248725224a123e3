package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.core.settings.AmoAccount;
import io.ringostat.amo.core.settings.AmoZone;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * The only origins the SDK contacts (SPEC §6 security): {@code https://{subdomain}.{zone}} for a
 * subdomain of plain ASCII letters, digits and hyphens and one of the {@link AmoZone}s, or, in
 * tests only, {@code http(s)://127.0.0.1:PORT} / {@code http(s)://localhost:PORT}. Everything else
 * is refused: other hosts, dots, userinfo, ports (a local port must be 1-65535), IP literals,
 * paths, punycode ({@code xn--}, how look-alike letters are spelled in ASCII) and non-ASCII
 * letters. A refused value with user-info ({@code user:password@}) is never echoed in a message.
 */
public final class BaseUrls {
  private static final Pattern RAW_SUBDOMAIN =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern LOCAL =
      Pattern.compile("(https?)://(127\\.0\\.0\\.1|localhost):([0-9]{1,5})/?");

  /** Said instead of echoing a value with {@code @}: what precedes it may be a password. */
  private static final String NO_USER_INFO = "the URL must not contain a user name or password"
      + " (nothing before '@'); the value is not shown here as it may hold a secret";

  private BaseUrls() {}

  /**
   * Checks a subdomain as typed by a user and returns it in lower case.
   *
   * @throws IllegalArgumentException naming the problem
   */
  public static String subdomain(String raw) {
    if (raw != null && raw.indexOf('@') >= 0) {
      throw new IllegalArgumentException("account: a subdomain must not contain a user name or"
          + " password (nothing before '@'); the value is not shown here as it may hold a secret");
    }
    if (raw == null || !RAW_SUBDOMAIN.matcher(raw).matches()) {
      throw new IllegalArgumentException("account: '" + printable(raw) + "' is not an amoCRM"
          + " subdomain (ASCII letters, digits and inner hyphens only; no dots, ports, paths,"
          + " '@' or other hosts; e.g. \"mycompany\" for https://mycompany.amocrm.ru)");
    }
    String s = raw.toLowerCase(Locale.ROOT);
    if (s.startsWith("xn--")) {
      throw new IllegalArgumentException("account: '" + s + "' is a punycode label (non-ASCII"
          + " look-alike letters); amoCRM subdomains are plain ASCII");
    }
    return s;
  }

  /** {@code https://{subdomain}.{zone}}, re-checking the account (it is an interface). */
  public static HttpUrl forAccount(AmoAccount account) {
    String sub = account.subdomain();
    if (sub == null || !sub.equals(subdomain(sub))) {
      throw new IllegalArgumentException("account.subdomain: '" + printable(sub)
          + "' must be lower-case ASCII letters, digits and hyphens");
    }
    AmoZone zone = account.zone();
    if (zone == null) {
      throw new IllegalArgumentException("account.zone: required");
    }
    String host = sub + "." + zone.domain();
    HttpUrl url = new HttpUrl.Builder().scheme("https").host(host).build();
    if (!url.host().equals(host) || url.port() != 443) {
      throw new IllegalArgumentException("account: '" + host + "' is not a plain host name");
    }
    return url;
  }

  /**
   * A local test server's origin.
   *
   * @throws IllegalArgumentException unless it is {@code http(s)://127.0.0.1:PORT} or {@code
   *     http(s)://localhost:PORT}
   */
  public static HttpUrl insecureLocal(String raw) {
    if (raw != null && raw.indexOf('@') >= 0) {
      throw new IllegalArgumentException("insecureLocalBaseUrl: " + NO_USER_INFO);
    }
    Matcher m = raw == null ? null : LOCAL.matcher(raw);
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("insecureLocalBaseUrl: '" + printable(raw)
          + "' is not http(s)://127.0.0.1:PORT or http(s)://localhost:PORT (test only)");
    }
    int port = Integer.parseInt(m.group(3));
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("insecureLocalBaseUrl: the port must be between 1 and"
          + " 65535, was " + port);
    }
    return new HttpUrl.Builder().scheme(m.group(1)).host(m.group(2)).port(port).build();
  }

  /** {@code s} for a message: cut, control characters replaced, never user-info. */
  private static String printable(String s) {
    if (s == null) {
      return "null";
    }
    if (s.indexOf('@') >= 0) {
      return "(not shown: it contains '@')";
    }
    String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
