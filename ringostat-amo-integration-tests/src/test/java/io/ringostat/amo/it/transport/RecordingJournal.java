package io.ringostat.amo.it.transport;

import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.routing.LastTalk;
import io.ringostat.amo.engine.journal.Appended;
import io.ringostat.amo.engine.journal.EntryState;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.engine.journal.Journal;
import io.ringostat.amo.engine.journal.JournalCounts;
import io.ringostat.amo.engine.journal.JournalEntry;
import io.ringostat.amo.engine.journal.KnownEntity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An {@link InMemoryJournal} that tells {@code history} of every {@code markSending} ("sending
 * [keys]") and {@code markDone} ("done key") — the engine's promise to journal before each request
 * and after each effect — and can fail {@code markDone} as a full disk or a crash would.
 */
final class RecordingJournal implements Journal {
  private final InMemoryJournal delegate = new InMemoryJournal();
  private final Consumer<String> history;
  /** Thrown by {@code markDone} before anything is recorded, while set. */
  private volatile RuntimeException failDone;
  private volatile int failDoneTimes;

  RecordingJournal(Consumer<String> history) {
    this.history = history;
  }

  /** The next {@code times} {@code markDone} calls throw {@code error} and record nothing. */
  void failDone(RuntimeException error, int times) {
    this.failDone = error;
    this.failDoneTimes = times;
  }

  @Override
  public Appended append(CallEvent event, String phoneKey, Instant receivedAt) {
    return delegate.append(event, phoneKey, receivedAt);
  }

  @Override
  public JournalEntry appendRejected(String raw, String reason, Instant receivedAt) {
    return delegate.appendRejected(raw, reason, receivedAt);
  }

  @Override
  public List<JournalEntry> pending(long afterSeq, int limit) {
    return delegate.pending(afterSeq, limit);
  }

  @Override
  public Optional<JournalEntry> entry(long seq) {
    return delegate.entry(seq);
  }

  @Override
  public List<JournalEntry> entries(EntryState state, int limit) {
    return delegate.entries(state, limit);
  }

  @Override
  public java.util.List<io.ringostat.amo.engine.journal.JournalEntry> callEntries(String callId) {
    return delegate.callEntries(callId);
  }

  @Override
  public void rememberRecord(long seq, EffectKey key,
      io.ringostat.amo.core.plan.WrittenRecord record) {
    delegate.rememberRecord(seq, key, record);
  }

  @Override
  public java.util.List<io.ringostat.amo.engine.journal.KeptRecord> records(String callId) {
    return delegate.records(callId);
  }

  @Override
  public CallProgress progress(String callId) {
    return delegate.progress(callId);
  }

  @Override
  public Set<EffectKey> uncertain(String callId) {
    return delegate.uncertain(callId);
  }

  @Override
  public void markSending(long seq, List<EffectKey> keys) {
    history.accept("sending " + keys);
    delegate.markSending(seq, keys);
  }

  @Override
  public void markDone(long seq, EffectKey key, Map<EntityType, Long> created) {
    synchronized (this) {
      if (failDone != null && failDoneTimes > 0) {
        failDoneTimes--;
        throw failDone;
      }
    }
    history.accept("done " + key);
    delegate.markDone(seq, key, created);
  }

  @Override
  public void recordAttempt(long seq, String error) {
    delegate.recordAttempt(seq, error);
  }

  @Override
  public void finish(long seq, EntryState state, String note, Instant at) {
    delegate.finish(seq, state, note, at);
  }

  @Override
  public void rememberEntity(String phone, KnownEntity entity) {
    delegate.rememberEntity(phone, entity);
  }

  @Override
  public List<KnownEntity> knownEntities(String phone, Instant since) {
    return delegate.knownEntities(phone, since);
  }

  @Override
  public void rememberTask(String phone, io.ringostat.amo.engine.journal.RememberedTask task) {
    delegate.rememberTask(phone, task);
  }

  @Override
  public List<io.ringostat.amo.engine.journal.RememberedTask> openTasks(String phone) {
    return delegate.openTasks(phone);
  }

  @Override
  public void closeTask(long taskId, Instant at) {
    delegate.closeTask(taskId, at);
  }

  @Override
  public void rememberTalk(String phone, long amoUserId, Instant at) {
    delegate.rememberTalk(phone, amoUserId, at);
  }

  @Override
  public Optional<LastTalk> lastTalk(String phone) {
    return delegate.lastTalk(phone);
  }

  @Override
  public int prune(Instant before) {
    return delegate.prune(before);
  }

  @Override
  public JournalCounts counts() {
    return delegate.counts();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
