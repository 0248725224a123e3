package io.ringostat.amo.okhttp;

/**
 * A status no other type covers: a redirect (redirects are never followed: only the account's own
 * origin is ever contacted), 405, 408, 409 and the like. Kind {@code TRANSIENT} for 408, {@code
 * REJECTED} for other 4xx, {@code INVALID_RESPONSE} otherwise.
 */
public final class AmoUnexpectedStatusException extends AmoServiceException {
  private static final long serialVersionUID = 1L;

  public AmoUnexpectedStatusException(Kind kind, int statusCode, String endpoint, String title,
      String detail, String requestId) {
    super(kind, statusCode, endpoint, title, detail, requestId);
  }
}
