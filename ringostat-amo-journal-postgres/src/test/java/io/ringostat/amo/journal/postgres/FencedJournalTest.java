package io.ringostat.amo.journal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EffectKind;
import io.ringostat.amo.engine.journal.EntryState;
import io.ringostat.amo.engine.testing.JournalContract;
import io.ringostat.amo.engine.journal.JournalEntry;
import io.ringostat.amo.engine.journal.KnownEntity;
import io.ringostat.amo.core.plan.EntityType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link PostgresJournal#openFenced}: a stale owner writes nothing after a takeover. */
class FencedJournalTest {
  private static final Instant T = JournalContract.T0;
  private static final Duration SHORT = LeasesTest.SHORT;

  private final String schema = TestDatabase.freshSchema();
  private final PostgresJournal.Options options =
      PostgresJournal.Options.builder().schema(schema).build();
  private final Leases leases = Leases.open(TestDatabase.shared(), options);
  private final String account = TestDatabase.freshAccount();

  @Test
  void aFencedJournalWritesUnderItsFenceAndRecordsIt() {
    Lease a = leases.acquire(account, "a", Leases.DEFAULT_TTL).orElseThrow();
    try (PostgresJournal j = PostgresJournal.openFenced(TestDatabase.shared(), a, options)) {
      assertThat(j.fence()).hasValue(a.fence());
      long seq = j.append(JournalContract.event("c-1", CallPhase.RINGING), "k", T).entry().seq();
      EffectKey key = EffectKey.of("c-1", EffectKind.CREATE_CONTACT, "t");
      j.markSending(seq, List.of(key));
      j.markDone(seq, key, Map.of(EntityType.CONTACT, 7L));
      j.finish(seq, EntryState.DELIVERED, "ok", T);
      assertThat(fences("entries")).containsExactly(a.fence());
      assertThat(fences("effects")).containsExactly(a.fence());
    }
    try (PostgresJournal unfenced = PostgresJournal.open(TestDatabase.shared(), account, options)) {
      assertThat(unfenced.fence()).isEmpty();
      unfenced.append(JournalContract.event("c-2", CallPhase.RINGING), "k", T);
      assertThat(fences("entries")).containsExactly(a.fence(), null);
    }
  }

  @Test
  void theStaleOwnersWritesThrowAndWriteNothingAfterATakeover() throws Exception {
    Lease a = leases.acquire(account, "a", SHORT).orElseThrow();
    try (PostgresJournal ja = PostgresJournal.openFenced(TestDatabase.shared(), a, options)) {
      long seq = ja.append(JournalContract.event("c-1", CallPhase.RINGING), "k", T).entry().seq();
      // "a" pauses: it does not renew. "b" takes the account over once the lease expired.
      LeasesTest.awaitExpiry(leases, a);
      Lease b = leases.acquire(account, "b", Leases.DEFAULT_TTL).orElseThrow();
      assertThat(b.fence()).isEqualTo(a.fence() + 1);

      EffectKey key = EffectKey.of("c-1", EffectKind.CREATE_CONTACT, "t");
      List<Runnable> writes = List.of(
          () -> ja.append(JournalContract.event("c-2", CallPhase.RINGING), "k", T),
          () -> ja.appendRejected("raw", "why", T),
          () -> ja.markSending(seq, List.of(key)),
          () -> ja.markDone(seq, key, Map.of()),
          () -> ja.recordAttempt(seq, "boom"),
          () -> ja.finish(seq, EntryState.DELIVERED, "ok", T),
          () -> ja.rememberEntity("p", new KnownEntity(EntityType.CONTACT, 1, Optional.empty(), T)),
          () -> ja.rememberTalk("p", 1, T),
          () -> ja.prune(Instant.MAX));
      for (Runnable w : writes) {
        assertThatThrownBy(w::run).isInstanceOf(LeaseLostException.class)
            .hasMessageContaining("fence " + a.fence())
            .hasMessageContaining("took the account over")
            .hasMessageContaining("nothing was written")
            .satisfies(e -> assertThat(((LeaseLostException) e).fence()).isEqualTo(a.fence()));
      }
      assertThat(ja.pending(0, 100)).extracting(JournalEntry::seq).containsExactly(seq);
      assertThat(ja.entry(seq)).get().satisfies(e -> {
        assertThat(e.state()).isEqualTo(EntryState.PENDING);
        assertThat(e.attempts()).isZero();
      });
      assertThat(ja.uncertain("c-1")).isEmpty();
      assertThat(ja.knownEntities("p", T.minusSeconds(1))).isEmpty();
      assertThat(ja.lastTalk("p")).isEmpty();

      try (PostgresJournal jb = PostgresJournal.openFenced(TestDatabase.shared(), b, options)) {
        jb.finish(seq, EntryState.DELIVERED, "ok", T);
        jb.append(JournalContract.event("c-2", CallPhase.RINGING), "k", T);
      }
      assertThat(fences("entries")).containsExactly(b.fence(), b.fence());
    }
  }

