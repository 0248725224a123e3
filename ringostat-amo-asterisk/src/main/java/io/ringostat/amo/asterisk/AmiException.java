package io.ringostat.amo.asterisk;

/**
 * Root of the AMI adapter's exceptions. Unchecked, like the rest of the SDK. Messages name the host
 * and user, never the secret.
 */
public class AmiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AmiException(String message) {
    super(message);
  }

  public AmiException(String message, Throwable cause) {
    super(message, cause);
  }
}
