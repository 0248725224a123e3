package io.ringostat.amo.core.routing;

import java.time.Instant;

/** The amoCRM user of the employee who last talked with a phone, and when (R-ROUTE). */
public record LastTalk(long amoUserId, Instant at) {}
