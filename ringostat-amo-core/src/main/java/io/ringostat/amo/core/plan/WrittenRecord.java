package io.ringostat.amo.core.plan;

import java.util.Objects;
import java.util.Optional;

/**
 * A call record the SDK wrote, as the journal keeps it (R-LIFE): where it is, its amoCRM note id
 * and what it says, so that news about the call edits it with one request and no lookup.
 *
 * @param entityType the entity the record is on
 * @param entityId that entity's id
 * @param noteId the record's amoCRM note id
 * @param content what the record says, as {@link Effect.RecordCall#content()} renders it
 * @param clientResponsibleUserId the client's responsible manager when the call was decided
 *     (empty for a client the CRM did not know); the record's result text is rendered against it
 *     again when the call changes
 */
public record WrittenRecord(EntityType entityType, long entityId, long noteId, String content,
    Optional<Long> clientResponsibleUserId) {
  public WrittenRecord {
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(clientResponsibleUserId, "clientResponsibleUserId");
    if (entityId <= 0 || noteId <= 0) {
      throw new IllegalArgumentException("entityId and noteId: must be positive, got " + entityId
          + " and " + noteId);
    }
  }

  /** The same record saying {@code newContent}. */
  public WrittenRecord withContent(String newContent) {
    return new WrittenRecord(entityType, entityId, noteId, newContent, clientResponsibleUserId);
  }
}
