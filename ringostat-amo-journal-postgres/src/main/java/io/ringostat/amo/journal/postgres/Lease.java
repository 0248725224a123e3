package io.ringostat.amo.journal.postgres;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One process's right to serve one account, as granted by {@link Leases}: the account, the owner
 * that holds it, its fencing token and when it ends unless renewed. Immutable and thread-safe.
 *
 * <p>The {@code fence} is handed out by the database, one more than the account's previous one,
 * every time the account changes hands; renewing keeps it. A journal opened with {@link
 * PostgresJournal#openFenced(javax.sql.DataSource, Lease, PostgresJournal.Options)} writes only
 * while the account's fence is still this one and the lease has not expired, so a process that
 * lost the lease (paused, partitioned, too slow to renew) cannot write after the next owner took
 * over.
 *
 * <p>{@code expiresAt} is an instant of the <em>database's</em> clock. Do not compare it with the
 * local clock: machines' clocks differ. To know locally whether a lease is still safe to act on,
 * ask {@link LeaseKeeper#guard(Lease)}, which measures with the local monotonic timer from the
 * moment the renewal was requested.
 *
 * @param accountId the account
 * @param ownerId the process (incarnation) holding the lease
 * @param fence the fencing token, at least 1
 * @param expiresAt when the lease ends unless renewed, by the database's clock (millisecond
 *     precision)
 * @param ttl how long each acquisition or renewal lasts
 */
public record Lease(String accountId, String ownerId, long fence, Instant expiresAt, Duration ttl) {
  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if {@code fence} is below 1 or {@code ttl} is not positive
   */
  public Lease {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(ownerId, "ownerId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(ttl, "ttl");
    if (fence < 1) {
      throw new IllegalArgumentException("fence: must be at least 1 (" + fence + ")");
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl: must be positive (" + ttl + ")");
    }
  }

  /** This lease renewed until {@code until}; same account, owner, fence and ttl. */
  Lease renewedUntil(Instant until) {
    return new Lease(accountId, ownerId, fence, until, ttl);
  }
}
