package io.ringostat.amo.testkit.internal;

/** A task; {@code entityType} and {@code entityId} are null for a task not bound to an entity. */
final class TaskEntity {
  final long id;
  String text;
  long completeTill;
  long responsibleUserId;
  String entityType;
  Long entityId;
  long taskTypeId = 1;
  long duration;
  boolean completed;
  String resultText;
  long createdBy;
  long updatedBy;
  long createdAt;
  long updatedAt;

  TaskEntity(long id) {
    this.id = id;
  }
}
