package io.ringostat.amo.testkit;

import java.time.Instant;
import java.util.Optional;

/**
 * One request the emulator received. Immutable and thread-safe. Never holds the Authorization
 * header or the body, so no token or client secret can leak through the log.
 *
 * @param timestamp when it arrived, by the emulator's clock
 * @param method the HTTP method, e.g. {@code POST}
 * @param path the path, e.g. {@code /api/v4/contacts}
 * @param query the raw query string, if any
 * @param status the HTTP status sent, or 0 when the connection was closed instead (a {@code
 *     DISCONNECT_*} fault)
 * @param fault the injected fault, if any
 */
public record LoggedRequest(
    Instant timestamp,
    String method,
    String path,
    Optional<String> query,
    int status,
    Optional<FaultKind> fault) {

  /** True when the request reached the emulator's state (not rejected by a fault before it). */
  public boolean reachedState() {
    return fault
        .map(
            f ->
                f == FaultKind.DISCONNECT_AFTER_APPLY
                    || f == FaultKind.STALL
                    || f == FaultKind.SLOW)
        .orElse(true);
  }

  @Override
  public String toString() {
    return method
        + " "
        + path
        + query.map(q -> "?" + q).orElse("")
        + " -> "
        + status
        + fault.map(f -> " [" + f + "]").orElse("");
  }
}
