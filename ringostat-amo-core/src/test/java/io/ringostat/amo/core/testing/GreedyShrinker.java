package io.ringostat.amo.core.testing;

import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Simplifies a failing value greedily: takes the first candidate of the {@link Shrink} that still
 * fails the same way, asks for candidates of that one, and stops when none fails or after {@code
 * budget} runs of the property. Deterministic when the shrinker and the property are.
 *
 * <p>"The same way" means the same exception type thrown from the same line of code (the first
 * stack frame outside AssertJ, JUnit and the JDK): a candidate that breaks a precondition of the
 * property fails somewhere else and is not taken.
 */
final class GreedyShrinker<T> {
  private final Shrink<T> shrink;
  private final Consumer<? super T> property;
  private final int budget;

  GreedyShrinker(Shrink<T> shrink, Consumer<? super T> property, int budget) {
    this.shrink = Objects.requireNonNull(shrink, "shrink");
    this.property = Objects.requireNonNull(property, "property");
    this.budget = budget;
  }

  /** The simplest failing value found from {@code value}, which fails with {@code error}. */
  Shrunk<T> shrink(T value, Throwable error) {
    T current = value;
    Throwable failure = error;
    int steps = 0;
    int runs = 0;
    boolean simpler = true;
    while (simpler && runs < budget) {
      simpler = false;
      Iterator<T> candidates;
      try {
        candidates = shrink.candidates(current).iterator();
        while (runs < budget && candidates.hasNext()) {
          T candidate = candidates.next();
          if (candidate.equals(current)) {
            continue;
          }
          runs++;
          Throwable e = failureOf(candidate);
          if (e != null && sameFailure(e, failure)) {
            current = candidate;
            failure = e;
            steps++;
            simpler = true;
            break;
          }
        }
      } catch (RuntimeException shrinkerBug) {
        // a broken shrinker must not hide the property's failure: report what we have
        return new Shrunk<>(current, failure, steps, runs, false, Optional.of(shrinkerBug));
      }
    }
    return new Shrunk<>(current, failure, steps, runs, runs >= budget && budget > 0,
        Optional.empty());
  }

  private Throwable failureOf(T candidate) {
    try {
      property.accept(candidate);
      return null;
    } catch (RuntimeException | AssertionError e) {
      return e;
    }
  }

  static boolean sameFailure(Throwable a, Throwable b) {
    return a.getClass() == b.getClass() && site(a).equals(site(b));
  }

  /** Where {@code t} was thrown: the first frame in our code or the code under test. */
  static String site(Throwable t) {
    for (StackTraceElement frame : t.getStackTrace()) {
      String c = frame.getClassName();
      if (!(c.startsWith("org.assertj.") || c.startsWith("org.junit.")
          || c.startsWith("org.opentest4j.") || c.startsWith("java.") || c.startsWith("jdk.")
          || c.startsWith("sun."))) {
        return c + ":" + frame.getLineNumber();
      }
    }
    return "";
  }

  /**
   * The result: the value, its failure, how many simpler values were taken ({@code steps}), how
   * many times the property ran, whether the budget ran out before the value was minimal, and
   * the exception of a shrinker that failed (shrinking stopped there).
   */
  record Shrunk<T>(T value, Throwable error, int steps, int runs, boolean budgetSpent,
      Optional<RuntimeException> shrinkerFailed) {}
}
