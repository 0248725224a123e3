package io.ringostat.amo.okhttp;

import java.util.Objects;

/**
 * An installation failed: amoCRM refused the authorization code or the integration's keys, or did
 * not answer usefully. The message is for operators and never holds the code, a token or the
 * client secret.
 */
public final class InstallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why an installation failed. */
  public enum Reason {
    /** The code is unknown, used already or older than 20 minutes: install again. */
    CODE_REFUSED,
    /** amoCRM refused the client id, secret or redirect URI: the integration's keys are wrong. */
    CLIENT_REFUSED,
    /** amoCRM could not be reached or failed (5xx, 429, timeout): try again in a minute. */
    AMO_UNAVAILABLE,
    /** amoCRM answered something that is not a token pair or an account. */
    INVALID_ANSWER
  }

  private final Reason reason;

  public InstallException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
