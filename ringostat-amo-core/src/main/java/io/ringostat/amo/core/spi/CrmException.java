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
  private final java.util.Set<String> rejectedKeys;

  public CrmException(Kind kind, String message) {
    this(kind, message, null, java.util.Set.of());
  }

  public CrmException(Kind kind, String message, Throwable cause) {
    this(kind, message, cause, java.util.Set.of());
  }

  /**
   * @param rejectedKeys the {@linkplain io.ringostat.amo.core.plan.EffectKey#value() effect keys}
   *     of the batch items the CRM named as refused (empty when it named none)
   */
  public CrmException(Kind kind, String message, Throwable cause,
      java.util.Set<String> rejectedKeys) {
    super(message, cause);
    this.kind = kind;
    this.rejectedKeys = java.util.Set.copyOf(rejectedKeys);
  }

  /**
   * For a {@link Kind#REJECTED} batch: the effect keys of the items the CRM named as refused.
   * Whether the CRM saved the other items of such a batch is not documented, so the engine checks
   * before sending them again.
   */
  public java.util.Set<String> rejectedKeys() {
    return rejectedKeys;
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
