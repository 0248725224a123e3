package io.ringostat.amo.okhttp;

/**
 * 5xx after this client's own retries. Kind {@code TRANSIENT} for reads and idempotent writes;
 * {@code OUTCOME_UNKNOWN} for a create that got a 5xx, because a 5xx does not prove that nothing
 * was created (the engine checks amoCRM before it repeats such a request).
 */
public final class AmoServerException extends AmoServiceException {
  private static final long serialVersionUID = 1L;

  public AmoServerException(Kind kind, int statusCode, String endpoint, String title,
      String detail, String requestId) {
    super(kind, statusCode, endpoint, title, detail, requestId);
  }
}
