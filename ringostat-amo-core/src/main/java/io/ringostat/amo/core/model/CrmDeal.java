package io.ringostat.amo.core.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A deal (amoCRM "lead") linked to a phone: pipeline, status and responsible user. A deal is open
 * unless its status is one of amoCRM's closed statuses, {@value #WON} (won) and {@value #LOST}
 * (lost).
 */
public record CrmDeal(
    long id,
    String name,
    long pipelineId,
    long statusId,
    Optional<Long> responsibleUserId,
    Optional<Long> contactId,
    Optional<Instant> updatedAt) {
  /** amoCRM's system status "closed won". */
  public static final long WON = 142;
  /** amoCRM's system status "closed lost". */
  public static final long LOST = 143;

  /** True unless the status is {@link #WON} or {@link #LOST}. */
  public boolean isOpen() {
    return statusId != WON && statusId != LOST;
  }

  /** A deal with the usual fields and no timestamps. */
  public static CrmDeal of(long id, long pipelineId, long statusId, long responsibleUserId,
      long contactId) {
    return new CrmDeal(id, "Deal " + id, pipelineId, statusId, Optional.of(responsibleUserId),
        Optional.of(contactId), Optional.empty());
  }
}
