package io.ringostat.amo.core.spi;

/**
 * A CRM request failed. {@link #kind()} tells the engine what to do: stop and alert ({@link
 * Kind#AUTHENTICATION}, {@link Kind#ACCOUNT_BLOCKED}), retry later ({@link #retryable()}), or give
 * up on this effect ({@link Kind#REJECTED}, {@link Kind#INVALID_RESPONSE}).
 *
 * <p>Messages carry the status, the CRM's error code and the endpoint, never tokens or full phone
 * numbers. Transports extend this class with richer types.
 */
public class CrmException extends RuntimeException {
  /** What went wrong, as far as the engine needs to know. */
  public enum Kind {
    /** 401 that a token refresh could not cure: the integration goes BROKEN (R-KEEP). */
    AUTHENTICATION(false),
    /** 403: no rights, or the account's API is blocked; stop and alert. */
    ACCOUNT_BLOCKED(false),
    /** 429 after our own retries: try again later. */
    RATE_LIMITED(true),
    /** 5xx, timeouts, connection failures where the request surely did not act, after retries. */
    TRANSIENT(true),
    /** The request was sent and no answer came: it may or may not have acted. */
    OUTCOME_UNKNOWN(true),
    /** 400/404/422: the CRM refused the request as it is; retrying the same will not help. */
    REJECTED(false),
    /** The CRM answered something we cannot read (bad JSON, unexpected shape). */
    INVALID_RESPONSE(false);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }
  }

  private final Kind kind;

  public CrmException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public CrmException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** True when the same request may succeed later. */
  public boolean retryable() {
    return kind.retryable;
  }

  /** True when the engine must stop calling the CRM (BROKEN or blocked). */
  public boolean stopsIntegration() {
    return kind == Kind.AUTHENTICATION || kind == Kind.ACCOUNT_BLOCKED;
  }
}
