package io.ringostat.amo.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An incoming-call popup sent through {@code POST /api/v2/events}. Immutable and thread-safe.
 *
 * @param uid the event uid returned to the client
 * @param phoneNumber the number as sent
 * @param users the users to notify (empty: all)
 * @param elementId the contact or lead amoCRM would show, if found
 * @param elementType 1 = contact, 2 = lead, if found
 * @param createdAt when it was sent
 */
public record StoredCallEvent(
    String uid,
    String phoneNumber,
    List<Long> users,
    Optional<Long> elementId,
    Optional<Integer> elementType,
    Instant createdAt) {
  public StoredCallEvent {
    users = List.copyOf(users);
  }
}
