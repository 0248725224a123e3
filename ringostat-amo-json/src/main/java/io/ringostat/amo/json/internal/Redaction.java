package io.ringostat.amo.json.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes text safe to echo in problem reasons and exception messages: long digit runs (phone
 * numbers, R-OBS "phone digits") keep only their last two digits, and the text is cut short.
 */
public final class Redaction {
  /** How many characters of a value a reason may quote. */
  public static final int MAX_QUOTE = 40;

  private static final Pattern DIGIT_RUN = Pattern.compile("\\d{6,}");

  private Redaction() {}

  /** {@code text} with long digit runs masked and cut to {@code maxLength} characters. */
  public static String safe(String text, int maxLength) {
    String cut = text.length() > maxLength ? text.substring(0, maxLength) + "…" : text;
    Matcher m = DIGIT_RUN.matcher(cut);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String digits = m.group();
      m.appendReplacement(out, "*".repeat(digits.length() - 2) + digits.substring(digits.length() - 2));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A value quoted for a reason: {@code 'value'}, masked and cut to {@link #MAX_QUOTE}. */
  public static String quote(String value) {
    return "'" + safe(value, MAX_QUOTE) + "'";
  }
}
