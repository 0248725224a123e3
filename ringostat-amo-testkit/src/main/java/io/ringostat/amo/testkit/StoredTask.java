package io.ringostat.amo.testkit;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of a task. Immutable and thread-safe.
 *
 * @param id the task id
 * @param text the task text
 * @param completeTill the deadline
 * @param responsibleUserId the assignee
 * @param entityType {@code leads}, {@code contacts} or {@code companies}, if bound to an entity
 * @param entityId the entity, if bound
 * @param taskTypeId 1 = call, 2 = meeting
 * @param completed whether it is done
 * @param result the result text, if completed with one
 * @param createdBy the author
 * @param createdAt creation time
 */
public record StoredTask(
    long id,
    String text,
    Instant completeTill,
    long responsibleUserId,
    Optional<String> entityType,
    Optional<Long> entityId,
    long taskTypeId,
    boolean completed,
    Optional<String> result,
    long createdBy,
    Instant createdAt) {}
