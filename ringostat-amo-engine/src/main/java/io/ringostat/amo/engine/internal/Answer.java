package io.ringostat.amo.engine.internal;

import io.ringostat.amo.core.spi.CrmException;
import java.util.function.Supplier;

/**
 * What one call to the amoCRM port gave: a value or the {@link CrmException} it signalled. The
 * port's exceptions stop here; inside the engine a failed request is a value, never a throw.
 */
sealed interface Answer<T> {
  /** The port answered {@code value}. */
  record Ok<T>(T value) implements Answer<T> {}

  /** The port signalled {@code error}. */
  record Err<T>(CrmException error) implements Answer<T> {}

  /**
   * Calls the port. A {@link CrmException} becomes {@link Err}; any other runtime exception (a
   * bug or a broken port) becomes an {@code OUTCOME_UNKNOWN} {@link Err}, since whether the
   * request acted cannot be known: the protocol then checks before sending again.
   */
  static <T> Answer<T> of(Supplier<T> call) {
    try {
      return new Ok<>(call.get());
    } catch (CrmException e) {
      return new Err<>(e);
    } catch (RuntimeException e) {
      return new Err<>(new CrmException(CrmException.Kind.OUTCOME_UNKNOWN,
          "unexpected " + e.getClass().getName() + " from the amoCRM port", e));
    }
  }

  /** Like {@link #of(Supplier)} for a call that returns nothing. */
  static Answer<Boolean> run(Runnable call) {
    return of(() -> {
      call.run();
      return Boolean.TRUE;
    });
  }
}
