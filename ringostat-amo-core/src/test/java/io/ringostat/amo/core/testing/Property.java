package io.ringostat.amo.core.testing;

import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs a property over generated values: a small, seeded replacement for a property-testing
 * library (STYLE.md §9).
 *
 * <p>Each run draws a base seed: the system property {@code property.seed} when set (decimal or
 * {@code 0x}-hex), otherwise a random one, which is printed. Try {@code i} uses its own seed
 * derived from the base seed (try 0 uses the base seed itself) and a size that grows from 0 to
 * {@code property.maxSize} (default {@value #DEFAULT_MAX_SIZE}) over the tries, unless {@code
 * property.size} fixes it. {@code property.tries} overrides the number of tries (default {@value
 * #DEFAULT_TRIES}).
 *
 * <p>When a try fails (an {@link AssertionError} or any exception from the property or the
 * generator), the runner shrinks: it replays the failing seed at every smaller size and reports the
 * smallest size that still fails. The {@link AssertionError} it throws names the seed and size
 * and the flags that replay exactly that case:
 *
 * <pre>{@code
 * mvn -pl ringostat-amo-core test -Dtest=MatrixProperties \
 *     -Dproperty.seed=0x5eed -Dproperty.size=3 -Dproperty.tries=1
 * }</pre>
 *
 * <p>Use {@link #check} inside any test, or {@link #test} to get a JUnit 5 {@link DynamicTest}
 * for a {@code @TestFactory}. Seeds are random by default: never commit a fixed one.
 */
public final class Property<T> {
  public static final int DEFAULT_TRIES = 200;
  public static final int DEFAULT_MAX_SIZE = 30;

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private final Gen<T> gen;
  private final int tries;
  private final int maxSize;

  private Property(Gen<T> gen, int tries, int maxSize) {
    this.gen = Objects.requireNonNull(gen, "gen");
    this.tries = tries;
    this.maxSize = maxSize;
  }

  /** A property over the values of {@code gen}, with the tries and sizes from system properties. */
  public static <T> Property<T> forAll(Gen<T> gen) {
    return new Property<>(gen, intProperty("property.tries", DEFAULT_TRIES),
        intProperty("property.maxSize", DEFAULT_MAX_SIZE));
  }

  /**
   * This property with {@code n} tries by default (for expensive properties); {@code
   * -Dproperty.tries} still wins, so a replay runs exactly one.
   */
  public Property<T> tries(int n) {
    return new Property<>(gen, Integer.getInteger("property.tries", n), maxSize);
  }

  /** This property with sizes up to {@code n}, unless {@code -Dproperty.maxSize} says otherwise. */
  public Property<T> maxSize(int n) {
    return new Property<>(gen, tries, Integer.getInteger("property.maxSize", n));
  }

  /** A dynamic test that {@linkplain #check checks} the property. */
  public DynamicTest test(String name, Consumer<? super T> property) {
    String testClass = callerClass();
    return DynamicTest.dynamicTest(name, () -> check(name, property, testClass));
  }

  /** A dynamic test for a property that returns whether it holds. */
  public DynamicTest testThat(String name, Predicate<? super T> property) {
    return test(name, value -> {
      if (!property.test(value)) {
        throw new AssertionError("property is false");
      }
    });
  }

  /**
   * Runs the property on {@code tries} generated values.
   *
   * @throws AssertionError naming the (shrunk) failing value, seed and size and how to replay
   */
  public void check(String name, Consumer<? super T> property) {
    check(name, property, callerClass());
  }

  private void check(String name, Consumer<? super T> property, String testClass) {
    long base = baseSeed();
    Integer fixedSize = Integer.getInteger("property.size");
    System.out.println("[property] " + name + ": " + tries + " tries, seed=" + hex(base)
        + (fixedSize != null ? ", size=" + fixedSize : ""));
    for (int i = 0; i < tries; i++) {
      long seed = i == 0 ? base : mix(base + i * GOLDEN_GAMMA);
      int size = fixedSize != null ? fixedSize : sizeOf(i);
      Failure failure = run(seed, size, property);
      if (failure != null) {
        throw report(name, testClass, i, seed, size, shrink(seed, size, property, failure));
      }
    }
  }

  private int sizeOf(int i) {
    return tries <= 1 ? maxSize : (int) ((long) i * maxSize / (tries - 1));
  }

  private Failure run(long seed, int size, Consumer<? super T> property) {
    T value;
    try {
      value = gen.generate(new SplittableRandom(seed), size);
    } catch (RuntimeException | AssertionError e) {
      return new Failure(size, "(the generator failed)", e);
    }
    try {
      property.accept(value);
      return null;
    } catch (RuntimeException | AssertionError e) {
      return new Failure(size, describe(value), e);
    }
  }

  private Failure shrink(long seed, int size, Consumer<? super T> property, Failure failure) {
    for (int smaller = 0; smaller < size; smaller++) {
      Failure f = run(seed, smaller, property);
      if (f != null) {
        return f;
      }
    }
    return failure;
  }

  private AssertionError report(String name, String testClass, int attempt, long seed, int size,
      Failure f) {
    String replay = (testClass.isEmpty() ? "" : "-Dtest=" + testClass + " ")
        + "-Dproperty.seed=" + hex(seed) + " -Dproperty.size=" + f.size() + " -Dproperty.tries=1";
    String message = "Property '" + name + "' failed on try " + (attempt + 1) + " of " + tries
        + "\n  seed " + hex(seed) + ", size " + size
        + (f.size() < size ? ", shrunk to size " + f.size() : "")
        + "\n  replay with: " + replay
        + "\n  value: " + f.value()
        + "\n  because: " + f.error();
    return new AssertionError(message, f.error());
  }

  private record Failure(int size, String value, Throwable error) {}

  /** The simple name of the class that declared the property, for the replay hint. */
  private static String callerClass() {
    return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
        .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
            .filter(c -> c != Property.class)
            .map(c -> c.getEnclosingClass() != null ? c.getEnclosingClass() : c)
            .map(Class::getSimpleName).findFirst())
        .orElse("");
  }

  private static String describe(Object value) {
    return value instanceof Object[] array ? java.util.Arrays.deepToString(array)
        : String.valueOf(value);
  }

  private static long baseSeed() {
    String s = System.getProperty("property.seed");
    if (s == null || s.isBlank()) {
      return new SplittableRandom().nextLong();
    }
    String t = s.trim().toLowerCase(Locale.ROOT);
    try {
      return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("property.seed: '" + s + "' is not a number", e);
    }
  }

  private static int intProperty(String name, int fallback) {
    return Integer.getInteger(name, fallback);
  }

  private static String hex(long seed) {
    return "0x" + Long.toHexString(seed);
  }

  /** Stafford's mix13, as in {@link SplittableRandom}: spreads nearby seeds apart. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
