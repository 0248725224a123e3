package io.ringostat.amo.core.model;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>Thread-safe, and immutable in what it answers: results are memoized in a small bounded
 * cache (an event's number is normalized several times on its way through the engine), which
 * changes how fast, never what, {@link #normalize} returns. Normalizing an already normalized number returns it unchanged:
 * always in its E.164 form ({@code +380441234567}); as bare digits too, except when those digits
 * also read as a valid local number of the default country (a foreign number whose country code
 * starts with the local trunk prefix, such as +84 in RU), where the local reading wins.
 */
public final class PhoneNormalizer {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final Set<String> ANONYMOUS_WORDS =
      Set.of("anonymous", "private", "unknown", "restricted", "unavailable", "withheld", "hidden");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s().\\-/]");
  /** Entries in the memo before it starts over; a few hundred KB at most. */
  static final int MEMO_CAPACITY = 4096;
  /** Longer input is normalized every time rather than remembered. */
  private static final int MEMO_MAX_RAW_LENGTH = 64;

  private final String defaultCountry;
  private final String trunkPrefix;
  private final ConcurrentHashMap<String, PhoneParse> memo = new ConcurrentHashMap<>();

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
    if (raw == null || raw.length() > MEMO_MAX_RAW_LENGTH) {
      return normalizeUncached(raw);
    }
    PhoneParse known = memo.get(raw);
    if (known != null) {
      return known;
    }
    PhoneParse parsed = normalizeUncached(raw);
    if (memo.size() >= MEMO_CAPACITY) {
      memo.clear(); // simpler than LRU, and a working set this large is not the common case
    }
    memo.put(raw, parsed);
    return parsed;
  }

  /** Entries the memo holds now; for tests. */
  int memoSize() {
    return memo.size();
  }

  private PhoneParse normalizeUncached(String raw) {
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
    String internationalText = "+" + digits;
    Phonenumber.PhoneNumber international = parse(internationalText, null);
    boolean trunk = !plus && !trunkPrefix.isEmpty() && digits.startsWith(trunkPrefix);
    Phonenumber.PhoneNumber chosen;
    if (plus) {
      chosen = choose(international, null);
    } else if (!trunk && isValid(international)) {
      chosen = international; // choose() would pick it whatever the local reading is
    } else {
      Phonenumber.PhoneNumber local = parse(digits, defaultCountry);
      chosen = trunk ? choose(local, international) : choose(international, local);
    }
    if (chosen == null) {
      return new PhoneParse.Invalid(raw, PhoneProblem.NOT_A_NUMBER);
    }
    String e164 = stableE164(chosen, chosen == international ? internationalText : null);
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
   * to itself. When the text is {@code parsedFrom}, the text {@code n} was parsed from (null if
   * none), re-parsing it gives {@code n} again: it is stable without a re-parse.
   */
  private static String stableE164(Phonenumber.PhoneNumber n, String parsedFrom) {
    String e164 = UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
    if (e164.equals(parsedFrom)) {
      return e164.substring(1);
    }
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
