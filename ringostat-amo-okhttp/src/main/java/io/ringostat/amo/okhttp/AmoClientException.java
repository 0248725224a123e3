package io.ringostat.amo.okhttp;

/**
 * No usable answer from amoCRM: the connection failed or was cut, a timeout expired, or the body
 * could not be read (too large, not the JSON shape we expect).
 *
 * <p>{@link #kind()} is {@code TRANSIENT} when the request surely had no effect (it was never
 * sent, or it only reads) and may simply be retried; {@code OUTCOME_UNKNOWN} when a write was sent
 * and no answer came, so it may or may not have acted (the engine checks amoCRM before sending
 * it again); {@code INVALID_RESPONSE} when amoCRM answered something this client cannot read
 * (report it: the API may have changed).
 */
public final class AmoClientException extends AmoException {
  private static final long serialVersionUID = 1L;

  public AmoClientException(Kind kind, String endpoint, String message, Throwable cause) {
    super(kind, endpoint, message, cause);
  }
}
