package io.ringostat.amo.engine.journal;

import io.ringostat.amo.core.routing.LastTalk;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.WrittenRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The durable record the engine writes before any CRM request and after every effect (R-KEEP,
 * R-ONCE). Each method is atomic: once it returns, what it wrote survives a crash of the process,
 * and a crash in the middle leaves nothing half-written.
 *
 * <p>Implementations are thread-safe. Effects are recorded per call id (not per entry), so that the
 * ENDED event sees what the ANSWERED event of the same call did.
 */
public interface Journal extends AutoCloseable {
  /** Rejected inputs keep at most this many characters of the raw text. */
  int MAX_RAW = 2048;

  /** The note of an entry returned for a duplicate of an event the journal pruned. */
  String PRUNED_NOTE = "pruned from the journal; remembered as a duplicate";

  /**
   * Appends {@code event} as {@link EntryState#PENDING}, unless an event with the same call id and
   * {@link #dedupeKey dedupe key} is already journaled: then nothing is written and the earlier
   * entry is returned with {@code duplicate = true}. An event pruned from the journal and still in
   * its {@link DuplicateMemory} is a duplicate too: the entry returned then has the pruned entry's
   * seq, state and instants, this {@code event} and {@code phoneKey}, and the note {@link
   * #PRUNED_NOTE}.
   */
  Appended append(CallEvent event, String phoneKey, Instant receivedAt);

  /**
   * Appends a malformed input as {@link EntryState#REJECTED}, keeping the raw text and the reason,
   * each truncated to {@link #MAX_RAW} characters.
   */
  JournalEntry appendRejected(String raw, String reason, Instant receivedAt);

  /**
   * Pending entries with {@code seq > afterSeq}, in seq order, at most {@code limit} (0 gives
   * none).
   *
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  List<JournalEntry> pending(long afterSeq, int limit);

  Optional<JournalEntry> entry(long seq);

  /** The last {@code limit} entries in {@code state}, in seq order. */
  List<JournalEntry> entries(EntryState state, int limit);

  /**
   * The journaled events of {@code callId} (not rejected inputs), in seq order: the engine merges
   * an ENDED event with the UPDATED ones that say more about the call (R-LIFE).
   */
  List<JournalEntry> callEntries(String callId);

  /** Effects done for {@code callId} and what each created. */
  CallProgress progress(String callId);

  /**
   * Keeps call record {@code record}, written by effect {@code key} for entry {@code seq}
   * (R-LIFE); keeping the same key again replaces it (an edit of the record).
   */
  void rememberRecord(long seq, EffectKey key, WrittenRecord record);

  /** The call records kept for {@code callId}, in the order first kept. */
  List<KeptRecord> records(String callId);

  /** Effects of {@code callId} that were being sent but are not recorded as done. */
  Set<EffectKey> uncertain(String callId);

  /** Records that a request carrying out {@code keys} of entry {@code seq} is about to be sent. */
  void markSending(long seq, List<EffectKey> keys);

  /** Records that {@code key} is done, having created {@code created}. */
  void markDone(long seq, EffectKey key, Map<EntityType, Long> created);

  /** Records a failed attempt that will be retried. */
  void recordAttempt(long seq, String error);

  /**
   * Moves a pending entry to a final state ({@code DELIVERED}, {@code FAILED}, {@code SKIPPED},
   * {@code EXPIRED}) with a note, at {@code at}.
   *
   * @throws IllegalArgumentException if {@code state} is {@code PENDING}
   */
  void finish(long seq, EntryState state, String note, Instant at);

  /** Remembers an entity for a phone (replacing an older one of the same type and id). */
  void rememberEntity(String phone, KnownEntity entity);

  /** Entities remembered for {@code phone} at or after {@code since}, newest first. */
  List<KnownEntity> knownEntities(String phone, Instant since);

  /** Remembers that {@code amoUserId}'s employee talked with {@code phone} at {@code at}. */
  void rememberTalk(String phone, long amoUserId, Instant at);

  Optional<LastTalk> lastTalk(String phone);

  /**
   * Remembers a task the SDK created for {@code phone}, open until {@link #closeTask} (R-LIFE);
   * remembering the same task id again replaces it.
   */
  void rememberTask(String phone, RememberedTask task);

  /** The open tasks remembered for {@code phone}, oldest first. */
  List<RememberedTask> openTasks(String phone);

  /** Marks task {@code taskId} closed at {@code at}; nothing happens for an unknown id. */
  void closeTask(long taskId, Instant at);

  /**
   * Deletes finished entries finished before {@code before}, the effects and call records of calls
   * that have no entry left (so a late duplicate of a kept phase is still recognised), and phone memories older
   * than it (tasks closed before it; open tasks are kept). Returns the number of entries deleted.
   * The deleted events are remembered compactly as
   * the journal's {@link DuplicateMemory} says (by default 30 days after they finished), so a late
   * resend is still a duplicate; remembered events older than {@code before} minus that duration
   * are forgotten here.
   */
  int prune(Instant before);

  JournalCounts counts();

  /** Releases resources; the journal is unusable afterwards. */
  @Override
  void close();

  /**
   * What makes two events of one call the same event (R-LIFE): the phase for RINGING and
   * ANSWERED (a second ANSWERED is a duplicate whatever it says), and for ENDED and UPDATED the
   * content, {@code final:} plus {@link DuplicateMemory#contentHash}: an exact repeat is a
   * duplicate, new content about the call is journaled and updates what the call wrote, and an
   * UPDATED that says exactly what the ENDED said is a duplicate of it.
   */
  static String dedupeKey(CallEvent event) {
    return event.phase().isFinal() ? "final:" + DuplicateMemory.contentHash(event)
        : event.phase().name();
  }

  /** The phone keys used for ordering: normalized digits, or {@code call:<callId>}. */
  static String unparseablePhoneKey(String callId) {
    return "call:" + callId;
  }
}
