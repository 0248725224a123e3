package io.ringostat.amo.journal.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.WrittenRecord;
import io.ringostat.amo.core.routing.LastTalk;
import io.ringostat.amo.engine.journal.Appended;
import io.ringostat.amo.engine.journal.DuplicateMemory;
import io.ringostat.amo.engine.journal.EntryState;
import io.ringostat.amo.engine.journal.Journal;
import io.ringostat.amo.engine.journal.JournalCounts;
import io.ringostat.amo.engine.journal.JournalEntry;
import io.ringostat.amo.engine.journal.KeptRecord;
import io.ringostat.amo.engine.journal.KnownEntity;
import io.ringostat.amo.engine.journal.RememberedTask;
import io.ringostat.amo.json.CallEventJson;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The {@link Journal} of one account on PostgreSQL (R-KEEP, R-ONCE, R-FLEET): many accounts, and
 * many processes, share one schema; every row is keyed by its account.
 *
 * <h2>Durability</h2>
 *
 * Every method is one transaction. A writing method returns only after its COMMIT returned with
 * {@code synchronous_commit = on} (set for each transaction, whatever the server's default): the
 * WAL is flushed on the server, so the write survives a crash of this process, of the database
 * server, or of its machine (given {@code fsync = on} there, the default). When a method throws,
 * its transaction was rolled back. {@link #append} is durable when it returns, and its dedupe
 * (same account, call id and phase) holds across processes: the unique constraint {@code
 * (account, call_id, phase)} and {@code INSERT .. ON CONFLICT DO NOTHING}, read back on conflict,
 * store one entry however many processes append it at once.
 *
 * <h2>Lifecycle</h2>
 *
 * {@link #open(DataSource, String)} migrates the schema with Flyway (creating it on an empty
 * database; idempotent, and safe when several processes start at once) and registers the account.
 * The {@link DataSource} belongs to the caller: share one pool among the journals of all accounts
 * of a process (e.g. {@link #pool}), close the journals, then the pool. A journal is cheap: it
 * holds no connection between calls. {@link #close()} only makes this instance unusable.
 *
 * <p>Serving an account from two processes at once is safe for the data (each write is atomic
 * and serialized per account) but does the work twice: both resume the same pending entries. In a
 * fleet, take a {@link Lease} on the account ({@link Leases}, kept alive by a {@link LeaseKeeper})
 * and open the journal with {@link #openFenced}: its every write checks, under the account's row
 * lock, that the lease is still held with the same fencing token and has not expired, and throws
 * {@link LeaseLostException}, writing nothing, once another process took over. Reads are not
 * fenced. A journal opened with {@link #open} is unfenced, for a single process; do not mix the
 * two on one account.
 *
 * <h2>Thread-safety</h2>
 *
 * Safe for concurrent use. Each call borrows a connection for its transaction. Every write of an
 * account first locks the account's row, so the account's writes run one at a time (across
 * processes too), which keeps seqs in commit order: {@link #pending} never later shows an entry
 * below a seq it has already returned. Reads take no lock. Different accounts never wait for each
 * other.
 *
 * <h2>Stored values</h2>
 *
 * <ul>
 *   <li>Events are stored as JSON text ({@link CallEventJson}); the event carries no credentials.
 *       An event whose JSON can no longer be read comes back from {@link #pending} without an
 *       {@code event}, with the JSON (truncated to {@link Journal#MAX_RAW}) in {@code raw} and a
 *       note saying why; the engine then finishes it as failed.
 *   <li>Instants are stored as epoch milliseconds ({@code bigint}); finer digits are dropped.
 *   <li>Rejected inputs keep at most {@link Journal#MAX_RAW} characters of the raw text and of
 *       the reason. NUL characters in free text (raw, reason, notes) become U+FFFD: PostgreSQL's
 *       {@code text} cannot hold them.
 * </ul>
 *
 * <h2>Retention</h2>
 *
 * {@link #prune} deletes the account's entries finished before the given instant, the effects of
 * its calls left without entries, and its phone memories older than it; the deleted events are
 * remembered by fingerprint as {@link Options#duplicateMemory()} says (table {@code remembered}),
 * so a late resend is still a duplicate. Deleted rows' space is
 * reused after autovacuum; the journal never prunes by itself: the host or engine calls it, e.g.
 * daily with {@code now - retention}. Pending entries are never pruned.
 */
public final class PostgresJournal implements Journal {
  private final Database db;
  private final Clock clock;
  private final EntryStore entries;
  private final EffectStore effects;
  private final RecordStore records;
  private final PhoneStore phones;
  private final MemoryStore memory;

  private PostgresJournal(Database db, Clock clock, DuplicateMemory duplicateMemory) {
    this.db = db;
    this.clock = clock;
    this.entries = new EntryStore(db.tables, db.account, MAX_RAW, db.fence);
    this.effects = new EffectStore(db.tables, db.account, db.fence);
    this.records = new RecordStore(db.tables, db.account, db.fence);
    this.phones = new PhoneStore(db.tables, db.account);
    this.memory = new MemoryStore(db.tables, db.account, duplicateMemory);
  }

  /**
   * Opens the journal of {@code accountId} with {@link Options#defaults()}.
   *
   * @param dataSource connections to the database; the caller keeps and closes it
   * @param accountId the account whose rows this journal reads and writes (e.g. the amoCRM
   *     account id or subdomain); 1 to 200 characters
   * @return the journal
   * @throws PostgresJournalException if the database cannot be reached, the schema cannot be
   *     migrated, or it was migrated by a newer version of this library
   */
  public static PostgresJournal open(DataSource dataSource, String accountId) {
    return open(dataSource, accountId, Options.defaults());
  }

  /**
   * Opens the journal of {@code accountId}: migrates the schema (unless {@link
   * Options#migrate()} is off) and registers the account.
   *
   * @param dataSource connections to the database, in READ COMMITTED (PostgreSQL's default), at
   *     least two at once while migrating; the caller keeps and closes it
   * @param accountId the account whose rows this journal reads and writes; 1 to 200 characters
   * @param options schema, migration and clock
   * @return the journal
   * @throws IllegalArgumentException if {@code accountId} is empty or longer than 200 characters
   * @throws PostgresJournalException if the database cannot be reached, its connections are not
   *     READ COMMITTED, the schema cannot be migrated, or it was migrated by a newer version of
   *     this library
   */
  public static PostgresJournal open(DataSource dataSource, String accountId, Options options) {
    Objects.requireNonNull(accountId, "accountId");
    return open(dataSource, accountId, OptionalLong.empty(), options);
  }

  /**
   * Opens the journal of {@code lease}'s account with {@link Options#defaults()}, fenced by the
   * lease; see {@link #openFenced(DataSource, Lease, Options)}.
   *
   * @param dataSource connections to the database; the caller keeps and closes it
   * @param lease this process's lease on the account, from {@link Leases} or {@link LeaseKeeper}
   * @return the fenced journal
   * @throws PostgresJournalException as {@link #open(DataSource, String, Options)}
   */
  public static PostgresJournal openFenced(DataSource dataSource, Lease lease) {
    return openFenced(dataSource, lease, Options.defaults());
  }

  /**
   * Opens the journal of {@code lease}'s account, fenced by the lease: every write (append, marks,
   * attempts, finish, phone memories, prune) first checks, in its own transaction and under the
   * account's row lock, that the account's fence is still {@code lease.fence()} and the lease has
   * not expired by the database's clock, and records the fence on the entry and effect rows it
   * writes. When the check fails the write throws {@link LeaseLostException} and writes nothing.
   * Renewing the lease (same fence) needs no new journal; a new lease (new fence) does. Reads are
   * not fenced. The lease is not checked when opening.
   *
   * @param dataSource connections to the database, in READ COMMITTED; the caller keeps and closes
   *     it
   * @param lease this process's lease on the account
   * @param options schema, migration and clock; the schema must be the one the lease was taken in
   * @return the fenced journal
   * @throws PostgresJournalException as {@link #open(DataSource, String, Options)}
   */
  public static PostgresJournal openFenced(DataSource dataSource, Lease lease, Options options) {
    Objects.requireNonNull(lease, "lease");
    return open(dataSource, lease.accountId(), OptionalLong.of(lease.fence()), options);
  }

  private static PostgresJournal open(
      DataSource dataSource, String accountId, OptionalLong fence, Options options) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(options, "options");
    requireAccountId(accountId);
    Database.requireReadCommitted(dataSource, accountId);
    if (options.migrate()) {
      Schema.migrate(dataSource, options.schema());
    }
    Database db = new Database(dataSource, new Tables(options.schema()), accountId, fence);
    db.ensureAccount(options.clock().instant());
    return new PostgresJournal(db, options.clock(), options.duplicateMemory());
  }

  static String requireAccountId(String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    if (accountId.isEmpty() || accountId.length() > 200 || accountId.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "accountId: must be 1 to 200 characters without NUL (length " + accountId.length() + ")");
    }
    return accountId;
  }

  /**
   * A HikariCP pool suited to the journal, to share among the journals of all accounts of a
   * process: auto-commit on, READ COMMITTED, server error details kept out of exception messages.
   * Close it after the journals.
   *
   * @param jdbcUrl e.g. {@code jdbc:postgresql://db.internal:5432/amo}
   * @param user the role; it needs {@code CREATE} on the database for the first migration
   * @param password the role's password, or {@code null} for password-less authentication
   * @param maximumPoolSize the most connections the pool opens, at least 2 (a journal call holds
   *     one for its transaction only; Flyway holds two while it migrates), e.g. 10
   * @return the pool
   * @throws IllegalArgumentException if {@code maximumPoolSize} is less than two
   * @throws PostgresJournalException if the pool cannot open its first connection
   */
  public static HikariDataSource pool(
      String jdbcUrl, String user, String password, int maximumPoolSize) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    if (maximumPoolSize < 2) {
      throw new IllegalArgumentException("maximumPoolSize: must be at least 2, as migrating the"
          + " schema holds two connections (" + maximumPoolSize + ")");
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("ringostat-amo-journal");
    config.setJdbcUrl(jdbcUrl);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(maximumPoolSize);
    config.setAutoCommit(true);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    config.addDataSourceProperty("ApplicationName", "ringostat-amo-journal");
    // The server's "Detail:" lines quote row values; keep them out of exception messages.
    config.addDataSourceProperty("logServerErrorDetail", "false");
    config.addDataSourceProperty("tcpKeepAlive", "true");
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new PostgresJournalException(
          "journal: cannot open a connection pool to the database: " + e.getMessage(), e);
    }
  }

  /** The account this journal reads and writes. */
  public String accountId() {
    return db.account;
  }

  /**
   * The fence every write is checked against.
   *
   * @return the lease's fence for a journal opened with {@link #openFenced}; empty otherwise
   */
  public OptionalLong fence() {
    return db.fence;
  }

  @Override
  public Appended append(CallEvent event, String phoneKey, Instant receivedAt) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(phoneKey, "phoneKey");
    Objects.requireNonNull(receivedAt, "receivedAt");
    String json = CallEventJson.write(event);
    return db.write("append", c -> {
      // Under the account lock a committed twin is visible here, so a duplicate costs no seq;
      // the ON CONFLICT of the insert is the backstop should a writer ever skip the lock.
      String dedupe = Journal.dedupeKey(event);
      Optional<JournalEntry> twin = entries.findByDedupe(c, event.callId(), dedupe);
      if (twin.isPresent()) {
        return new Appended(twin.get(), true);
      }
      Optional<JournalEntry> pruned = memory.find(c, event, phoneKey);
      if (pruned.isPresent()) {
        return new Appended(pruned.get(), true);
      }
      Optional<Long> seq =
          entries.insert(c, event.callId(), event.phase(), dedupe, phoneKey, receivedAt, json);
      if (seq.isEmpty()) {
        return new Appended(earlier(c, event), true);
      }
      return new Appended(new JournalEntry(seq.get(), event.callId(), Optional.of(event.phase()),
          phoneKey, Millis.stored(receivedAt), EntryState.PENDING, Optional.of(event),
          Optional.empty(), 0, Optional.empty(), Optional.empty()), false);
    });
  }

  private JournalEntry earlier(Connection c, CallEvent event) throws java.sql.SQLException {
    return entries.findByDedupe(c, event.callId(), Journal.dedupeKey(event)).orElseThrow(() ->
        new IllegalStateException("append: conflict on (call id, dedupe) but no entry found"));
  }

  /** {@inheritDoc} The reason is kept to {@link Journal#MAX_RAW} characters too. */
  @Override
  public JournalEntry appendRejected(String raw, String reason, Instant receivedAt) {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(receivedAt, "receivedAt");
    String kept = EntryStore.storable(EntryStore.truncate(raw, MAX_RAW));
    String why = EntryStore.storable(EntryStore.truncate(reason, MAX_RAW));
    long seq = db.write("appendRejected", c -> entries.insertRejected(c, kept, why, receivedAt));
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
    return db.read("pending", c -> entries.pending(c, afterSeq, limit));
  }

  @Override
  public Optional<JournalEntry> entry(long seq) {
    return db.read("entry", c -> entries.find(c, seq));
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
    return db.read("entries", c -> entries.last(c, state, limit));
  }

  @Override
  public List<JournalEntry> callEntries(String callId) {
    Objects.requireNonNull(callId, "callId");
    return db.read("callEntries", c -> entries.ofCall(c, callId));
  }

  @Override
  public void rememberRecord(long seq, EffectKey key, WrittenRecord record) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(record, "record");
    db.write("rememberRecord", c -> {
      records.remember(c, seq, key, record);
      return null;
    });
  }

  @Override
  public List<KeptRecord> records(String callId) {
    Objects.requireNonNull(callId, "callId");
    return db.read("records", c -> records.of(c, callId));
  }

  @Override
  public CallProgress progress(String callId) {
    Objects.requireNonNull(callId, "callId");
    return CallProgress.of(db.read("progress", c -> effects.done(c, callId)));
  }

  @Override
  public Set<EffectKey> uncertain(String callId) {
    Objects.requireNonNull(callId, "callId");
    return Set.copyOf(db.read("uncertain", c -> effects.sending(c, callId)));
  }

  @Override
  public void markSending(long seq, List<EffectKey> keys) {
    List<EffectKey> copy = List.copyOf(keys);
    if (copy.isEmpty()) {
      return;
    }
    db.write("markSending", c -> {
      effects.markSending(c, seq, copy, clock.instant());
      return null;
    });
  }

  @Override
  public void markDone(long seq, EffectKey key, Map<EntityType, Long> created) {
    Objects.requireNonNull(key, "key");
    Map<EntityType, Long> copy = Map.copyOf(created);
    db.write("markDone", c -> {
      effects.markDone(c, seq, key, copy, clock.instant());
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
    String note = EntryStore.storable(error);
    db.write("recordAttempt", c -> {
      if (!entries.recordAttempt(c, seq, note)) {
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
    String kept = EntryStore.storable(note);
    db.write("finish", c -> {
      if (!entries.finish(c, seq, state, kept, at)) {
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
      phones.remember(c, phone, entity);
      return null;
    });
  }

  @Override
  public List<KnownEntity> knownEntities(String phone, Instant since) {
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(since, "since");
    return db.read("knownEntities", c -> phones.known(c, phone, since));
  }

  @Override
  public void rememberTask(String phone, RememberedTask task) {
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(task, "task");
    db.write("rememberTask", c -> {
      phones.rememberTask(c, phone, task);
      return null;
    });
  }

  @Override
  public List<RememberedTask> openTasks(String phone) {
    Objects.requireNonNull(phone, "phone");
    return db.read("openTasks", c -> phones.openTasks(c, phone));
  }

  @Override
  public void closeTask(long taskId, Instant at) {
    Objects.requireNonNull(at, "at");
    db.write("closeTask", c -> {
      phones.closeTask(c, taskId, at);
      return null;
    });
  }

  @Override
  public void rememberTalk(String phone, long amoUserId, Instant at) {
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(at, "at");
    db.write("rememberTalk", c -> {
      phones.rememberTalk(c, phone, amoUserId, at);
      return null;
    });
  }

  @Override
  public Optional<LastTalk> lastTalk(String phone) {
    Objects.requireNonNull(phone, "phone");
    return db.read("lastTalk", c -> phones.lastTalk(c, phone));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Only this journal's account is pruned. A call's effects are deleted only when none of its
   * entries is left (finished ones kept because they finished later included), so a late
   * duplicate of any kept phase still sees what the call did.
   */
  @Override
  public int prune(Instant before) {
    Objects.requireNonNull(before, "before");
    return db.write("prune", c -> {
      memory.rememberPruned(c, before);
      int deleted = entries.deleteFinishedBefore(c, before);
      effects.deleteCallsWithoutEntries(c);
      records.deleteCallsWithoutEntries(c);
      phones.deleteBefore(c, before);
      memory.forget(c, before);
      return deleted;
    });
  }

  @Override
  public JournalCounts counts() {
    return db.read("counts", c -> entries.counts(c));
  }

  /**
   * Makes this journal unusable; other methods throw {@link IllegalStateException} afterwards.
   * Idempotent. The {@link DataSource} stays open: it belongs to the caller. A call in progress on
   * another thread completes.
   */
  @Override
  public void close() {
    db.close();
  }

  private static void requireLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit: must not be negative (" + limit + ")");
    }
  }

  /**
   * How to open a {@link PostgresJournal}. Immutable; build with {@link #builder()} or take {@link
   * #defaults()}.
   */
  public static final class Options {
    /** The schema the journal's tables live in: {@value}. */
    public static final String DEFAULT_SCHEMA = "ringostat_amo";

    private static final Options DEFAULTS = builder().build();

    private final String schema;
    private final boolean migrate;
    private final Clock clock;
    private final DuplicateMemory duplicateMemory;

    private Options(Builder b) {
      this.schema = b.schema;
      this.migrate = b.migrate;
      this.clock = b.clock;
      this.duplicateMemory = b.duplicateMemory;
    }

    /**
     * The defaults.
     *
     * @return schema {@link #DEFAULT_SCHEMA}, migrate on open, the system UTC clock, {@link
     *     DuplicateMemory#DEFAULT}
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
     * The schema of the journal's tables and of their Flyway history.
     *
     * @return a lower-case SQL identifier
     */
    public String schema() {
      return schema;
    }

    /**
     * Whether {@code open} migrates the schema. Off when a deployment step migrates it (then the
     * role the journal connects with needs no DDL rights).
     *
     * @return true to migrate on open
     */
    public boolean migrate() {
      return migrate;
    }

    /**
     * The clock for the diagnostic {@code updated_at} column of effects and {@code created_at} of
     * accounts. No decision reads it.
     *
     * @return the clock
     */
    public Clock clock() {
      return clock;
    }

    /**
     * How long, and for how many events, {@link #prune} remembers the events it deletes, so a late
     * resend is still a duplicate; per account.
     *
     * @return the memory; {@link DuplicateMemory#DEFAULT} unless set
     */
    public DuplicateMemory duplicateMemory() {
      return duplicateMemory;
    }

    /** Builds {@link Options}; {@link #build()} checks the values. */
    public static final class Builder {
      private String schema = DEFAULT_SCHEMA;
      private boolean migrate = true;
      private Clock clock = Clock.systemUTC();
      private DuplicateMemory duplicateMemory = DuplicateMemory.DEFAULT;

      private Builder() {}

      /**
       * Sets the duplicate memory of pruned events.
       *
       * @param duplicateMemory the memory; {@link DuplicateMemory#NONE} remembers nothing
       * @return this builder
       */
      public Builder duplicateMemory(DuplicateMemory duplicateMemory) {
        this.duplicateMemory = Objects.requireNonNull(duplicateMemory, "duplicateMemory");
        return this;
      }

      /**
       * Sets the schema of the journal's tables.
       *
       * @param schema a lower-case SQL identifier ({@code [a-z_][a-z0-9_]*}, at most 63 chars)
       * @return this builder
       */
      public Builder schema(String schema) {
        this.schema = Objects.requireNonNull(schema, "schema");
        return this;
      }

      /**
       * Sets whether {@code open} migrates the schema.
       *
       * @param migrate true to migrate on open (the default)
       * @return this builder
       */
      public Builder migrate(boolean migrate) {
        this.migrate = migrate;
        return this;
      }

      /**
       * Sets the clock for the diagnostic timestamps.
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
       * @throws IllegalArgumentException if the schema is not a lower-case SQL identifier
       */
      public Options build() {
        Tables.requireIdentifier(schema);
        return new Options(this);
      }
    }
  }
}
