package io.ringostat.amo.okhttp;

import java.util.Optional;

/**
 * amoCRM answered with an error status. Carries the HTTP status, the problem+json {@code title}
 * and {@code detail} when the body had them, the endpoint and the {@code X-Request-Id} response
 * header (quote it in a support ticket). Subclasses name the status families; {@link
 * AmoUnexpectedStatusException} covers the rest.
 */
public class AmoServiceException extends AmoException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final String title;
  private final String detail;
  private final String requestId;

  /**
   * @param title problem+json {@code title}, or null
   * @param detail problem+json {@code detail}, or null
   * @param requestId the {@code X-Request-Id} header, or null
   */
  public AmoServiceException(Kind kind, int statusCode, String endpoint, String title,
      String detail, String requestId) {
    this(kind, statusCode, endpoint, title, detail, requestId, java.util.Set.of());
  }

  /** @param rejectedKeys the effect keys of the batch items amoCRM refused */
  protected AmoServiceException(Kind kind, int statusCode, String endpoint, String title,
      String detail, String requestId, java.util.Set<String> rejectedKeys) {
    super(kind, endpoint, message(statusCode, endpoint, title, detail, requestId), null,
        rejectedKeys);
    this.statusCode = statusCode;
    this.title = title;
    this.detail = detail;
    this.requestId = requestId;
  }

  public int statusCode() {
    return statusCode;
  }

  /** problem+json {@code title}, e.g. "Bad Request". */
  public Optional<String> title() {
    return Optional.ofNullable(title);
  }

  /** problem+json {@code detail}, e.g. "Request validation failed". */
  public Optional<String> detail() {
    return Optional.ofNullable(detail);
  }

  /** The {@code X-Request-Id} response header, for amoCRM support. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  private static String message(int status, String endpoint, String title, String detail,
      String requestId) {
    StringBuilder b = new StringBuilder("HTTP ").append(status);
    if (title != null && !title.isBlank()) {
      b.append(' ').append(title);
    }
    b.append(" on ").append(endpoint);
    if (detail != null && !detail.isBlank()) {
      b.append(": ").append(detail);
    }
    if (requestId != null && !requestId.isBlank()) {
      b.append(" (X-Request-Id ").append(requestId).append(')');
    }
    return b.toString();
  }
}
