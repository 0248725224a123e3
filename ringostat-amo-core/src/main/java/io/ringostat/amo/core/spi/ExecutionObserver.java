package io.ringostat.amo.core.spi;

import io.ringostat.amo.core.plan.EffectKey;
import java.util.List;

/**
 * Told, synchronously and in order, what an executor is about to do and what it has done, so the
 * engine can journal each step before the next (R-KEEP, R-ONCE). Implementations must be fast and
 * must not throw; an exception thrown here aborts the execution and is rethrown to the caller.
 */
public interface ExecutionObserver {
  /** Observes nothing. */
  ExecutionObserver NONE = new ExecutionObserver() {};

  /** A request that carries out {@code keys} is about to be sent. */
  default void sending(List<EffectKey> keys) {}

  /** {@code result}'s effect is done; called before the executor moves on. */
  default void done(EffectResult.Done result) {}
}
