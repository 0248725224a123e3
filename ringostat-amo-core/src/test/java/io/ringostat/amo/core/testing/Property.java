package io.ringostat.amo.core.testing;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs a property over generated values: a small, seeded replacement for a property-testing
 * library (STYLE.md §9).
 *
 * <p>Each run draws a base seed: the one {@link #seed} fixes, else the system property {@code
 * property.seed} when set (decimal or {@code 0x}-hex), otherwise a random one, which is printed. Try {@code i} uses its own seed
 * derived from the base seed (try 0 uses the base seed itself) and a size that grows from 0 to
 * {@code property.maxSize} (default {@value #DEFAULT_MAX_SIZE}) over the tries, unless {@code
 * property.size} fixes it. {@code property.tries} overrides the number of tries (default {@value
 * #DEFAULT_TRIES}).
 *
 * <p>When a try fails (an {@link AssertionError} or any exception from the property or the
 * generator), the runner shrinks in two stages. First it replays the failing seed at every
 * smaller size and keeps the smallest size that still fails. Then, when the generator carries a
 * {@link Shrink} ({@link Gen#shrinkWith}) or one is given with {@link #shrinkWith}, it simplifies
 * the failing value itself, greedily: the first simpler candidate that still fails the same way
 * replaces it, until none does or {@code property.shrinkRuns} (default {@value
 * #DEFAULT_SHRINK_RUNS}; 0 turns value shrinking off) runs of the property are spent. The {@link
 * PropertyFailure} (an {@link AssertionError}) it throws shows the shrunk value, the shrink
 * steps taken and the failure of the shrunk value, and names the seed and size and the flags
 * that replay that case:
 *
 * <pre>{@code
 * mvn -pl ringostat-amo-core test -Dtest=MatrixProperties \
 *     -Dproperty.seed=0x5eed -Dproperty.size=3 -Dproperty.tries=1
 * }</pre>
 *
 * <p>The replay regenerates the value before value shrinking (a seed names a generated value,
 * not a shrunk one), and shrinks it again the same way: shrinking is deterministic.
 *
 * <p>Use {@link #check} inside any test, or {@link #test} to get a JUnit 5 {@link DynamicTest}
 * for a {@code @TestFactory}. Seeds are random by default: never commit a fixed one.
 */
public final class Property<T> {
  public static final int DEFAULT_TRIES = 200;
  public static final int DEFAULT_MAX_SIZE = 30;
  public static final int DEFAULT_SHRINK_RUNS = 500;

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private final Gen<T> gen;
  private final int tries;
  private final int maxSize;
  private final Shrink<T> shrink;
  private final Optional<Long> seed;

  private Property(Gen<T> gen, int tries, int maxSize, Shrink<T> shrink, Optional<Long> seed) {
    this.gen = Objects.requireNonNull(gen, "gen");
    this.tries = tries;
    this.maxSize = maxSize;
    this.shrink = Objects.requireNonNull(shrink, "shrink");
    this.seed = seed;
  }

  /**
   * A property over the values of {@code gen}, with the tries and sizes from system properties,
   * shrinking failures with {@code gen}'s {@linkplain Gen#shrinker() shrinker}.
   */
  public static <T> Property<T> forAll(Gen<T> gen) {
    return new Property<>(gen, intProperty("property.tries", DEFAULT_TRIES),
        intProperty("property.maxSize", DEFAULT_MAX_SIZE), gen.shrinker(), Optional.empty());
  }

  /**
   * This property with {@code n} tries by default (for expensive properties); {@code
   * -Dproperty.tries} still wins, so a replay runs exactly one.
   */
  public Property<T> tries(int n) {
    return new Property<>(gen, Integer.getInteger("property.tries", n), maxSize, shrink, seed);
  }

  /** This property with sizes up to {@code n}, unless {@code -Dproperty.maxSize} says otherwise. */
  public Property<T> maxSize(int n) {
    return new Property<>(gen, tries, Integer.getInteger("property.maxSize", n), shrink, seed);
  }

  /** This property, simplifying a failing value with {@code s} instead of the generator's. */
  public Property<T> shrinkWith(Shrink<T> s) {
    return new Property<>(gen, tries, maxSize, s, seed);
  }

  /**
   * This property from the base seed {@code base}, whatever {@code -Dproperty.seed} says: for
   * tests of the harness and of planted bugs that must behave the same on every run (rerun the
   * test to replay one). An ordinary property keeps drawing fresh seeds.
   */
  public Property<T> seed(long base) {
    return new Property<>(gen, tries, maxSize, shrink, Optional.of(base));
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
   * @throws PropertyFailure naming the shrunk failing value, seed and size and how to replay
   */
  public void check(String name, Consumer<? super T> property) {
    check(name, property, callerClass());
  }

  private void check(String name, Consumer<? super T> property, String testClass) {
    long base = seed.or(Property::baseSeed).orElseGet(() -> new SplittableRandom().nextLong());
    Integer fixedSize = Integer.getInteger("property.size");
    System.out.println("[property] " + name + ": " + tries + " tries, seed=" + hex(base)
        + (fixedSize != null ? ", size=" + fixedSize : ""));
    for (int i = 0; i < tries; i++) {
      long seed = i == 0 ? base : mix(base + i * GOLDEN_GAMMA);
      int size = fixedSize != null ? fixedSize : sizeOf(i);
      Failure<T> failure = run(seed, size, property);
      if (failure != null) {
        Failure<T> smallest = shrinkSize(seed, size, property, failure);
        throw report(name, testClass, i, seed, size, smallest, shrinkValue(smallest, property));
      }
    }
  }

  private int sizeOf(int i) {
    return tries <= 1 ? maxSize : (int) ((long) i * maxSize / (tries - 1));
  }

  private Failure<T> run(long seed, int size, Consumer<? super T> property) {
    T value;
    try {
      value = gen.generate(new SplittableRandom(seed), size);
    } catch (RuntimeException | AssertionError e) {
      return new Failure<>(size, Optional.empty(), e);
    }
    try {
      property.accept(value);
      return null;
    } catch (RuntimeException | AssertionError e) {
      return new Failure<>(size, Optional.of(value), e);
    }
  }

  private Failure<T> shrinkSize(long seed, int size, Consumer<? super T> property,
      Failure<T> failure) {
    for (int smaller = 0; smaller < size; smaller++) {
      Failure<T> f = run(seed, smaller, property);
      if (f != null) {
        return f;
      }
    }
    return failure;
  }

  /** The failing value simplified by the shrinker; empty when the generator failed. */
  private Optional<GreedyShrinker.Shrunk<T>> shrinkValue(Failure<T> f,
      Consumer<? super T> property) {
    int budget = intProperty("property.shrinkRuns", DEFAULT_SHRINK_RUNS);
    return f.value().map(v -> new GreedyShrinker<>(shrink, property, Math.max(0, budget))
        .shrink(v, f.error()));
  }

  private PropertyFailure report(String name, String testClass, int attempt, long seed, int size,
      Failure<T> f, Optional<GreedyShrinker.Shrunk<T>> shrunk) {
    String replay = (testClass.isEmpty() ? "" : "-Dtest=" + testClass + " ")
        + "-Dproperty.seed=" + hex(seed) + " -Dproperty.size=" + f.size() + " -Dproperty.tries=1";
    Throwable error = shrunk.map(GreedyShrinker.Shrunk::error).orElse(f.error());
    String message = "Property '" + name + "' failed on try " + (attempt + 1) + " of " + tries
        + "\n  seed " + hex(seed) + ", size " + size
        + (f.size() < size ? ", shrunk to size " + f.size() : "")
        + "\n  replay with: " + replay
        + (shrunk.isPresent() && shrunk.get().steps() > 0
            ? " (gives the value before value shrinking)" : "")
        + "\n  " + shrunk.map(Property::shrinkLine).orElse("value: (the generator failed)")
        + "\n  because: " + error;
    return new PropertyFailure(message, error,
        shrunk.map(GreedyShrinker.Shrunk::value).orElse(null),
        shrunk.map(GreedyShrinker.Shrunk::steps).orElse(0), seed, f.size());
  }

  private static String shrinkLine(GreedyShrinker.Shrunk<?> s) {
    String how = s.steps() == 0 ? "not simplified by value shrinking"
        : "shrunk in " + s.steps() + " step" + (s.steps() == 1 ? "" : "s");
    return "value (" + how + ", " + s.runs() + " shrink run" + (s.runs() == 1 ? "" : "s")
        + (s.budgetSpent() ? ", budget spent" : "")
        + s.shrinkerFailed().map(e -> ", the shrinker failed: " + e).orElse("") + "): "
        + describe(s.value());
  }

  private record Failure<T>(int size, Optional<T> value, Throwable error) {}

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

  /** The seed {@code -Dproperty.seed} fixes, if any. */
  private static Optional<Long> baseSeed() {
    String s = System.getProperty("property.seed");
    if (s == null || s.isBlank()) {
      return Optional.empty();
    }
    String t = s.trim().toLowerCase(Locale.ROOT);
    try {
      return Optional.of(t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16)
          : Long.parseLong(t));
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
