package io.ringostat.amo.core.model;

/**
 * A normalized phone number (R-PHONE): international digits without separators, e.g. {@code
 * 380441234567}. It is the key for lookups and for per-phone ordering. Obtain one from {@link
 * PhoneNormalizer}; the constructor only checks that the value is 7 to 15 digits.
 */
public record PhoneNumber(String digits) {
  public PhoneNumber {
    if (digits == null || digits.length() < 7 || digits.length() > 15 || !allDigits(digits)) {
      throw new IllegalArgumentException("phone: expected 7 to 15 digits");
    }
  }

  /** The E.164 form: {@code +380441234567}. */
  public String e164() {
    return "+" + digits;
  }

  /**
   * The last ten digits (fewer for short numbers): what amoCRM's calls endpoint matches on, and
   * what the SDK searches with.
   */
  public String lastTen() {
    return digits.length() <= 10 ? digits : digits.substring(digits.length() - 10);
  }

  /** The number with all but the last four digits masked, for logs and messages. */
  public String masked() {
    return "+" + "*".repeat(digits.length() - 4) + digits.substring(digits.length() - 4);
  }

  @Override
  public String toString() {
    return e164();
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
