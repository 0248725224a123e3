package io.ringostat.amo.journal.sqlite;

import io.ringostat.amo.engine.journal.Appended;
import io.ringostat.amo.engine.journal.DuplicateMemory;
import io.ringostat.amo.engine.journal.EntryState;
import io.ringostat.amo.engine.journal.Journal;
import io.ringostat.amo.engine.journal.JournalCounts;
import io.ringostat.amo.engine.journal.JournalEntry;
import io.ringostat.amo.engine.journal.KeptRecord;
import io.ringostat.amo.engine.journal.KnownEntity;
import io.ringostat.amo.engine.journal.RememberedTask;
import io.ringostat.amo.core.routing.LastTalk;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.WrittenRecord;
import io.ringostat.amo.json.CallEventJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The durable embedded {@link Journal}: one SQLite database, {@code journal.db}, in a directory
 * of its own (R-KEEP, R-ONCE).
 *
 * <h2>Durability</h2>
 *
 * The database runs in WAL mode with {@code synchronous=FULL}. Every method is one SQLite
 * transaction: when a writing method returns, its transaction is committed and the WAL fsynced, so
 * it survives a crash of the process or of the machine; when it throws, or the process dies
 * inside it, none of it is in the journal. {@link #append} in particular is durable when it
 * returns, and its dedupe (same call id and phase) is checked and written in the same {@code
 * BEGIN IMMEDIATE} transaction, so two racing appends of one event store it once.
 *
 * <p><b>Group commit.</b> Appends that arrive while an append transaction commits join the next
 * one (up to 256 per transaction), so concurrent callers share one fsync; each still returns only
 * when its own event is committed. The dedupe holds within a group too (a later duplicate finds
 * the earlier one's row). When a group's transaction fails, each of its callers — and only they —
 * gets a {@link SqliteJournalException} saying how many appends failed with it; none of the group
 * is in the journal.
 *
 * <h2>Lifecycle</h2>
 *
 * {@link #open(Path)} creates the directory and the database if needed, migrates an older schema,
 * and locks the directory. The directory is created {@code 0700} and its files {@code 0600} (owner
 * only: they hold clients' phone numbers) where the file system has POSIX permissions; the files
 * of an existing journal are tightened on open. A second journal on the same directory, in this
 * process or another, fails with {@link JournalLockedException} until the first is closed (or
 * its process dies). Open one per engine at start-up, share it, and {@link #close()} it at
 * shutdown. The directory holds {@code journal.db}, its {@code -wal} and {@code -shm} files, and {@code journal.lock}; back them
 * up together, or not at all while the journal is open.
 *
 * <h2>Thread-safety</h2>
 *
 * Safe for concurrent use. One connection serves all threads, one transaction at a time; SQLite
 * admits one writer at a time anyway, so this costs no write throughput. Reads wait for a write in
 * progress.
 *
 * <h2>Stored values</h2>
 *
 * <ul>
 *   <li>Events are stored as JSON ({@link CallEventJson}). An event whose JSON can no longer be
 *       read does not make {@link #pending} throw: its entry comes back with an empty {@code
 *       event}, the JSON (truncated to {@link Journal#MAX_RAW}) in {@code raw}, and a note saying why;
 *       the engine then finishes it as failed.
 *   <li>Instants ({@code receivedAt}, {@code finishedAt}, the phone memories) are stored as epoch
 *       milliseconds; finer digits are dropped.
 *   <li>Rejected inputs keep at most {@link Journal#MAX_RAW} characters of the raw text, and of
 *       the reason.
 * </ul>
 *
 * <h2>Retention</h2>
 *
 * {@link #prune} deletes entries finished before the given instant, the effects of calls left
 * without entries, and phone memories older than it, then returns the freed pages to the file
 * system ({@code auto_vacuum=INCREMENTAL} + {@code PRAGMA incremental_vacuum}), so the file stays
 * bounded by what is kept. The journal never prunes by itself: the host or engine calls it, e.g.
 * daily with {@code now - retention}. Pending entries are never pruned. Pruned events are
 * remembered by fingerprint as {@link Options#duplicateMemory()} says (by default 30 days after
 * they finished, at most a million), so a host resending an old event still gets a duplicate.
 * The tasks the SDK created stay while open (R-LIFE); closed ones go with the first prune after
 * they closed.
 */
public final class SqliteJournal implements Journal {
  /** The database file's name inside the journal directory. */
  public static final String FILE_NAME = "journal.db";

  private final DirectoryLock directoryLock;
  private final Database db;
  private final Clock clock;
  private final EntryStore entries;
  private final EffectStore effects;
  private final RecordStore records;
  private final PhoneStore phones;
  private final GroupCommit<PendingAppend, Appended> appends =
      new GroupCommit<>("append", this::appendGroup);
  private final MemoryStore memory;

  private SqliteJournal(DirectoryLock directoryLock, Database db, Clock clock,
      DuplicateMemory duplicateMemory) {
    this.directoryLock = directoryLock;
    this.db = db;
    this.clock = clock;
    this.entries = new EntryStore(db, MAX_RAW);
    this.effects = new EffectStore(db);
    this.records = new RecordStore(db);
    this.phones = new PhoneStore(db);
    this.memory = new MemoryStore(db, duplicateMemory);
  }

  /**
   * Opens the journal in {@code dir} with {@link Options#defaults()}.
   *
   * @param dir the journal's own directory; created when missing
   * @return the open journal; close it (or the engine that owns it) at shutdown
   * @throws JournalLockedException if another journal, in this process or another, has the
   *     directory open
   * @throws SqliteJournalException if the directory cannot be created, the database cannot be
   *     opened, or it was written by a newer version of this library
   */
  public static SqliteJournal open(Path dir) {
    return open(dir, Options.defaults());
  }

  /**
   * Opens the journal in {@code dir}, creating the directory and {@value #FILE_NAME} when missing.
   *
   * @param dir the journal's own directory; created when missing
   * @param options busy timeout and clock
   * @return the open journal; close it (or the engine that owns it) at shutdown
   * @throws JournalLockedException if another journal, in this process or another, has the
   *     directory open
   * @throws SqliteJournalException if the directory cannot be created, the database cannot be
   *     opened, or it was written by a newer version of this library
   */
  public static SqliteJournal open(Path dir, Options options) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(options, "options");
    try {
      OwnerOnly.directory(dir);
    } catch (IOException e) {
      throw new SqliteJournalException("journal: cannot create directory " + dir
          + " or restrict it to its owner", e);
    }
    DirectoryLock lock = DirectoryLock.acquire(dir);
    try {
      Path file = dir.resolve(FILE_NAME);
      ownerOnlyFiles(file);
      Database db = Database.open(file, options.busyTimeout());
      return new SqliteJournal(lock, db, options.clock(), options.duplicateMemory());
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * Creates the database file owner-only before SQLite does (SQLite then gives its {@code -wal}
   * and {@code -shm} files the same permissions), or tightens the files of an older journal.
   */
  private static void ownerOnlyFiles(Path file) {
    try {
      OwnerOnly.file(file);
      OwnerOnly.fileIfExists(file.resolveSibling(FILE_NAME + "-wal"));
      OwnerOnly.fileIfExists(file.resolveSibling(FILE_NAME + "-shm"));
    } catch (IOException e) {
      throw new SqliteJournalException("journal: cannot restrict " + file
          + " and its -wal/-shm files to their owner", e);
    }
  }

  @Override
  public Appended append(CallEvent event, String phoneKey, Instant receivedAt) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(phoneKey, "phoneKey");
    Objects.requireNonNull(receivedAt, "receivedAt");
    String json = CallEventJson.write(event);
    return appends.submit(new PendingAppend(event, phoneKey, receivedAt, json));
  }

  /** One {@link #append} waiting for its group's transaction. */
  private record PendingAppend(CallEvent event, String phoneKey, Instant receivedAt,
      String json) {}

  /**
   * One transaction for a group of appends, in arrival order. The dedupe reads inside the same
   * transaction, so a duplicate later in the group finds the row an earlier one inserted.
   */
  private List<Appended> appendGroup(List<PendingAppend> group) {
    return db.write(group.size() == 1 ? "append" : "append of " + group.size(), c -> {
      List<Appended> results = new ArrayList<>(group.size());
      for (PendingAppend a : group) {
        CallEvent event = a.event();
        String dedupe = Journal.dedupeKey(event);
        Optional<JournalEntry> earlier = entries.findByDedupe(event.callId(), dedupe);
        if (earlier.isPresent()) {
          results.add(new Appended(earlier.get(), true));
          continue;
        }
        Optional<JournalEntry> pruned = memory.find(event, a.phoneKey());
        if (pruned.isPresent()) {
          results.add(new Appended(pruned.get(), true));
          continue;
        }
        long seq = entries.insert(event.callId(), event.phase(), dedupe, a.phoneKey(),
            a.receivedAt(), a.json());
        results.add(new Appended(new JournalEntry(seq, event.callId(),
            Optional.of(event.phase()), a.phoneKey(), Millis.stored(a.receivedAt()),
            EntryState.PENDING, Optional.of(event), Optional.empty(), 0, Optional.empty(),
            Optional.empty()), false));
      }
      return results;
    });
  }

  @Override
  public JournalEntry appendRejected(String raw, String reason, Instant receivedAt) {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(receivedAt, "receivedAt");
    String kept = EntryStore.truncate(raw, MAX_RAW);
    String why = EntryStore.truncate(reason, MAX_RAW);
    long seq = db.write("appendRejected", c -> entries.insertRejected(kept, why, receivedAt));
    String callId = EntryStore.rejectedCallId(seq);
    Instant at = Millis.stored(receivedAt);
    return new JournalEntry(seq, callId, Optional.empty(), Journal.unparseablePhoneKey(callId), at,
        EntryState.REJECTED, Optional.empty(), Optional.of(kept), 0, Optional.of(why),
        Optional.of(at));
  }

  /**
   * {@inheritDoc}
   *
   * <p>An entry whose stored event cannot be read is returned without an event; see the class
   * documentation.
   *
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  @Override
  public List<JournalEntry> pending(long afterSeq, int limit) {
    requireLimit(limit);
    return db.read("pending", c -> entries.pending(afterSeq, limit));
  }

  @Override
  public Optional<JournalEntry> entry(long seq) {
    return db.read("entry", c -> entries.find(seq));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  @Override
  public List<JournalEntry> entries(EntryState state, int limit) {
    Objects.requireNonNull(state, "state");
    requireLimit(limit);
    return db.read("entries", c -> entries.last(state, limit));
  }

  @Override
  public List<JournalEntry> callEntries(String callId) {
    Objects.requireNonNull(callId, "callId");
    return db.read("callEntries", c -> entries.ofCall(callId));
  }

  @Override
  public void rememberRecord(long seq, EffectKey key, WrittenRecord record) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(record, "record");
    db.write("rememberRecord", c -> {
      records.remember(seq, key, record);
      return null;
    });
  }

  @Override
  public List<KeptRecord> records(String callId) {
    Objects.requireNonNull(callId, "callId");
    return db.read("records", c -> records.of(callId));
  }

  @Override
  public CallProgress progress(String callId) {
    Objects.requireNonNull(callId, "callId");
    return CallProgress.of(db.read("progress", c -> effects.done(callId)));
  }

  @Override
  public Set<EffectKey> uncertain(String callId) {
    Objects.requireNonNull(callId, "callId");
    return Set.copyOf(db.read("uncertain", c -> effects.sending(callId)));
  }

  @Override
  public void markSending(long seq, List<EffectKey> keys) {
    List<EffectKey> copy = List.copyOf(keys);
    if (copy.isEmpty()) {
      return;
    }
    db.write("markSending", c -> {
      effects.markSending(seq, copy, clock.instant());
      return null;
    });
  }

  @Override
  public void markDone(long seq, EffectKey key, Map<EntityType, Long> created) {
    Objects.requireNonNull(key, "key");
    Map<EntityType, Long> copy = Map.copyOf(created);
    db.write("markDone", c -> {
      effects.markDone(seq, key, copy, clock.instant());
      return null;
    });
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if there is no entry {@code seq}
   */
  @Override
  public void recordAttempt(long seq, String error) {
    Objects.requireNonNull(error, "error");
    db.write("recordAttempt", c -> {
      if (!entries.recordAttempt(seq, error)) {
        throw new IllegalArgumentException("no journal entry " + seq);
      }
      return null;
    });
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code state} is {@code PENDING} or there is no entry
   *     {@code seq}
   */
  @Override
  public void finish(long seq, EntryState state, String note, Instant at) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(at, "at");
    if (state == EntryState.PENDING) {
      throw new IllegalArgumentException("finish: PENDING is not a final state");
    }
    db.write("finish", c -> {
      if (!entries.finish(seq, state, note, at)) {
        throw new IllegalArgumentException("no journal entry " + seq);
      }
      return null;
    });
  }

  @Override
  public void rememberEntity(String phone, KnownEntity entity) {
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(entity, "entity");
    db.write("rememberEntity", c -> {
      phones.remember(phone, entity);
      return null;
    });
  }

  @Override
  public List<KnownEntity> knownEntities(String phone, Instant since) {
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(since, "since");
    return db.read("knownEntities", c -> phones.known(phone, since));
  }

  @Override
  public void rememberTask(String phone, RememberedTask task) {
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(task, "task");
    db.write("rememberTask", c -> {
      phones.rememberTask(phone, task);
      return null;
    });
  }

  @Override
  public List<RememberedTask> openTasks(String phone) {
    Objects.requireNonNull(phone, "phone");
    return db.read("openTasks", c -> phones.openTasks(phone));
  }

  @Override
  public void closeTask(long taskId, Instant at) {
    Objects.requireNonNull(at, "at");
    db.write("closeTask", c -> {
      phones.closeTask(taskId, at);
      return null;
    });
  }

  @Override
  public void rememberTalk(String phone, long amoUserId, Instant at) {
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(at, "at");
    db.write("rememberTalk", c -> {
      phones.rememberTalk(phone, amoUserId, at);
      return null;
    });
  }

  @Override
  public Optional<LastTalk> lastTalk(String phone) {
    Objects.requireNonNull(phone, "phone");
    return db.read("lastTalk", c -> phones.lastTalk(phone));
  }

  /**
   * {@inheritDoc}
   *
   * <p>A call's effects are deleted only when none of its entries is left (finished ones kept
   * because they finished later included), so a late duplicate of any kept phase still sees what
   * the call did. Freed pages go back to the file system in the same transaction.
   */
  @Override
  public int prune(Instant before) {
    Objects.requireNonNull(before, "before");
    return db.write("prune", c -> {
      memory.rememberPruned(before);
      int deleted = entries.deleteFinishedBefore(before);
      memory.forget(before);
      effects.deleteCallsWithoutEntries();
      records.deleteCallsWithoutEntries();
      phones.deleteBefore(before);
      db.incrementalVacuum();
      return deleted;
    });
  }

  @Override
  public JournalCounts counts() {
    return db.read("counts", c -> entries.counts());
  }

  /**
   * Closes the database and releases the directory. Idempotent; other methods throw {@link
   * IllegalStateException} afterwards. Waits for a transaction in progress on another thread.
   */
  @Override
  public void close() {
    try {
      db.close();
    } finally {
      directoryLock.close();
    }
  }

  /** The value of {@code PRAGMA name} on the journal's connection; for diagnostics and tests. */
  String pragma(String name) {
    return db.pragma(name);
  }

  /** The database, for tests in this package that need to write rows in bulk. */
  Database database() {
    return db;
  }

  EntryStore entryStore() {
    return entries;
  }

  private static void requireLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit: must not be negative (" + limit + ")");
    }
  }

  /**
   * How to open a {@link SqliteJournal}. Immutable; build with {@link #builder()} or take {@link
   * #defaults()}.
   */
  public static final class Options {
    /** How long a statement waits for a lock held by another connection: 5 seconds. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);

    private static final Options DEFAULTS = builder().build();

    private final Duration busyTimeout;
    private final Clock clock;
    private final DuplicateMemory duplicateMemory;

    private Options(Builder b) {
      this.busyTimeout = b.busyTimeout;
      this.clock = b.clock;
      this.duplicateMemory = b.duplicateMemory;
    }

    /**
     * How long and for how many events pruned events are remembered as duplicates.
     *
     * @return the memory; {@link DuplicateMemory#DEFAULT} unless set
     */
    public DuplicateMemory duplicateMemory() {
      return duplicateMemory;
    }

    /**
     * The defaults.
     *
     * @return busy timeout {@link #DEFAULT_BUSY_TIMEOUT}, the system UTC clock
     */
    public static Options defaults() {
      return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
      return new Builder();
    }

    /**
     * How long SQLite waits for a lock held by another connection (e.g. a backup tool reading the
     * file) before a method fails with {@link SqliteJournalException}.
     *
     * @return the busy timeout
     */
    public Duration busyTimeout() {
      return busyTimeout;
    }

    /**
     * The clock for the {@code updated_at} column of effects, which the port gives no time for.
     * Diagnostic only: no decision reads it.
     *
     * @return the clock
     */
    public Clock clock() {
      return clock;
    }

    /** Builds {@link Options}; {@link #build()} checks the values. */
    public static final class Builder {
      private Duration busyTimeout = DEFAULT_BUSY_TIMEOUT;
      private Clock clock = Clock.systemUTC();
      private DuplicateMemory duplicateMemory = DuplicateMemory.DEFAULT;

      private Builder() {}

      /**
       * Sets how long and for how many events pruned events are remembered as duplicates.
       *
       * @param duplicateMemory the memory; {@link DuplicateMemory#NONE} remembers nothing
       * @return this builder
       */
      public Builder duplicateMemory(DuplicateMemory duplicateMemory) {
        this.duplicateMemory = Objects.requireNonNull(duplicateMemory, "duplicateMemory");
        return this;
      }

      /**
       * Sets how long SQLite waits for a lock held by another connection.
       *
       * @param busyTimeout between zero and {@code Integer.MAX_VALUE} milliseconds
       * @return this builder
       */
      public Builder busyTimeout(Duration busyTimeout) {
        this.busyTimeout = Objects.requireNonNull(busyTimeout, "busyTimeout");
        return this;
      }

      /**
       * Sets the clock for the diagnostic {@code updated_at} column of effects.
       *
       * @param clock the clock
       * @return this builder
       */
      public Builder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
      }

      /**
       * Checks the values and builds the options.
       *
       * @return the options
       * @throws IllegalArgumentException if the busy timeout is negative or longer than {@code
       *     Integer.MAX_VALUE} milliseconds
       */
      public Options build() {
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
          throw new IllegalArgumentException(
              "busyTimeout: must be between 0 and " + Integer.MAX_VALUE + " ms (" + busyTimeout
                  + ")");
        }
        return new Options(this);
      }
    }
  }
}
