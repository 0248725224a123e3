package io.ringostat.amo.okhttp.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans text that came from amoCRM before it goes into a message or a log: the current secrets
 * (tokens, client secret) replaced, control characters removed, phone-like digit runs masked to
 * their last four digits, length capped.
 */
public final class Redact {
  private static final Pattern PHONE_LIKE = Pattern.compile("\\+?\\d[\\d\\s().\\-]{5,}\\d");
  private static final int MAX = 300;

  private Redact() {}

  /** {@code text} made safe for a message; null stays null. */
  public static String text(String text) {
    return text(text, java.util.Set.of());
  }

  /** {@code text} with every one of {@code secrets} replaced, then made safe for a message. */
  public static String text(String text, java.util.Collection<String> secrets) {
    if (text == null) {
      return null;
    }
    for (String secret : secrets) {
      if (secret != null && secret.length() >= 4) {
        text = text.replace(secret, "***");
      }
    }
    StringBuilder clean = new StringBuilder(Math.min(text.length(), MAX + 1));
    for (int i = 0; i < text.length() && clean.length() <= MAX; i++) {
      char c = text.charAt(i);
      clean.append(Character.isISOControl(c) ? ' ' : c);
    }
    String s = maskPhones(clean.toString());
    return s.length() > MAX ? s.substring(0, MAX) + "…" : s;
  }

  /** Masks every run of 7 or more digits (with separators) but its last four digits. */
  public static String maskPhones(String s) {
    Matcher m = PHONE_LIKE.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String run = m.group();
      String digits = run.replaceAll("\\D", "");
      String replacement = digits.length() < 7 ? run
          : "*".repeat(digits.length() - 4) + digits.substring(digits.length() - 4);
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A header value we echo (X-Request-Id): short and plain, or dropped. */
  public static String requestId(String value) {
    if (value == null || value.isEmpty() || value.length() > 100
        || !value.matches("[A-Za-z0-9._:\\-]+")) {
      return null;
    }
    return value;
  }
}
