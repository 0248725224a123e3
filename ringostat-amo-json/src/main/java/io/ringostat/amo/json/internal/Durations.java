package io.ringostat.amo.json.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes durations in settings files: the short form {@code "30m"}, {@code "1.5s"},
 * {@code "250ms"}, {@code "2h"}, {@code "1d"} (one unit, optional decimals, optional leading
 * minus), or ISO-8601 such as {@code "PT30M"}. Writes the short form.
 */
public final class Durations {
  /** What a reason shows as valid examples. */
  public static final String EXAMPLES =
      "write e.g. \"30m\", \"1.5s\", \"250ms\", \"2h\", \"1d\" or ISO-8601 \"PT30M\"";

  private static final Pattern SHORT = Pattern.compile("(-?)(\\d{1,12}(?:\\.\\d{1,9})?)(ms|s|m|h|d)");
  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

  private Durations() {}

  /** Parses {@code text}; empty when it is neither form (or not a whole number of nanoseconds). */
  public static Optional<Duration> parse(String text) {
    String t = text.trim();
    Matcher m = SHORT.matcher(t.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      BigDecimal nanos = new BigDecimal(m.group(2)).multiply(nanosPerUnit(m.group(3)));
      if (nanos.stripTrailingZeros().scale() > 0) {
        return Optional.empty();
      }
      BigInteger[] secondsAndNanos = nanos.toBigIntegerExact().divideAndRemainder(NANOS_PER_SECOND.toBigInteger());
      Duration d = Duration.ofSeconds(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValue());
      return Optional.of(m.group(1).isEmpty() ? d : d.negated());
    }
    if (t.length() > 1 && (t.charAt(0) == 'P' || t.charAt(0) == 'p' || t.startsWith("-P"))) {
      try {
        return Optional.of(Duration.parse(t));
      } catch (DateTimeParseException | ArithmeticException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The short form: the largest exact unit ({@code "2h"}, {@code "90s"}), else decimal seconds. */
  public static String format(Duration d) {
    if (d.isNegative()) {
      return "-" + format(d.negated());
    }
    if (d.getNano() == 0) {
      long s = d.getSeconds();
      if (s == 0) {
        return "0s";
      }
      if (s % 86_400 == 0) {
        return s / 86_400 + "d";
      }
      if (s % 3_600 == 0) {
        return s / 3_600 + "h";
      }
      if (s % 60 == 0) {
        return s / 60 + "m";
      }
      return s + "s";
    }
    if (d.getSeconds() == 0 && d.getNano() % 1_000_000 == 0) {
      return d.getNano() / 1_000_000 + "ms";
    }
    BigDecimal seconds = BigDecimal.valueOf(d.getSeconds())
        .add(BigDecimal.valueOf(d.getNano()).divide(NANOS_PER_SECOND));
    return seconds.stripTrailingZeros().toPlainString() + "s";
  }

  private static BigDecimal nanosPerUnit(String unit) {
    return switch (unit) {
      case "ms" -> BigDecimal.valueOf(1_000_000L);
      case "s" -> NANOS_PER_SECOND;
      case "m" -> BigDecimal.valueOf(60_000_000_000L);
      case "h" -> BigDecimal.valueOf(3_600_000_000_000L);
      default -> BigDecimal.valueOf(86_400_000_000_000L);
    };
  }
}
