package io.ringostat.amo.engine.journal;

import io.ringostat.amo.core.plan.EntityType;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A task the SDK created for a phone, as a journal remembers it until it is closed (R-LIFE): the
 * decision must know the client's open call-back task without asking amoCRM. {@code template} is
 * the task template's name (the {@code CreateTask} key's target).
 */
public record RememberedTask(
    long id,
    String template,
    Optional<EntityType> entityType,
    Optional<Long> entityId,
    long assigneeUserId,
    Instant deadline,
    Instant createdAt) {
  public RememberedTask {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(entityId, "entityId");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(createdAt, "createdAt");
    if (entityType.isPresent() != entityId.isPresent()) {
      throw new IllegalArgumentException("entityType and entityId: both or neither");
    }
  }
}
