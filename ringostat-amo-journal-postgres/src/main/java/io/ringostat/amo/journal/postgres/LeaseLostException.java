package io.ringostat.amo.journal.postgres;

import io.ringostat.amo.engine.journal.OwnershipLostException;

/**
 * Thrown by a write of a fenced journal ({@link PostgresJournal#openFenced}) when the lease it was
 * opened with no longer holds: it expired (not renewed in time), was released, or another process
 * took the account over with a newer fence. Nothing of that write is in the journal: the check runs
 * under the account's row lock, before anything is written, and the transaction is rolled back.
 *
 * <p>An {@link OwnershipLostException}, so the engine and the host react without depending on this
 * module: the engine stops delivering the account's events, the host marks the account {@code
 * NOT_OWNED} (see {@code IntegrationHost#disown}).
 *
 * <p>Retrying does not help. This process must stop serving the account (stop its engine, close
 * the journal); the account now belongs to whoever holds the newer fence, or to the next process
 * that claims it. To serve it again, acquire a new lease and open a new journal with it. The
 * message names the account, the fences and the current owner id, nothing else.
 */
public final class LeaseLostException extends OwnershipLostException {
  private final long fence;

  LeaseLostException(String accountId, long fence, String message) {
    super(accountId, message);
    this.fence = fence;
  }

  /**
   * The fence the refused write was made under.
   *
   * @return the lost lease's fence
   */
  public long fence() {
    return fence;
  }
}
