package io.ringostat.amo.core.testing;

import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The SPEC requirements a test method cites: in {@link Covers} or in its {@code @DisplayName},
 * read by reflection. Comments, javadoc and other strings cite nothing. Used by the requirement
 * coverage checks of the core and of the integration suite.
 */
public final class Citations {
  private static final Pattern ID =
      Pattern.compile("(?<![\\w-])(R-[A-Z]+[0-9]*(?:-[0-9]+)?)(?![\\w-])");

  private Citations() {}

  /** True for a method JUnit runs: {@code @Test}, {@code @ParameterizedTest}, {@code @TestFactory}. */
  public static boolean isTest(Method m) {
    return m.isAnnotationPresent(Test.class) || m.isAnnotationPresent(TestFactory.class)
        || m.isAnnotationPresent(ParameterizedTest.class);
  }

  /** The ids {@code m} cites in {@code @Covers} and {@code @DisplayName}, in order. */
  public static Set<String> ids(Method m) {
    Set<String> ids = new LinkedHashSet<>();
    Covers covers = m.getAnnotation(Covers.class);
    if (covers != null) {
      ids.addAll(List.of(covers.value()));
    }
    DisplayName name = m.getAnnotation(DisplayName.class);
    if (name != null) {
      Matcher matcher = ID.matcher(name.value());
      while (matcher.find()) {
        ids.add(matcher.group(1));
      }
    }
    return ids;
  }
}
