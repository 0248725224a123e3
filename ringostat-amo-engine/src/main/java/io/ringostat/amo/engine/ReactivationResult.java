package io.ringostat.amo.engine;

import io.ringostat.amo.engine.journal.JournalEntry;
import java.time.Instant;
import java.util.List;

/**
 * The result of {@link IntegrationEngine#reactivate} and {@link IntegrationEngine#resume}: the
 * activation, how many undelivered events
 * will be resent (in original order), which were older than the resend window (expired, R-KEEP)
 * and how many were skipped because resend was off.
 *
 * @param windowStart the start of the resend window: midnight, {@code resendWindowDays - 1} days
 *     before today, in the account's time zone
 */
public record ReactivationResult(
    ActivationResult activation,
    int resent,
    List<JournalEntry> expired,
    int skipped,
    Instant windowStart) {
  public ReactivationResult {
    expired = List.copyOf(expired);
  }
}
