package io.ringostat.amo.engine;

import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.spi.CrmException;
import java.util.List;
import java.util.Optional;

/**
 * What became of one call event (R-OBS): the effects done with entity ids and web links, the
 * plan with its explanation, or why it is waiting, was refused or failed.
 *
 * @param seq the event's journal sequence number (0 when nothing was journaled)
 * @param message a human sentence: what happened, or why
 */
public record HandleResult(
    long seq,
    String callId,
    Status status,
    Optional<Plan> plan,
    List<DoneEffect> effects,
    String message,
    Optional<CrmException.Kind> errorKind) {

  public HandleResult {
    effects = List.copyOf(effects);
  }

  /** The fate of an event. */
  public enum Status {
    /** Every effect of the plan is done. */
    DELIVERED,
    /** The plan had nothing to do (see the plan's no-action reason). */
    NOTHING_TO_DO,
    /** The same call id and phase was journaled before; nothing was applied twice (R-ONCE). */
    DUPLICATE,
    /**
     * Journaled and not yet delivered: the integration is not active, the queue is full, or a
     * retry is scheduled. It will be delivered; the listener reports the final outcome.
     */
    DEFERRED,
    /** amoCRM refused it permanently; it stays in the journal as FAILED. */
    FAILED,
    /** The input was malformed; it stays in the journal as REJECTED with the reason. */
    REJECTED
  }

  /** True for DELIVERED and NOTHING_TO_DO. */
  public boolean isDelivered() {
    return status == Status.DELIVERED || status == Status.NOTHING_TO_DO;
  }
}
