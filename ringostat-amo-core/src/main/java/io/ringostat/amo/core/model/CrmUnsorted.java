package io.ringostat.amo.core.model;

import java.time.Instant;
import java.util.Optional;

/**
 * An unsorted request (amoCRM "Неразобранное") for a phone that nobody has accepted yet. Its lead
 * and contact exist in amoCRM but stay hidden from the lists until the request is accepted.
 */
public record CrmUnsorted(
    String uid,
    Optional<Long> pipelineId,
    Optional<Long> leadId,
    Optional<Long> contactId,
    Optional<Long> responsibleUserId,
    Optional<Instant> createdAt) {}
