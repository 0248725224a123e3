package io.ringostat.amo.engine.journal;

import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import java.time.Instant;
import java.util.Optional;

/**
 * One journaled event.
 *
 * @param seq the journal's sequence number: arrival order
 * @param phoneKey the ordering key: normalized client digits, or {@code "call:" + callId} when the
 *     number did not normalize
 * @param event the event; empty for a rejected malformed input
 * @param raw the malformed input as received (rejected entries only), truncated
 * @param attempts delivery attempts that failed and will be retried
 * @param note the last error, or why the entry was finished (expired, skipped, rejected)
 * @param finishedAt when it reached its final state
 */
public record JournalEntry(
    long seq,
    String callId,
    Optional<CallPhase> phase,
    String phoneKey,
    Instant receivedAt,
    EntryState state,
    Optional<CallEvent> event,
    Optional<String> raw,
    int attempts,
    Optional<String> note,
    Optional<Instant> finishedAt) {

  /** This entry in {@code newState} with {@code newNote}, finished at {@code at}. */
  public JournalEntry finish(EntryState newState, String newNote, Instant at) {
    return new JournalEntry(seq, callId, phase, phoneKey, receivedAt, newState, event, raw,
        attempts, Optional.of(newNote), Optional.of(at));
  }

  /** This entry with one more failed attempt. */
  public JournalEntry withAttempt(String error) {
    return new JournalEntry(seq, callId, phase, phoneKey, receivedAt, state, event, raw,
        attempts + 1, Optional.of(error), finishedAt);
  }
}
