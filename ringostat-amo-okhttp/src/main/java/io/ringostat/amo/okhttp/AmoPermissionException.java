package io.ringostat.amo.okhttp;

/**
 * 403 (or 402): the token lacks rights, the account is not paid, or amoCRM blocked the account's
 * API after repeated rate-limit excess. Kind {@code ACCOUNT_BLOCKED}: the engine stops calling
 * amoCRM and alerts; the gateway then lets only a rare probe through. {@link #blocked()} is true
 * when amoCRM answered with its non-JSON block page (nginx HTML), or when the gateway refused to
 * send a request because the account is in the blocked state. Fix: ask amoCRM support to unblock
 * the API, or grant the user the rights.
 */
public final class AmoPermissionException extends AmoServiceException {
  private static final long serialVersionUID = 1L;

  private final boolean blocked;

  public AmoPermissionException(int statusCode, String endpoint, String title, String detail,
      String requestId, boolean blocked) {
    super(Kind.ACCOUNT_BLOCKED, statusCode, endpoint, title, detail, requestId);
    this.blocked = blocked;
  }

  /** True for amoCRM's HTML block page, or a request refused locally while blocked. */
  public boolean blocked() {
    return blocked;
  }
}
