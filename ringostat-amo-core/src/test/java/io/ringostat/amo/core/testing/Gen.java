package io.ringostat.amo.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of random values: a plain function of a {@link SplittableRandom} and a size. The
 * same random state and size always give an equal value, so a failing case is replayed from its
 * seed. The size bounds how big a value gets (list lengths, how many employees, ...); a smaller
 * size gives a simpler value, which is how the {@link Property} runner first shrinks a failure.
 * A generator may also carry a {@link Shrink} ({@link #shrinkWith}) that simplifies the failing
 * value itself; {@link #filter}, {@link #withSize} and {@link #resize} keep it, {@link #map} and
 * {@link #flatMap} do not (a mapped value needs its own shrinker).
 *
 * <p>Framework-neutral: nothing here depends on JUnit or AssertJ, so a generator can be wrapped in
 * any property-testing tool. Generators are stateless and thread-safe; the random state is not.
 *
 * <pre>{@code
 * Gen<List<Integer>> lists = Gen.listOf(Gen.ints(0, 9), 0, 5);
 * List<Integer> sample = lists.sample(42L, 10);
 * }</pre>
 */
@FunctionalInterface
public interface Gen<T> {
  /** How many times {@link #filter} retries before it gives up. */
  int FILTER_TRIES = 100;

  /** A value drawn from {@code random}, no bigger than {@code size} allows. */
  T generate(SplittableRandom random, int size);

  /** One value for {@code seed} and {@code size}: what a replay of that seed gives. */
  default T sample(long seed, int size) {
    return generate(new SplittableRandom(seed), size);
  }

  /** How to simplify a value of this generator: {@link Shrink#none()} unless one was attached. */
  default Shrink<T> shrinker() {
    return Shrink.none();
  }

  /** This generator, with {@code shrink} to simplify its failing values. */
  default Gen<T> shrinkWith(Shrink<T> shrink) {
    Objects.requireNonNull(shrink, "shrink");
    Gen<T> self = this;
    return new Gen<>() {
      @Override
      public T generate(SplittableRandom random, int size) {
        return self.generate(random, size);
      }

      @Override
      public Shrink<T> shrinker() {
        return shrink;
      }
    };
  }

  default <R> Gen<R> map(Function<? super T, ? extends R> f) {
    Objects.requireNonNull(f, "f");
    return (random, size) -> f.apply(generate(random, size));
  }

  default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> f) {
    Objects.requireNonNull(f, "f");
    return (random, size) -> f.apply(generate(random, size)).generate(random, size);
  }

  /**
   * Values that satisfy {@code p}; draws again up to {@link #FILTER_TRIES} times, then throws
   * {@link IllegalStateException} (use a generator that builds valid values instead of filtering
   * out most of them).
   */
  default Gen<T> filter(Predicate<? super T> p) {
    Objects.requireNonNull(p, "p");
    Gen<T> filtered = (random, size) -> {
      for (int i = 0; i < FILTER_TRIES; i++) {
        T value = generate(random, size);
        if (p.test(value)) {
          return value;
        }
      }
      throw new IllegalStateException(
          "Gen.filter: no value passed the filter in " + FILTER_TRIES + " tries");
    };
    return filtered.shrinkWith(shrinker().filter(p));
  }

  /** Empty about one time in four, otherwise a value of this generator. */
  default Gen<Optional<T>> optional() {
    return (random, size) ->
        random.nextInt(4) == 0 ? Optional.empty() : Optional.of(generate(random, size));
  }

  /** Lists of this generator's values; see {@link #listOf}. */
  default Gen<List<T>> list(int min, int max) {
    return listOf(this, min, max);
  }

  /** This generator at a fixed size, whatever size it is asked for. */
  default Gen<T> withSize(int fixed) {
    Gen<T> sized = (random, size) -> generate(random, fixed);
    return sized.shrinkWith(shrinker());
  }

  /** This generator at {@code f(size)}. */
  default Gen<T> resize(Function<Integer, Integer> f) {
    Gen<T> resized = (random, size) -> generate(random, Math.max(0, f.apply(size)));
    return resized.shrinkWith(shrinker());
  }

  // --- constructors ---------------------------------------------------------------------------

  static <T> Gen<T> constant(T value) {
    return (random, size) -> value;
  }

  /** One of {@code values}, uniformly. */
  @SafeVarargs
  static <T> Gen<T> oneOf(T... values) {
    List<T> copy = new ArrayList<>(values.length);
    for (T v : values) {
      copy.add(v);
    }
    return elements(copy);
  }

  /** One of {@code values}, uniformly. */
  static <T> Gen<T> elements(List<? extends T> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("values: must not be empty");
    }
    List<? extends T> copy = List.copyOf(values);
    return (random, size) -> copy.get(random.nextInt(copy.size()));
  }

  /** A value of one of {@code gens}, chosen uniformly. */
  @SafeVarargs
  static <T> Gen<T> oneOfGens(Gen<? extends T>... gens) {
    if (gens.length == 0) {
      throw new IllegalArgumentException("gens: must not be empty");
    }
    List<Gen<? extends T>> copy = new ArrayList<>(gens.length);
    for (Gen<? extends T> g : gens) {
      copy.add(g);
    }
    return (random, size) -> copy.get(random.nextInt(copy.size())).generate(random, size);
  }

  /** A value of one of the generators, chosen by weight. */
  static <T> Gen<T> frequency(List<Weighted<? extends T>> choices) {
    int total = choices.stream().mapToInt(Weighted::weight).sum();
    if (total <= 0) {
      throw new IllegalArgumentException("choices: weights must add up to more than 0");
    }
    List<Weighted<? extends T>> copy = List.copyOf(choices);
    return (random, size) -> {
      int pick = random.nextInt(total);
      for (Weighted<? extends T> w : copy) {
        pick -= w.weight();
        if (pick < 0) {
          return w.gen().generate(random, size);
        }
      }
      throw new AssertionError("weights add up");
    };
  }

  /** A weighted choice for {@link #frequency}. */
  static <T> Weighted<T> weighted(int weight, Gen<T> gen) {
    return new Weighted<>(weight, gen);
  }

  /** A generator and its weight for {@link #frequency}. */
  record Weighted<T>(int weight, Gen<T> gen) {
    public Weighted {
      if (weight < 0) {
        throw new IllegalArgumentException("weight: must not be negative");
      }
      Objects.requireNonNull(gen, "gen");
    }
  }

  /** Integers from {@code min} to {@code max}, both included. */
  static Gen<Integer> ints(int min, int max) {
    if (max < min) {
      throw new IllegalArgumentException("max < min");
    }
    return (random, size) -> min + random.nextInt(max - min + 1);
  }

  /** Integers from {@code min} to {@code min + size}, capped at {@code max}. */
  static Gen<Integer> sized(int min, int max) {
    return (random, size) -> min + random.nextInt(Math.max(0, Math.min(max, min + size) - min) + 1);
  }

  static Gen<Long> longs(long min, long max) {
    if (max < min) {
      throw new IllegalArgumentException("max < min");
    }
    return (random, size) -> min + random.nextLong(max - min + 1);
  }

  static Gen<Boolean> booleans() {
    return (random, size) -> random.nextBoolean();
  }

  /** True with probability {@code percent}/100. */
  static Gen<Boolean> chance(int percent) {
    return (random, size) -> random.nextInt(100) < percent;
  }

  /**
   * Lists of {@code min} to {@code max} elements; the length grows with the size (at size 0 the
   * list has {@code min} elements).
   */
  static <T> Gen<List<T>> listOf(Gen<? extends T> element, int min, int max) {
    if (max < min || min < 0) {
      throw new IllegalArgumentException("need 0 <= min <= max");
    }
    return (random, size) -> {
      int upper = Math.min(max, min + size);
      int n = min + random.nextInt(upper - min + 1);
      List<T> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(element.generate(random, size));
      }
      return List.copyOf(out);
    };
  }

  /** A list with one value of each generator, in order. */
  @SafeVarargs
  static <T> Gen<List<T>> sequence(Gen<? extends T>... gens) {
    List<Gen<? extends T>> copy = new ArrayList<>(gens.length);
    for (Gen<? extends T> g : gens) {
      copy.add(g);
    }
    return (random, size) -> {
      List<T> out = new ArrayList<>(copy.size());
      for (Gen<? extends T> g : copy) {
        out.add(g.generate(random, size));
      }
      return List.copyOf(out);
    };
  }

  /** A random sub-list of {@code values}, order kept. */
  static <T> Gen<List<T>> subsetOf(List<? extends T> values) {
    List<? extends T> copy = List.copyOf(values);
    return (random, size) -> {
      List<T> out = new ArrayList<>();
      for (T v : copy) {
        if (random.nextBoolean()) {
          out.add(v);
        }
      }
      return List.copyOf(out);
    };
  }

  /** Strings of {@code min} to {@code max} characters from {@code alphabet}. */
  static Gen<String> strings(String alphabet, int min, int max) {
    return (random, size) -> {
      int upper = Math.min(max, min + size);
      int n = min + random.nextInt(upper - min + 1);
      StringBuilder out = new StringBuilder(n);
      for (int i = 0; i < n; i++) {
        out.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      return out.toString();
    };
  }

  /** Exactly {@code n} decimal digits. */
  static Gen<String> digits(int n) {
    return (random, size) -> {
      StringBuilder out = new StringBuilder(n);
      for (int i = 0; i < n; i++) {
        out.append((char) ('0' + random.nextInt(10)));
      }
      return out.toString();
    };
  }
}
