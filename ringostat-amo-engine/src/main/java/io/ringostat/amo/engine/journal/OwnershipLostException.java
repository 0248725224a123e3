package io.ringostat.amo.engine.journal;

/**
 * This process no longer owns the account (R-FLEET): another process serves it now, so nothing of
 * it may be written here. Thrown by a fenced journal's writes (e.g. the PostgreSQL journal's {@code
 * LeaseLostException} after another process took the account over with a newer fencing token),
 * before anything is written; by a guarded amoCRM port before a request; and by {@link
 * io.ringostat.amo.engine.host.IntegrationHost#handle} for an account the host does not own.
 *
 * <p>Retrying does not help. The engine stops delivering the account's events (they stay pending
 * in the journal for the new owner); the host marks the account {@code NOT_OWNED} until it is
 * given a new lease ({@link io.ringostat.amo.engine.host.IntegrationHost#takeOver}).
 */
public class OwnershipLostException extends RuntimeException {
  private final String accountId;

  /**
   * @param accountId the account this process lost; not a secret
   * @param message what happened, naming the account; no secrets
   */
  public OwnershipLostException(String accountId, String message) {
    super(message);
    this.accountId = accountId;
  }

  /** The account this process no longer owns. */
  public String accountId() {
    return accountId;
  }
}
