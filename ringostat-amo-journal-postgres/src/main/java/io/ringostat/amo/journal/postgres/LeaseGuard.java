package io.ringostat.amo.journal.postgres;

import java.util.function.BooleanSupplier;

/**
 * A local, non-blocking answer to "may this process still act for the account?", for the checks
 * that the database cannot fence: a request to amoCRM is not a journal write. Ask it right before
 * each CRM request and stop serving the account when it says no.
 *
 * <p>{@link LeaseKeeper#guard(Lease)} answers from memory with the local monotonic timer: true
 * while the keeper holds the lease and less than the lease's ttl has passed since the start of its
 * last successful renewal request. As the database started that ttl later than the request
 * started, the guard turns false no later than the lease expires in the database (given clocks
 * that run at the same rate). It cannot rule out a pause between the check and the request; the
 * journal's effect keys (SENDING before a request) cover that window (R-ONCE).
 *
 * <p>Implementations are thread-safe, never block and never throw. It is a {@link
 * BooleanSupplier} so that an engine can take it without depending on this module.
 */
@FunctionalInterface
public interface LeaseGuard extends BooleanSupplier {
  /**
   * Whether the lease is still held and safe to act on.
   *
   * @return false once the lease is lost, released or may have expired
   */
  boolean held();

  /** Same as {@link #held()}. */
  @Override
  default boolean getAsBoolean() {
    return held();
  }
}
