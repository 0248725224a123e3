package io.ringostat.amo.testkit.internal;

import java.util.List;

/** An incoming-call popup sent through {@code POST /api/v2/events}. */
record CallEventEntity(
    String uid,
    String phoneNumber,
    List<Long> users,
    Long elementId,
    Integer elementType,
    long createdAt) {
  CallEventEntity {
    users = List.copyOf(users);
  }
}
