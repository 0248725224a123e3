package io.ringostat.amo.engine.journal;

import io.ringostat.amo.core.routing.LastTalk;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.WrittenRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A journal in memory: for tests and for hosts that accept losing pending events on a restart.
 * Thread-safe (every method is synchronized). Not durable: use {@code SqliteJournal} from {@code
 * ringostat-amo-journal-sqlite} in production.
 *
 * <p>Pruned events are remembered as {@link DuplicateMemory} says ({@link DuplicateMemory#DEFAULT}
 * unless given), so a late resend is still a duplicate.
 */
public final class InMemoryJournal implements Journal {
  /** A pruned event, remembered by fingerprint (insertion order: the order it was pruned in). */
  private record Remembered(long seq, EntryState state, Instant receivedAt, Instant finishedAt) {}

  private final DuplicateMemory memory;
  private final LinkedHashMap<String, Remembered> remembered = new LinkedHashMap<>();
  private final TreeMap<Long, JournalEntry> entries = new TreeMap<>();
  private final Map<String, Long> byCallPhase = new HashMap<>();
  private final Map<String, Map<EffectKey, Map<EntityType, Long>>> done = new HashMap<>();
  private final Map<String, Set<EffectKey>> sending = new HashMap<>();
  private final Map<String, LinkedHashMap<EffectKey, KeptRecord>> records = new HashMap<>();
  private final Map<String, List<KnownEntity>> known = new HashMap<>();
  private final Map<String, LastTalk> talks = new HashMap<>();
  /** Tasks by id, in the order remembered; {@code closed} holds the closed ones' instants. */
  private final LinkedHashMap<Long, String> taskPhones = new LinkedHashMap<>();
  private final Map<Long, RememberedTask> tasks = new HashMap<>();
  private final Map<Long, Instant> closed = new HashMap<>();
  private long nextSeq = 1;

  /** A journal that remembers pruned events as {@link DuplicateMemory#DEFAULT} says. */
  public InMemoryJournal() {
    this(DuplicateMemory.DEFAULT);
  }

  /** A journal that remembers pruned events as {@code memory} says. */
  public InMemoryJournal(DuplicateMemory memory) {
    this.memory = java.util.Objects.requireNonNull(memory, "memory");
  }

  @Override
  public synchronized Appended append(CallEvent event, String phoneKey, Instant receivedAt) {
    String dedupe = event.callId() + "\u0000" + Journal.dedupeKey(event);
    Long existing = byCallPhase.get(dedupe);
    if (existing != null) {
      return new Appended(entries.get(existing), true);
    }
    Remembered r = remembered.get(DuplicateMemory.fingerprint(event));
    if (r != null) {
      return new Appended(new JournalEntry(r.seq(), event.callId(), Optional.of(event.phase()),
          phoneKey, r.receivedAt(), r.state(), Optional.of(event), Optional.empty(), 0,
          Optional.of(Journal.PRUNED_NOTE), Optional.of(r.finishedAt())), true);
    }
    JournalEntry e = new JournalEntry(nextSeq++, event.callId(), Optional.of(event.phase()),
        phoneKey, receivedAt, EntryState.PENDING, Optional.of(event), Optional.empty(), 0,
        Optional.empty(), Optional.empty());
    entries.put(e.seq(), e);
    byCallPhase.put(dedupe, e.seq());
    return new Appended(e, false);
  }

  @Override
  public synchronized JournalEntry appendRejected(String raw, String reason, Instant receivedAt) {
    String kept = raw.length() > MAX_RAW ? raw.substring(0, MAX_RAW) : raw;
    String why = reason.length() > MAX_RAW ? reason.substring(0, MAX_RAW) : reason;
    long seq = nextSeq++;
    JournalEntry e = new JournalEntry(seq, "rejected-" + seq, Optional.empty(),
        Journal.unparseablePhoneKey("rejected-" + seq), receivedAt, EntryState.REJECTED,
        Optional.empty(), Optional.of(kept), 0, Optional.of(why), Optional.of(receivedAt));
    entries.put(seq, e);
    return e;
  }

  @Override
  public synchronized List<JournalEntry> pending(long afterSeq, int limit) {
    requireLimit(limit);
    List<JournalEntry> out = new ArrayList<>();
    if (limit == 0) {
      return out;
    }
    for (JournalEntry e : entries.tailMap(afterSeq, false).values()) {
      if (e.state() == EntryState.PENDING) {
        out.add(e);
        if (out.size() >= limit) {
          break;
        }
      }
    }
    return out;
  }

  @Override
  public synchronized Optional<JournalEntry> entry(long seq) {
    return Optional.ofNullable(entries.get(seq));
  }

  @Override
  public synchronized List<JournalEntry> entries(EntryState state, int limit) {
    requireLimit(limit);
    List<JournalEntry> matching =
        entries.values().stream().filter(e -> e.state() == state).toList();
    return List.copyOf(matching.subList(Math.max(0, matching.size() - limit), matching.size()));
  }

  @Override
  public synchronized List<JournalEntry> callEntries(String callId) {
    return entries.values().stream()
        .filter(e -> e.callId().equals(callId) && e.event().isPresent()).toList();
  }

  @Override
  public synchronized void rememberRecord(long seq, EffectKey key, WrittenRecord record) {
    records.computeIfAbsent(key.callId(), c -> new LinkedHashMap<>())
        .put(key, new KeptRecord(seq, key, record));
  }

  @Override
  public synchronized List<KeptRecord> records(String callId) {
    return List.copyOf(records.getOrDefault(callId, new LinkedHashMap<>()).values());
  }

  @Override
  public synchronized CallProgress progress(String callId) {
    return CallProgress.of(done.getOrDefault(callId, Map.of()));
  }

  @Override
  public synchronized Set<EffectKey> uncertain(String callId) {
    Set<EffectKey> out = new LinkedHashSet<>(sending.getOrDefault(callId, Set.of()));
    out.removeAll(done.getOrDefault(callId, Map.of()).keySet());
    return Set.copyOf(out);
  }

  @Override
  public synchronized void markSending(long seq, List<EffectKey> keys) {
    for (EffectKey k : keys) {
      sending.computeIfAbsent(k.callId(), c -> new LinkedHashSet<>()).add(k);
    }
  }

  @Override
  public synchronized void markDone(long seq, EffectKey key, Map<EntityType, Long> created) {
    done.computeIfAbsent(key.callId(), c -> new LinkedHashMap<>()).put(key, Map.copyOf(created));
  }

  @Override
  public synchronized void recordAttempt(long seq, String error) {
    JournalEntry e = require(seq);
    entries.put(seq, e.withAttempt(error));
  }

  @Override
  public synchronized void finish(long seq, EntryState state, String note, Instant at) {
    if (state == EntryState.PENDING) {
      throw new IllegalArgumentException("finish: PENDING is not a final state");
    }
    entries.put(seq, require(seq).finish(state, note, at));
  }

  @Override
  public synchronized void rememberEntity(String phone, KnownEntity entity) {
    List<KnownEntity> list = known.computeIfAbsent(phone, p -> new ArrayList<>());
    list.removeIf(k -> k.type() == entity.type() && k.id() == entity.id());
    list.add(entity);
  }

  @Override
  public synchronized List<KnownEntity> knownEntities(String phone, Instant since) {
    return known.getOrDefault(phone, List.of()).stream()
        .filter(k -> !k.at().isBefore(since))
        .sorted(Comparator.comparing(KnownEntity::at).reversed())
        .toList();
  }

  @Override
  public synchronized void rememberTask(String phone, RememberedTask task) {
    java.util.Objects.requireNonNull(phone, "phone");
    taskPhones.remove(task.id());
    taskPhones.put(task.id(), phone);
    tasks.put(task.id(), task);
    closed.remove(task.id());
  }

  @Override
  public synchronized List<RememberedTask> openTasks(String phone) {
    List<RememberedTask> out = new ArrayList<>();
    taskPhones.forEach((id, p) -> {
      if (p.equals(phone) && !closed.containsKey(id)) {
        out.add(tasks.get(id));
      }
    });
    out.sort(Comparator.comparing(RememberedTask::createdAt)); // stable: remembered order
    return out;
  }

  @Override
  public synchronized void closeTask(long taskId, Instant at) {
    if (tasks.containsKey(taskId)) {
      closed.putIfAbsent(taskId, at);
    }
  }

  @Override
  public synchronized void rememberTalk(String phone, long amoUserId, Instant at) {
    LastTalk previous = talks.get(phone);
    if (previous == null || !at.isBefore(previous.at())) {
      talks.put(phone, new LastTalk(amoUserId, at));
    }
  }

  @Override
  public synchronized Optional<LastTalk> lastTalk(String phone) {
    return Optional.ofNullable(talks.get(phone));
  }

  @Override
  public synchronized int prune(Instant before) {
    List<Long> gone = new ArrayList<>();
    for (JournalEntry e : entries.values()) {
      if (e.state().isFinal() && e.finishedAt().map(t -> t.isBefore(before)).orElse(false)) {
        gone.add(e.seq());
      }
    }
    for (Long seq : gone) {
      JournalEntry e = entries.remove(seq);
      e.event().ifPresent(ev -> byCallPhase.remove(e.callId() + "\u0000" + Journal.dedupeKey(ev)));
      if (!memory.isNone() && e.event().isPresent()) {
        remembered.put(DuplicateMemory.fingerprint(e.event().get()),
            new Remembered(e.seq(), e.state(), e.receivedAt(), e.finishedAt().orElseThrow()));
      }
    }
    Instant forget = before.minus(memory.lasts());
    remembered.values().removeIf(r -> r.finishedAt().isBefore(forget));
    java.util.Iterator<String> eldest = remembered.keySet().iterator();
    while (remembered.size() > memory.maxEvents()) {
      eldest.next(); // insertion order: the earliest pruned go first
      eldest.remove();
    }
    Set<String> remainingCalls = new java.util.HashSet<>();
    entries.values().forEach(e -> remainingCalls.add(e.callId()));
    done.keySet().removeIf(call -> !remainingCalls.contains(call));
    sending.keySet().removeIf(call -> !remainingCalls.contains(call));
    records.keySet().removeIf(call -> !remainingCalls.contains(call));
    known.values().forEach(l -> l.removeIf(k -> k.at().isBefore(before)));
    known.values().removeIf(List::isEmpty);
    talks.values().removeIf(t -> t.at().isBefore(before));
    closed.entrySet().removeIf(c -> {
      if (!c.getValue().isBefore(before)) {
        return false;
      }
      tasks.remove(c.getKey());
      taskPhones.remove(c.getKey());
      return true;
    });
    return gone.size();
  }

  @Override
  public synchronized JournalCounts counts() {
    long[] n = new long[EntryState.values().length];
    entries.values().forEach(e -> n[e.state().ordinal()]++);
    return new JournalCounts(n[0], n[1], n[2], n[3], n[4], n[5]);
  }

  @Override
  public void close() {}

  private static void requireLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit: must not be negative");
    }
  }

  private JournalEntry require(long seq) {
    JournalEntry e = entries.get(seq);
    if (e == null) {
      throw new IllegalArgumentException("no journal entry " + seq);
    }
    return e;
  }
}
