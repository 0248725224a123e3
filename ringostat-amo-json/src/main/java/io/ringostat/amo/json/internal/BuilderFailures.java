package io.ringostat.amo.json.internal;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a core builder's {@code @Value.Check} failure ("field: reason") into a problem at the
 * field's path. The readers check these rules themselves first, so this is a safety net for rules
 * the core adds later; the failure never leaks as an exception.
 */
public final class BuilderFailures {
  private static final Pattern FIELD_PREFIX = Pattern.compile("([A-Za-z][A-Za-z0-9_.\\[\\]]*): (.+)",
      Pattern.DOTALL);

  private BuilderFailures() {}

  /** Reports {@code e} under {@code basePath}; a field prefix in its message becomes the path. */
  public static void report(RuntimeException e, String basePath, Problems problems) {
    report(e, basePath, UnaryOperator.identity(), problems);
  }

  /**
   * Reports {@code e}; a field prefix that is already absolute (starts like {@code basePath}'s
   * first segment) is kept, otherwise it is renamed by {@code rename} and put under {@code basePath}.
   */
  public static void report(RuntimeException e, String basePath, UnaryOperator<String> rename,
      Problems problems) {
    String message = String.valueOf(e.getMessage());
    Matcher m = FIELD_PREFIX.matcher(message);
    if (!m.matches()) {
      problems.add(basePath, Redaction.safe(message, 300));
      return;
    }
    String field = m.group(1);
    String root = basePath.split("[.\\[]", 2)[0];
    String path = field.startsWith(root + ".") || field.equals(root)
        ? field
        : Paths.key(basePath, rename.apply(field));
    problems.add(path, Redaction.safe(m.group(2), 300));
  }
}
