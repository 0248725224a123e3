package io.ringostat.amo.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * How to simplify a failing value: for a value, a finite stream of simpler candidates, the most
 * promising (the biggest simplification) first. The {@link Property} runner tries them in order
 * and keeps the first that still fails the same way, then asks again about that one (see {@link
 * Property} for the budget).
 *
 * <p>A candidate must be a value the generator could have given (the same preconditions hold),
 * otherwise the shrunk example may fail for a reason the property never meant. Candidates are
 * computed lazily, and must be strictly simpler than the value, so that shrinking ends.
 *
 * <pre>{@code
 * Shrink<List<Integer>> lists = Shrink.list(Shrink.towardsZero());
 * Property.forAll(Gen.listOf(Gen.ints(0, 200), 0, 30).shrinkWith(lists)).check(...);
 * }</pre>
 */
@FunctionalInterface
public interface Shrink<T> {

  /** Simpler values than {@code value}, the most promising first; empty when it is minimal. */
  Stream<T> candidates(T value);

  /** Never simplifies: the runner then only replays smaller sizes. */
  static <T> Shrink<T> none() {
    return value -> Stream.empty();
  }

  /** This shrinker's candidates, then {@code next}'s. */
  default Shrink<T> or(Shrink<T> next) {
    Objects.requireNonNull(next, "next");
    return value -> Stream.concat(candidates(value), Stream.of(value).flatMap(next::candidates));
  }

  /** Only the candidates that satisfy {@code keep} (a precondition of the generator). */
  default Shrink<T> filter(Predicate<? super T> keep) {
    Objects.requireNonNull(keep, "keep");
    return value -> candidates(value).filter(keep);
  }

  /**
   * Shrinks a part of a value: {@code part} reads it, {@code with} puts a simpler one back.
   * For records: {@code Shrink.part(Call::events, outlines, (c, e) -> new Call(...))}.
   */
  static <T, P> Shrink<T> part(Function<T, P> part, Shrink<P> shrink,
      BiFunction<T, P, T> with) {
    return value -> shrink.candidates(part.apply(value)).map(p -> with.apply(value, p));
  }

  /**
   * Fixed simplifications of a value, each tried when it changes the value; a step that throws
   * {@link IllegalArgumentException} or {@link IllegalStateException} (an invalid value) is
   * skipped.
   */
  @SafeVarargs
  static <T> Shrink<T> steps(Function<T, T>... steps) {
    List<Function<T, T>> copy = List.of(steps);
    return value -> copy.stream().map(s -> attempt(() -> s.apply(value)))
        .flatMap(Optional::stream).filter(c -> !c.equals(value));
  }

  /** The value {@code build} gives, or empty when building it is refused as invalid. */
  static <T> Optional<T> attempt(Supplier<T> build) {
    try {
      return Optional.ofNullable(build.get());
    } catch (IllegalArgumentException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  /**
   * Lists: the empty list, then without each half, quarter, ... down to each single element,
   * then with one element simplified by {@code element} ({@link #none()} to keep elements).
   */
  static <T> Shrink<List<T>> list(Shrink<T> element) {
    return list(element, 0);
  }

  /** {@link #list(Shrink)} for lists that keep at least {@code min} elements. */
  static <T> Shrink<List<T>> list(Shrink<T> element, int min) {
    return value -> Stream.concat(removals(value, min), elementwise(value, element));
  }

  private static <T> Stream<List<T>> removals(List<T> value, int min) {
    int n = value.size();
    return IntStream.iterate(n, k -> k >= 1, k -> k / 2)
        .filter(k -> n - k >= min)
        .boxed()
        .flatMap(k -> IntStream.iterate(0, from -> from + k <= n, from -> from + k)
            .mapToObj(from -> without(value, from, from + k)));
  }

  private static <T> List<T> without(List<T> value, int from, int to) {
    List<T> out = new ArrayList<>(value.subList(0, from));
    out.addAll(value.subList(to, value.size()));
    return List.copyOf(out);
  }

  private static <T> Stream<List<T>> elementwise(List<T> value, Shrink<T> element) {
    return IntStream.range(0, value.size()).boxed()
        .flatMap(i -> element.candidates(value.get(i)).map(c -> {
          List<T> out = new ArrayList<>(value);
          out.set(i, c);
          return List.copyOf(out);
        }));
  }

  /** Integers towards zero: 0, then halfway there, a quarter of the way, ..., one step. */
  static Shrink<Integer> towardsZero() {
    return value -> {
      long v = value;
      return Stream.iterate(Math.abs(v), d -> d > 0, d -> d / 2)
          .map(d -> (int) (v - Long.signum(v) * d))
          .distinct();
    };
  }

  /** An optional part: empty first, then a simpler present value. */
  static <T> Shrink<Optional<T>> optional(Shrink<T> present) {
    return value -> value.isEmpty() ? Stream.empty()
        : Stream.concat(Stream.of(Optional.<T>empty()),
            present.candidates(value.get()).map(Optional::of));
  }
}
