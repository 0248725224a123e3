package io.ringostat.amo.core.settings;

import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallParameters;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One condition of a {@link PipelineRule} (R-PIPE): call parameter {@code parameter} (a name from
 * {@link CallParameters}, or an extra parameter) compared with {@code value}. A call without the
 * parameter never matches. Comparisons ignore case; {@code EQUALS}, {@code PREFIX} and {@code
 * CONTAINS} also ignore spaces around both sides.
 *
 * <p>A {@link Operator#MATCHES} condition is a bounded regular expression: it is searched for in
 * the value ({@code ^} and {@code $} anchor it), and {@link #regexProblem} rejects what could
 * backtrack catastrophically (the core has no clock to time a match out): longer than {@value
 * #MAX_REGEX} characters, back-references, look-arounds, a quantified group that itself holds a
 * quantifier or an alternation (such as {@code (a+)+} or {@code (a|ab)*}), more than {@value
 * #MAX_UNBOUNDED} unbounded quantifiers; and a value longer than {@value #MAX_REGEX_INPUT}
 * characters never matches one. Together these keep every match polynomial and small.
 *
 * <p>Immutable and thread-safe; the constructor throws {@link IllegalArgumentException} for a
 * regular expression that {@link #regexProblem} rejects.
 */
public final class CallCondition {
  /** How the parameter's value is compared. */
  public enum Operator {
    /** The whole value, e.g. pool {@code "Context ads"}. */
    EQUALS,
    /** The value starts with it, e.g. utm_campaign {@code "spring-"}. */
    PREFIX,
    /** The value contains it, e.g. landing_page {@code "/promo"}. */
    CONTAINS,
    /** A bounded regular expression found in the value, e.g. {@code "^brand-\\d{2}$"}. */
    MATCHES
  }

  /** The longest regular expression. */
  public static final int MAX_REGEX = 200;
  /** The most unbounded quantifiers ({@code *}, {@code +}, {@code {n,}}) in one expression. */
  public static final int MAX_UNBOUNDED = 3;
  /** The longest value a regular expression is tried on; longer values never match. */
  public static final int MAX_REGEX_INPUT = 256;

  private final String parameter;
  private final Operator operator;
  private final String value;
  private final Pattern pattern;

  public CallCondition(String parameter, Operator operator, String value) {
    this.parameter = Objects.requireNonNull(parameter, "parameter");
    this.operator = Objects.requireNonNull(operator, "operator");
    this.value = Objects.requireNonNull(value, "value");
    if (operator == Operator.MATCHES) {
      Optional<String> problem = regexProblem(value);
      if (problem.isPresent()) {
        throw new IllegalArgumentException("regular expression '" + value + "': "
            + problem.get());
      }
      this.pattern = Pattern.compile(value, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    } else {
      this.pattern = null;
    }
  }

  /** {@code parameter} equals {@code value}: the only condition of a rule written before groups. */
  public static CallCondition equalTo(String parameter, String value) {
    return new CallCondition(parameter, Operator.EQUALS, value);
  }

  public String parameter() {
    return parameter;
  }

  public Operator operator() {
    return operator;
  }

  public String value() {
    return value;
  }

  /** True when {@code event}'s parameter satisfies this condition. */
  public boolean matches(CallEvent event) {
    return CallParameters.value(event, parameter).map(this::test).orElse(false);
  }

  private boolean test(String actual) {
    switch (operator) {
      case EQUALS:
        return actual.trim().equalsIgnoreCase(value.trim());
      case PREFIX:
        return lower(actual.trim()).startsWith(lower(value.trim()));
      case CONTAINS:
        return lower(actual).contains(lower(value.trim()));
      case MATCHES:
      default:
        return actual.length() <= MAX_REGEX_INPUT && pattern.matcher(actual).find();
    }
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /**
   * Why {@code regex} is not accepted as a {@link Operator#MATCHES} value; empty when it is.
   * Pure: it scans the text and compiles it, it never runs it.
   */
  public static Optional<String> regexProblem(String regex) {
    if (regex.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (regex.length() > MAX_REGEX) {
      return Optional.of("longer than " + MAX_REGEX + " characters");
    }
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      return Optional.of("not a regular expression: " + e.getDescription() + " near index "
          + e.getIndex());
    }
    return RegexScan.problem(regex);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CallCondition c && c.parameter.equals(parameter)
        && c.operator == operator && c.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(parameter, operator, value);
  }

  @Override
  public String toString() {
    return parameter + " " + operator.name().toLowerCase(Locale.ROOT) + " '" + value + "'";
  }

  /** The structural scan behind {@link #regexProblem}: one pass over a compiled-valid regex. */
  private static final class RegexScan {
    private RegexScan() {}

    static Optional<String> problem(String re) {
      // per open group: does it hold a quantifier or an alternation?
      java.util.ArrayDeque<boolean[]> groups = new java.util.ArrayDeque<>();
      groups.push(new boolean[] {false});
      int unbounded = 0;
      int i = 0;
      int n = re.length();
      while (i < n) {
        char c = re.charAt(i);
        if (c == '\\') {
          char next = i + 1 < n ? re.charAt(i + 1) : ' ';
          if (next >= '1' && next <= '9' || next == 'k') {
            return Optional.of("back-references are not allowed");
          }
          i = endOfEscape(re, i);
          continue;
        }
        if (c == '[') {
          i = endOfClass(re, i) + 1;
          continue;
        }
        if (c == '(') {
          if (re.startsWith("(?=", i) || re.startsWith("(?!", i) || re.startsWith("(?<=", i)
              || re.startsWith("(?<!", i)) {
            return Optional.of("look-ahead and look-behind are not allowed");
          }
          groups.push(new boolean[] {false});
          i++;
          continue;
        }
        if (c == ')') {
          boolean risky = groups.size() > 1 ? groups.pop()[0] : false;
          int after = i + 1;
          if (after < n && isQuantifier(re.charAt(after))) {
            if (risky) {
              return Optional.of("a quantified group holds a quantifier or an alternation"
                  + " (such as (a+)+ or (a|b)*), which can take exponential time");
            }
            unbounded += unboundedAt(re, after);
            groups.peek()[0] = true;
            i = endOfQuantifier(re, after);
          } else {
            groups.peek()[0] |= risky;
            i = after;
          }
          continue;
        }
        if (c == '|') {
          groups.peek()[0] = true;
          i++;
          continue;
        }
        if (isQuantifier(c)) {
          unbounded += unboundedAt(re, i);
          groups.peek()[0] = true;
          i = endOfQuantifier(re, i);
          continue;
        }
        i++;
      }
      if (unbounded > MAX_UNBOUNDED) {
        return Optional.of("more than " + MAX_UNBOUNDED + " unbounded quantifiers (*, +, {n,})");
      }
      return Optional.empty();
    }

    private static boolean isQuantifier(char c) {
      return c == '*' || c == '+' || c == '?' || c == '{';
    }

    /** 1 when the quantifier at {@code i} has no upper bound. */
    private static int unboundedAt(String re, int i) {
      char c = re.charAt(i);
      if (c == '*' || c == '+') {
        return 1;
      }
      if (c == '{') {
        int close = re.indexOf('}', i);
        return close > 0 && re.substring(i, close).endsWith(",") ? 1 : 0;
      }
      return 0;
    }

    /** The index after the quantifier at {@code i}, with its lazy or possessive suffix. */
    private static int endOfQuantifier(String re, int i) {
      int end = re.charAt(i) == '{' ? re.indexOf('}', i) + 1 : i + 1;
      if (end <= i) {
        end = re.length();
      }
      return end < re.length() && (re.charAt(end) == '?' || re.charAt(end) == '+') ? end + 1
          : end;
    }

    /** The index after the escape at {@code i}: {@code \d}, {@code \p{L}}, {@code \x{41}}. */
    private static int endOfEscape(String re, int i) {
      int end = i + 2;
      if (end < re.length() && re.charAt(end) == '{' && "pPxN".indexOf(re.charAt(i + 1)) >= 0) {
        int close = re.indexOf('}', end);
        return close < 0 ? re.length() : close + 1;
      }
      if (re.charAt(i + 1 < re.length() ? i + 1 : i) == 'Q') {
        int close = re.indexOf("\\E", end);
        return close < 0 ? re.length() : close + 2;
      }
      return end;
    }

    /** The index of the {@code ]} that closes the class opening at {@code open}. */
    private static int endOfClass(String re, int open) {
      int depth = 0;
      int i = open;
      while (i < re.length()) {
        char c = re.charAt(i);
        if (c == '\\') {
          i += 2;
          continue;
        }
        if (c == '[') {
          depth++;
        } else if (c == ']' && i > open + 1 && !(i == open + 2 && re.charAt(open + 1) == '^')) {
          depth--;
          if (depth == 0) {
            return i;
          }
        }
        i++;
      }
      return re.length() - 1;
    }
  }
}
