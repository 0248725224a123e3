package io.ringostat.amo.okhttp;

import io.ringostat.amo.core.spi.CrmException;

/**
 * Root of the exceptions this transport throws from the {@code AmoCrm} port.
 * Unchecked; {@link #kind()} tells the engine what to do next (stop, retry later, give up).
 *
 * <p>Two branches: {@link AmoClientException} when no usable answer arrived (I/O, timeout,
 * unreadable body) and {@link AmoServiceException} when amoCRM answered with an error status.
 * Messages carry the status, amoCRM's error title and the endpoint (method and path, never the
 * query string, which may hold a phone number); never tokens or full phone numbers.
 */
public class AmoException extends CrmException {
  private static final long serialVersionUID = 1L;

  private final String endpoint;

  /**
   * @param endpoint method and path, e.g. {@code POST /api/v4/leads/complex}; empty if none
   */
  public AmoException(Kind kind, String endpoint, String message, Throwable cause) {
    this(kind, endpoint, message, cause, java.util.Set.of());
  }

  /**
   * @param rejectedKeys the effect keys of the batch items amoCRM refused (see {@link
   *     CrmException#rejectedKeys()})
   */
  protected AmoException(Kind kind, String endpoint, String message, Throwable cause,
      java.util.Set<String> rejectedKeys) {
    super(kind, message, cause, rejectedKeys);
    this.endpoint = endpoint == null ? "" : endpoint;
  }

  /** The request that failed as method and path, e.g. {@code GET /api/v4/contacts}. */
  public String endpoint() {
    return endpoint;
  }
}
