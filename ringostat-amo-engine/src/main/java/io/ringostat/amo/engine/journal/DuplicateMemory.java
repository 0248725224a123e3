package io.ringostat.amo.engine.journal;

import io.ringostat.amo.core.model.CallEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * How long, and for how many events, a journal remembers events it pruned, so that a host resending
 * an old event long after {@link Journal#prune} still gets {@code DUPLICATE} (R-LIFE: "an identical
 * repeat is a duplicate, also long after the journal pruned the call").
 *
 * <p>The memory is compact: per pruned event, a 128-bit {@link #fingerprint fingerprint} of its
 * call id and content, its seq, final state and two instants; never the event, the phone or the
 * call id. A remembered event is forgotten by the first {@code prune(before)} with {@code before}
 * more than {@link #lasts()} after the event finished, so with {@code before <= now} it is
 * remembered for at least {@code lasts} after it finished. When more than {@link #maxEvents()}
 * events are remembered, the ones pruned earliest are forgotten first.
 *
 * <p>Immutable and thread-safe.
 *
 * @param lasts how long a pruned event is remembered after it finished; {@link #DEFAULT}: 30 days
 * @param maxEvents at most this many pruned events are remembered; 0 remembers none
 */
public record DuplicateMemory(Duration lasts, long maxEvents) {
  /** 30 days, at most a million events (about 60 MB in SQLite at the maximum). */
  public static final DuplicateMemory DEFAULT = new DuplicateMemory(Duration.ofDays(30), 1_000_000);

  /** Remembers nothing: a pruned event is journaled again when resent (the old behaviour). */
  public static final DuplicateMemory NONE = new DuplicateMemory(Duration.ZERO, 0);

  /**
   * @throws IllegalArgumentException if {@code lasts} or {@code maxEvents} is negative
   */
  public DuplicateMemory {
    Objects.requireNonNull(lasts, "lasts");
    if (lasts.isNegative()) {
      throw new IllegalArgumentException("duplicateMemory.lasts: must not be negative, was "
          + lasts);
    }
    if (maxEvents < 0) {
      throw new IllegalArgumentException("duplicateMemory.maxEvents: must not be negative, was "
          + maxEvents);
    }
  }

  /** True when nothing is remembered. */
  public boolean isNone() {
    return maxEvents == 0 || lasts.isZero();
  }

  /**
   * The fingerprint of what makes {@code event} a duplicate of another: its call id and {@link
   * Journal#dedupeKey dedupe key}, as 32 hex digits (the first 128 bits of a SHA-256). Two events
   * with the same fingerprint are the same event; a collision between different events is as
   * likely as guessing a random UUID.
   */
  public static String fingerprint(CallEvent event) {
    return fingerprint(event.callId(), Journal.dedupeKey(event));
  }

  /**
   * 128 bits of a SHA-256 over what a final event says about its call, phase aside: direction,
   * disposition, phones, endpoint, instants, recording link, legs and tracking data. An UPDATED
   * event that says what the ENDED said has the ENDED's hash.
   */
  public static String contentHash(CallEvent e) {
    StringBuilder b = new StringBuilder();
    field(b, e.direction().name());
    field(b, e.disposition().map(Enum::name).orElse(""));
    field(b, e.clientPhone());
    field(b, e.trackingPhone().orElse(""));
    field(b, e.employeeEndpoint().orElse(""));
    field(b, e.startedAt().toString());
    field(b, e.answeredAt().map(Object::toString).orElse(""));
    field(b, e.endedAt().map(Object::toString).orElse(""));
    field(b, e.recordingUrl().orElse(""));
    field(b, Integer.toString(e.legs().size()));
    e.legs().forEach(l -> {
      field(b, l.endpoint());
      field(b, l.startedAt().toString());
      field(b, l.duration().toString());
    });
    field(b, e.tracking().toString());
    return fingerprint(e.callId(), b.toString());
  }

  /** Appends a field and a separator no field contains unescaped. */
  private static void field(StringBuilder b, String value) {
    b.append(value.replace("\\", "\\\\").replace("\u0001", "\\1")).append('\u0001');
  }

  /** The fingerprint of a call id and the content that identifies one of its events. */
  public static String fingerprint(String callId, String content) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(callId.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(content.getBytes(StandardCharsets.UTF_8));
      byte[] digest = sha.digest();
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }
}