  @Test
  void anExpiredLeaseCannotWriteEvenIfNobodyTookItOver() throws Exception {
    Lease a = leases.acquire(account, "a", SHORT).orElseThrow();
    try (PostgresJournal ja = PostgresJournal.openFenced(TestDatabase.shared(), a, options)) {
      LeasesTest.awaitExpiry(leases, a);
      assertThatThrownBy(() -> ja.append(JournalContract.event("c-1", CallPhase.ENDED), "k", T))
          .isInstanceOf(LeaseLostException.class).hasMessageContaining("expired");
      assertThat(ja.counts().pending()).isZero();
    }
  }

  @Test
  void aReleasedLeaseCannotWrite() {
    Lease a = leases.acquire(account, "a", Leases.DEFAULT_TTL).orElseThrow();
    try (PostgresJournal ja = PostgresJournal.openFenced(TestDatabase.shared(), a, options)) {
      assertThat(leases.release(a)).isTrue();
      assertThatThrownBy(() -> ja.append(JournalContract.event("c-1", CallPhase.ENDED), "k", T))
          .isInstanceOf(LeaseLostException.class).hasMessageContaining("released");
    }
  }

  /**
   * The stale owner began its transaction before the takeover and asks for the account lock after
   * it: the lock statement sees the new fence, so nothing is written.
   */
  @Test
  void aWriteWhoseTransactionBeganBeforeTheTakeoverWritesNothing() throws Exception {
    Lease a = leases.acquire(account, "a", SHORT).orElseThrow();
    try (HikariDataSource poolA = TestDatabase.newPool(2)) {
      PausingDataSource paused = new PausingDataSource(poolA);
      try (PostgresJournal ja = PostgresJournal.openFenced(paused.dataSource(), a, options)) {
        paused.pauseBefore(sql -> sql.contains("FOR NO KEY UPDATE"));
        CompletableFuture<Object> write = CompletableFuture.supplyAsync(
            () -> ja.append(JournalContract.event("c-1", CallPhase.ENDED), "k", T));
        assertThat(paused.paused.await(10, TimeUnit.SECONDS)).isTrue();

        LeasesTest.awaitExpiry(leases, a);
        Lease b = leases.acquire(account, "b", Leases.DEFAULT_TTL).orElseThrow();
        paused.resume();

        assertThat(write).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(Exception.class)
            .havingRootCause().isInstanceOf(LeaseLostException.class);
        assertThat(ja.counts().pending()).isZero();
        assertThat(b.fence()).isEqualTo(a.fence() + 1);
      }
    }
  }

  /**
   * The stale owner holds the account lock when its lease expires and the next owner arrives: the
   * takeover waits for the write, so the write under the old fence commits before the new fence
   * exists, and the next write under the old fence fails.
   */
  @Test
  void aTakeoverWaitsForTheWriteInFlightAndFencesTheNext() throws Exception {
    Lease a = leases.acquire(account, "a", Duration.ofSeconds(2)).orElseThrow();
    try (HikariDataSource poolA = TestDatabase.newPool(2)) {
      PausingDataSource paused = new PausingDataSource(poolA);
      try (PostgresJournal ja = PostgresJournal.openFenced(paused.dataSource(), a, options)) {
        paused.pauseBefore(sql -> sql.startsWith("WITH s AS (UPDATE")); // the insert, after the lock
        CompletableFuture<Object> write = CompletableFuture.supplyAsync(
            () -> ja.append(JournalContract.event("c-1", CallPhase.ENDED), "k", T));
        assertThat(paused.paused.await(10, TimeUnit.SECONDS)).isTrue();
        LeasesTest.awaitExpiry(leases, a);

        CompletableFuture<Optional<Lease>> takeover = CompletableFuture.supplyAsync(
            () -> leases.acquire(account, "b", Leases.DEFAULT_TTL));
        Thread.sleep(300);
        assertThat(takeover).as("waits for the write holding the account's row").isNotDone();
        paused.resume();
        assertThat(write).succeedsWithin(Duration.ofSeconds(10));
        Lease b = takeover.get(10, TimeUnit.SECONDS).orElseThrow();
        assertThat(b.fence()).isEqualTo(a.fence() + 1);

        assertThatThrownBy(() -> ja.append(JournalContract.event("c-2", CallPhase.ENDED), "k", T))
            .isInstanceOf(LeaseLostException.class);
        assertThat(fences("entries")).containsExactly(a.fence());
      }
    }
  }

  /** The fence each entry or effect row records, in seq order (effects: done order). */
  private List<Long> fences(String table) {
    String order = table.equals("entries") ? "seq" : "seq, done_order";
    List<Long> out = new ArrayList<>();
    try (Connection c = TestDatabase.shared().getConnection();
        PreparedStatement p = c.prepareStatement("SELECT fence FROM " + schema + "." + table
            + " WHERE account = ? ORDER BY " + order)) {
      p.setString(1, account);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          long f = r.getLong(1);
          out.add(r.wasNull() ? null : f);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }
}
