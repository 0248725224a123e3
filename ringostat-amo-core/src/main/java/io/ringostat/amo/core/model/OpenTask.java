package io.ringostat.amo.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A task the SDK created for the client and that is still open, as the engine's journal remembers
 * it (R-LIFE): its amoCRM id, the task template it was made from, the deal or contact it is on
 * (neither for a task on no entity), its assignee and deadline.
 */
public record OpenTask(
    long id,
    String template,
    Optional<Long> dealId,
    Optional<Long> contactId,
    long assigneeUserId,
    Instant deadline) {
  public OpenTask {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(dealId, "dealId");
    Objects.requireNonNull(contactId, "contactId");
    Objects.requireNonNull(deadline, "deadline");
    if (dealId.isPresent() && contactId.isPresent()) {
      throw new IllegalArgumentException("dealId and contactId: a task is on one entity at most");
    }
  }

  /** True when the task is on no entity. */
  public boolean isOnNoEntity() {
    return dealId.isEmpty() && contactId.isEmpty();
  }
}
