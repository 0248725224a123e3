package io.ringostat.amo.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A note on a lead, contact or company; {@code params} are kept exactly as sent. */
final class NoteEntity {
  final long id;
  final String entityType;
  final long entityId;
  final String noteType;
  ObjectNode params;
  /** How many times the note was edited (R-LIFE: the inspection API shows note edits). */
  int edits;
  long createdBy;
  long updatedBy;
  long responsibleUserId;
  long createdAt;
  long updatedAt;

  NoteEntity(long id, String entityType, long entityId, String noteType, ObjectNode params) {
    this.id = id;
    this.entityType = entityType;
    this.entityId = entityId;
    this.noteType = noteType;
    this.params = params;
  }
}
