package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.core.model.PhoneNumber;

/**
 * Verifies a search hit's stored phone against the caller's number (R-PHONE). amoCRM stores phone
 * values as free text and its {@code query} search is fuzzy, so every hit is checked here. The
 * rule is account-independent: reduce the stored value to digits and compare the last ten digits
 * (the national significant number in the countries we serve: {@code 8 916…} and {@code +7 916…}
 * match, as do {@code 044…} and {@code +38 044…}); when either side has fewer than ten digits, all
 * digits must be equal.
 */
public final class PhoneMatch {
  private PhoneMatch() {}

  public static boolean matches(PhoneNumber phone, String stored) {
    if (stored == null) {
      return false;
    }
    String d = digits(stored);
    String p = phone.digits();
    if (d.length() >= 10 && p.length() >= 10) {
      return d.regionMatches(d.length() - 10, p, p.length() - 10, 10);
    }
    return !d.isEmpty() && d.equals(p);
  }

  static String digits(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        b.append(c);
      }
    }
    return b.toString();
  }
}
