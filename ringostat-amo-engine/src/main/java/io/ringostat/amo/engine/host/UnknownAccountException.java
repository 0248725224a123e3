package io.ringostat.amo.engine.host;

import java.util.NoSuchElementException;

/**
 * Thrown by {@link IntegrationHost} when no account has the given id: it was never added, or was
 * removed. Nothing was journaled. Fix: {@link IntegrationHost#add} the account first, or route the
 * event to the right account id.
 */
public final class UnknownAccountException extends NoSuchElementException {
  private static final long serialVersionUID = 1L;
  private final String accountId;

  public UnknownAccountException(String accountId) {
    super("no account '" + accountId + "' in this host; add it first");
    this.accountId = accountId;
  }

  public String accountId() {
    return accountId;
  }
}
