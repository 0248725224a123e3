package io.ringostat.amo.asterisk;

/**
 * Asterisk refused the {@code Login} action ({@code Response: Error}). This does not heal by
 * retrying, so the adapter stops: check {@code AmiConfig.username}/{@code secret} against the
 * {@code [user]} section of Asterisk's {@code manager.conf}, and that section's {@code permit}/{@code
 * deny} lists for the adapter's address; then create a new source.
 */
public final class AmiLoginException extends AmiException {
  private static final long serialVersionUID = 1L;
  private final String serverMessage;

  AmiLoginException(String host, int port, String username, String serverMessage) {
    super("Asterisk at " + host + ":" + port + " refused the AMI login of user '" + username + "': "
        + serverMessage + ". Check the username and secret against manager.conf"
        + " (and its permit/deny lists for this host).");
    this.serverMessage = serverMessage;
  }

  /** The {@code Message} header of Asterisk's error response, e.g. "Authentication failed". */
  public String serverMessage() {
    return serverMessage;
  }
}
