package io.ringostat.amo.core.text;

/**
 * The plural rule of one language: which {@link PluralCategory} a whole number takes, following
 * the CLDR plural rules for integers (the {@code v = 0} case; the SDK counts whole minutes,
 * seconds, calls and days only).
 *
 * <ul>
 *   <li>Russian and Ukrainian: {@code one} when n % 10 = 1 and n % 100 ≠ 11 (1, 21, 101 минута);
 *       {@code few} when n % 10 is 2..4 and n % 100 is not 12..14 (2, 22 минуты); {@code many}
 *       otherwise (0, 5, 11, 12, 14, 25, 111 минут).
 *   <li>English: {@code one} for 1, {@code other} for every other number (0 minutes).
 * </ul>
 *
 * <p>A negative number takes the category of its absolute value. Pure and thread-safe.
 */
@FunctionalInterface
public interface Plural {
  /** The category of {@code n}. */
  PluralCategory category(long n);

  /** The East Slavic rule shared by Russian and Ukrainian. */
  Plural EAST_SLAVIC =
      n -> {
        long a = Math.abs(n % 100);
        long mod10 = a % 10;
        if (mod10 == 1 && a != 11) {
          return PluralCategory.ONE;
        }
        if (mod10 >= 2 && mod10 <= 4 && (a < 12 || a > 14)) {
          return PluralCategory.FEW;
        }
        return PluralCategory.MANY;
      };

  /** The English rule. */
  Plural ENGLISH = n -> Math.abs(n) == 1 ? PluralCategory.ONE : PluralCategory.OTHER;
}
