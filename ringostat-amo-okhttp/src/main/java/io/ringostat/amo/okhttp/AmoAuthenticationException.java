package io.ringostat.amo.okhttp;

/**
 * 401 that a token refresh could not cure: the long-lived token expired or was revoked, the OAuth
 * refresh token was used up or revoked, or a user changed a password. Kind {@code
 * AUTHENTICATION}: the engine marks the integration broken and alerts. Fix: issue new credentials
 * in amoCRM and pass them to {@code useCredentials} (the engine's reactivate).
 */
public final class AmoAuthenticationException extends AmoServiceException {
  private static final long serialVersionUID = 1L;

  public AmoAuthenticationException(int statusCode, String endpoint, String title, String detail,
      String requestId) {
    super(Kind.AUTHENTICATION, statusCode, endpoint, title, detail, requestId);
  }
}
