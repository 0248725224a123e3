package io.ringostat.amo.core.spi;

import io.ringostat.amo.core.model.CallEvent;
import java.util.Optional;

/**
 * Turns the PBX's recording reference (the event's {@code recordingUrl}) into the link written to
 * amoCRM's call record (R-LIFE). amoCRM shows a player on a call record that has a link; the
 * user's browser fetches the file itself, so the link must be reachable from wherever the CRM's
 * users are (a public {@code https} URL: amoCRM pages are served over https, and browsers block
 * an {@code http} player on them) and serve audio the browser plays (mp3 is the safe choice;
 * third-party integrations report the player plays mp3 only). A link that expires stops playing
 * when it expires, and a record is not edited again unless the call is.
 *
 * <p>The default {@link #passThrough()} writes the reference as it is. A host whose PBX keeps
 * recordings on an internal server can instead sign the reference for a public file server or
 * point it at a proxy:
 *
 * <pre>{@code
 * RecordingLinks links = (event, ref) -> Optional.of("https://rec.example.com/play?id="
 *     + URLEncoder.encode(ref, UTF_8) + "&sig=" + hmac(ref));
 * }</pre>
 *
 * <p><b>Contract.</b> Implementations are thread-safe, fast and do no I/O (the engine calls them
 * on its delivery threads for every final event); they must return the same link for the same
 * reference, or every update of the call edits its record again. An exception is a bug: the
 * event is retried later. Returning empty writes the record without a link.
 */
@FunctionalInterface
public interface RecordingLinks {
  /** The link to write for the recording {@code reference} of {@code event}; empty for none. */
  Optional<String> link(CallEvent event, String reference);

  /** Writes the PBX's reference as the link. */
  static RecordingLinks passThrough() {
    return (event, reference) -> Optional.of(reference);
  }
}
