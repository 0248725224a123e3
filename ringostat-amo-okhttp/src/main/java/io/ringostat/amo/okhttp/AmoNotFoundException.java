package io.ringostat.amo.okhttp;

/**
 * 404: the entity or endpoint does not exist (e.g. a deleted deal, an unknown unsorted uid). Kind
 * {@code REJECTED}: repeating the same request will not help.
 */
public final class AmoNotFoundException extends AmoServiceException {
  private static final long serialVersionUID = 1L;

  public AmoNotFoundException(int statusCode, String endpoint, String title, String detail,
      String requestId) {
    super(Kind.REJECTED, statusCode, endpoint, title, detail, requestId);
  }
}
