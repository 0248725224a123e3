package io.ringostat.amo.testkit.internal;

/** Aborts handling of a request with a ready error response; nothing has been changed yet. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient ApiResponse response;

  ApiException(ApiResponse response) {
    super("HTTP " + response.status(), null, false, false);
    this.response = response;
  }

  ApiResponse response() {
    return response;
  }
}
