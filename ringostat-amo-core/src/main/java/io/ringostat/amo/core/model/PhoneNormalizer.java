package io.ringostat.amo.core.model;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Normalizes phone numbers to international digits without separators (R-PHONE), using
 * libphonenumber and a default country for local formats.
 *
 * <ul>
 *   <li>{@code +380 44 123-45-67}, {@code 00380441234567} and bare {@code 380441234567} all give
 *       {@code 380441234567}; bare digits that already carry a country code are international.
 *   <li>Local formats use the default country: {@code 0441234567} in UA, {@code 8 916 123-45-67} in
 *       RU. Bare digits that start with the default country's trunk prefix ({@code 0} in UA,
 *       {@code 8} in RU and KZ) are read as a local number first, so {@code 8 495 123-45-67} in
 *       RU is Moscow's {@code 74951234567}, not a number in Vietnam (+84).
 *   <li>Possible numbers are accepted, not only numbers libphonenumber considers valid.
 *   <li>Anonymous, empty, too short or letter-only input gives {@link PhoneParse.Invalid}.
 * </ul>
 *
 * <p>Immutable and thread-safe. Normalizing an already normalized number returns it unchanged:
 * always in its E.164 form ({@code +380441234567}); as bare digits too, except when those digits
 * also read as a valid local number of the default country (a foreign number whose country code
 * starts with the local trunk prefix, such as +84 in RU), where the local reading wins.
 */
public final class PhoneNormalizer {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final Set<String> ANONYMOUS_WORDS =
      Set.of("anonymous", "private", "unknown", "restricted", "unavailable", "withheld", "hidden");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s().\\-/]");

  private final String defaultCountry;
  private final String trunkPrefix;

  private PhoneNormalizer(String defaultCountry) {
    this.defaultCountry = defaultCountry;
    String ndd = UTIL.getNddPrefixForRegion(defaultCountry, true);
    this.trunkPrefix = ndd == null ? "" : ndd;
  }

  /**
   * A normalizer for numbers in local format of {@code isoCountry} (ISO 3166 alpha-2, e.g. "UA").
   *
   * @throws IllegalArgumentException if libphonenumber does not know the country
   */
  public static PhoneNormalizer forCountry(String isoCountry) {
    String region = Objects.requireNonNull(isoCountry, "isoCountry").toUpperCase(Locale.ROOT);
    if (!UTIL.getSupportedRegions().contains(region)) {
      throw new IllegalArgumentException("unknown country code: " + isoCountry);
    }
    return new PhoneNormalizer(region);
  }

  /** The ISO country used for local formats. */
  public String defaultCountry() {
    return defaultCountry;
  }

  /** Normalizes {@code raw}; never throws. */
  public PhoneParse normalize(String raw) {
    if (raw == null || raw.isBlank()) {
      return new PhoneParse.Invalid(raw == null ? "" : raw, PhoneProblem.EMPTY);
    }
    String trimmed = raw.trim();
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (ANONYMOUS_WORDS.contains(lower) || lower.startsWith("anonymous")) {
      return new PhoneParse.Invalid(raw, PhoneProblem.ANONYMOUS);
    }
    String compact = SEPARATORS.matcher(trimmed).replaceAll("");
    if (compact.startsWith("tel:")) {
      compact = compact.substring(4);
    }
    boolean plus = compact.startsWith("+");
    String digits = plus ? compact.substring(1) : compact;
    if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
      return new PhoneParse.Invalid(raw, PhoneProblem.NOT_A_NUMBER);
    }
    if (!plus && digits.startsWith("00")) {
      digits = digits.substring(2);
      plus = true;
    }
    if (digits.length() < 7) {
      return new PhoneParse.Invalid(raw, PhoneProblem.TOO_SHORT);
    }
    if (digits.length() > 17) {
      return new PhoneParse.Invalid(raw, PhoneProblem.TOO_LONG);
    }
    Phonenumber.PhoneNumber international = parse("+" + digits, null);
    Phonenumber.PhoneNumber local = plus ? null : parse(digits, defaultCountry);
    boolean trunk = !plus && !trunkPrefix.isEmpty() && digits.startsWith(trunkPrefix);
    Phonenumber.PhoneNumber chosen = trunk ? choose(local, international)
        : choose(international, local);
    if (chosen == null) {
      return new PhoneParse.Invalid(raw, PhoneProblem.NOT_A_NUMBER);
    }
    String e164 = stableE164(chosen);
    if (e164.length() > 15) {
      return new PhoneParse.Invalid(raw, PhoneProblem.TOO_LONG);
    }
    if (e164.length() < 7) {
      return new PhoneParse.Invalid(raw, PhoneProblem.TOO_SHORT);
    }
    return new PhoneParse.Valid(raw, new PhoneNumber(e164));
  }

  /**
   * Valid beats possible; between equals, {@code first} wins: the international reading, so that
   * bare digits with a country code stay what they are, unless the digits start with the trunk
   * prefix, where the local reading comes first.
   */
  private static Phonenumber.PhoneNumber choose(
      Phonenumber.PhoneNumber first, Phonenumber.PhoneNumber second) {
    if (isValid(first)) {
      return first;
    }
    if (isValid(second)) {
      return second;
    }
    if (isPossible(first)) {
      return first;
    }
    return isPossible(second) ? second : null;
  }

  /**
   * The E.164 digits of {@code n}, re-parsed until they parse to themselves: for some numbers
   * libphonenumber's E.164 text parses to another number (a national prefix inside an
   * international number is stripped on the next parse), and a normalized number must normalize
   * to itself.
   */
  private static String stableE164(Phonenumber.PhoneNumber n) {
    String e164 = UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
    for (int i = 0; i < 3; i++) {
      Phonenumber.PhoneNumber again = parse(e164, null);
      if (again == null) {
        break;
      }
      String next = UTIL.format(again, PhoneNumberUtil.PhoneNumberFormat.E164);
      if (next.equals(e164)) {
        break;
      }
      e164 = next;
    }
    return e164.substring(1);
  }

  private static boolean isValid(Phonenumber.PhoneNumber n) {
    return n != null && UTIL.isValidNumber(n);
  }

  private static boolean isPossible(Phonenumber.PhoneNumber n) {
    return n != null
        && UTIL.isPossibleNumberWithReason(n) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE;
  }

  private static Phonenumber.PhoneNumber parse(String number, String region) {
    try {
      return UTIL.parse(number, region);
    } catch (NumberParseException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "PhoneNormalizer[" + defaultCountry + "]";
  }
}
