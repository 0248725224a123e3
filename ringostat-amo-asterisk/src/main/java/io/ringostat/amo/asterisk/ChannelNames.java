package io.ringostat.amo.asterisk;

import java.util.Locale;

/**
 * Reads Asterisk channel names {@code <Tech>/<resource>-<sequence>}: {@code PJSIP/ivan-0000001a} is
 * endpoint {@code ivan}, {@code SIP/101-00000002} is {@code 101}, {@code
 * Local/101@from-queue-00000004;1} is {@code 101}. Pure.
 */
final class ChannelNames {
  private ChannelNames() {}

  /** The technology before the slash, lower case ("pjsip", "sip", "local"); "" when absent. */
  static String tech(String channel) {
    int slash = channel.indexOf('/');
    return slash < 0 ? "" : channel.substring(0, slash).toLowerCase(Locale.ROOT);
  }

  /** The endpoint (SIP login, peer or extension) a channel belongs to. */
  static String endpoint(String channel) {
    String rest = channel.substring(channel.indexOf('/') + 1);
    int semi = rest.indexOf(';');
    if (semi >= 0) {
      rest = rest.substring(0, semi);
    }
    int dash = rest.lastIndexOf('-');
    if (dash > 0 && isHex(rest.substring(dash + 1))) {
      rest = rest.substring(0, dash);
    }
    int at = rest.indexOf('@');
    if (at > 0) {
      rest = rest.substring(0, at);
    }
    return rest;
  }

  private static boolean isHex(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
