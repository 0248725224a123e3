package io.ringostat.amo.engine.journal;

import io.ringostat.amo.core.plan.EntityType;
import java.time.Instant;
import java.util.Optional;

/**
 * An entity the SDK itself created (or found) for a phone recently. The engine merges these into
 * what a lookup returns, because amoCRM's search can lag behind a create (R-ONCE: two calls from
 * one new number produce one contact).
 */
public record KnownEntity(EntityType type, long id, Optional<Long> responsibleUserId, Instant at) {}
