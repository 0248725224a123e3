package io.ringostat.amo.okhttp;

/**
 * A secret record could not be read or written: a missing key, a record that fails
 * authentication, or a storage failure. The message names the record and the key id, never its
 * content.
 */
public final class SecretStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SecretStoreException(String message) {
    super(message);
  }

  public SecretStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
