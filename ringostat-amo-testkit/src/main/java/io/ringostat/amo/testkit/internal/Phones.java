package io.ringostat.amo.testkit.internal;

/**
 * Digit helpers for phone matching the way amoCRM does it: by trailing digits, separators ignored.
 */
public final class Phones {
  private Phones() {}

  /** The ASCII digits of {@code s}, in order; empty for null. */
  public static String digits(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** The last {@code n} digits of {@code s} (all of them when there are fewer). */
  public static String lastDigits(String s, int n) {
    String d = digits(s);
    return d.length() <= n ? d : d.substring(d.length() - n);
  }

  /** The last ten digits: what {@code POST /api/v4/calls} matches on (reference §4, §8.1). */
  public static String lastTen(String s) {
    return lastDigits(s, 10);
  }

  /** True when both numbers have digits and their last ten digits are equal. */
  public static boolean sameNumber(String a, String b) {
    String la = lastTen(a);
    return !la.isEmpty() && la.equals(lastTen(b));
  }
}
