package io.ringostat.amo.asterisk;

/**
 * The peer did not speak AMI as expected: no {@code Asterisk Call Manager/} banner, an over-long
 * line or message, or no answer to a keep-alive {@code Ping}. The adapter drops the connection and
 * reconnects with backoff; if it keeps happening, check that the configured port is the AMI port
 * ({@code manager.conf} {@code [general] port}, 5038 by default) and not a TLS or HTTP port.
 */
public final class AmiProtocolException extends AmiException {
  private static final long serialVersionUID = 1L;

  AmiProtocolException(String message) {
    super(message);
  }
}
