package io.ringostat.amo.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One event of a call, as the telephony host emits it (R-IN-1). A call produces one or more events
 * (RINGING, ANSWERED, ENDED, then any number of UPDATED) with the same {@link #callId()}; hosts
 * that only emit ENDED get the complete outcome from that single event.
 *
 * <p>Immutable and thread-safe. {@link #clientPhone()} is kept exactly as the PBX reported it; it
 * is normalized (R-PHONE) when a decision is made, and an unparseable number is a decision result,
 * not a construction error. The builder rejects events that cannot be a call at all (blank call
 * id, an ENDED event without a disposition, instants out of order) with an {@link
 * IllegalStateException} naming the field.
 *
 * <pre>{@code
 * CallEvent e = CallEvent.builder().callId("c0ffee-1").phase(CallPhase.ENDED)
 *     .direction(CallDirection.INBOUND).disposition(Disposition.ANSWERED)
 *     .clientPhone("+380 44 123 4567").startedAt(start).answeredAt(answer).endedAt(end).build();
 * }</pre>
 */
@Value.Immutable
public interface CallEvent {
  /** Longest accepted call id; it becomes the call record's {@code uniq}. */
  int MAX_CALL_ID_LENGTH = 128;
  /** Longest accepted text value (phones, endpoint, tracking values), in characters. */
  int MAX_TEXT = 2048;
  /** Longest accepted URL (recording, landing page, referrer), in characters. */
  int MAX_URL = 4096;
  /** Most legs an event may carry. */
  int MAX_LEGS = 32;

  /** The host's unique id of the call; becomes the call record's {@code uniq}. */
  String callId();

  CallPhase phase();

  CallDirection direction();

  /** How the call ended; required on {@link CallPhase#ENDED}, ignored otherwise. */
  Optional<Disposition> disposition();

  /** The customer's number as the PBX saw it, in any format (possibly "anonymous"). */
  String clientPhone();

  /** The number the customer dialled (the call-tracking substitution number). */
  Optional<String> trackingPhone();

  /** The SIP login or number that answered (inbound) or dialled (outbound). */
  Optional<String> employeeEndpoint();

  Instant startedAt();

  Optional<Instant> answeredAt();

  Optional<Instant> endedAt();

  /** Link to the audio recording. */
  Optional<String> recordingUrl();

  @Value.Default
  default Tracking tracking() {
    return Tracking.EMPTY;
  }

  /**
   * Who talked with the client, leg by leg, on an ended call (R-LIFE): a transferred call has one
   * leg per employee. Empty when the host does not report legs; then {@link #employeeEndpoint()}
   * is the one who talked. Only {@link CallPhase#isFinal() final} events carry legs.
   */
  List<CallLeg> legs();

  /**
   * The endpoints that talked with the client, in leg order, each once: the legs' endpoints, else
   * the {@link #employeeEndpoint()}.
   */
  @Value.Auxiliary
  default List<String> talkedEndpoints() {
    if (legs().isEmpty()) {
      return employeeEndpoint().map(List::of).orElse(List.of());
    }
    return legs().stream().map(CallLeg::endpoint).distinct().toList();
  }

  /** True when someone picked up: an ANSWERED event, or an ENDED event with disposition ANSWERED. */
  @Value.Auxiliary
  default boolean isAnswered() {
    return phase() == CallPhase.ANSWERED
        || (phase().isFinal() && disposition().orElse(null) == Disposition.ANSWERED);
  }

  /** True for an ENDED (or UPDATED) event whose disposition is anything but ANSWERED. */
  @Value.Auxiliary
  default boolean isMissed() {
    return phase().isFinal() && disposition().map(Disposition::isMissed).orElse(false);
  }

  /** The latest instant the event knows: ended, else answered, else started. */
  @Value.Auxiliary
  default Instant occurredAt() {
    return endedAt().or(this::answeredAt).orElse(startedAt());
  }

  /**
   * Conversation time: answer to end; without both instants, the sum of the legs; zero when not
   * answered or not ended.
   */
  @Value.Auxiliary
  default Duration talkTime() {
    if (!isAnswered()) {
      return Duration.ZERO;
    }
    if (answeredAt().isEmpty() || endedAt().isEmpty()) {
      return legs().stream().map(CallLeg::duration).reduce(Duration.ZERO, Duration::plus);
    }
    return Duration.between(answeredAt().get(), endedAt().get());
  }

  /** Waiting time: start to answer, or start to end for a missed call. */
  @Value.Auxiliary
  default Duration waitTime() {
    return Duration.between(startedAt(), answeredAt().or(this::endedAt).orElse(startedAt()));
  }

  @Value.Check
  default void check() {
    if (callId().isBlank()) {
      throw new IllegalStateException("callId: must not be blank");
    }
    if (callId().length() > MAX_CALL_ID_LENGTH) {
      throw new IllegalStateException(
          "callId: longer than " + MAX_CALL_ID_LENGTH + " characters (" + callId().length() + ")");
    }
    requireLength("clientPhone", Optional.of(clientPhone()), MAX_TEXT);
    requireLength("trackingPhone", trackingPhone(), MAX_TEXT);
    requireLength("employeeEndpoint", employeeEndpoint(), MAX_TEXT);
    requireLength("recordingUrl", recordingUrl(), MAX_URL);
    if (phase().isFinal() && disposition().isEmpty()) {
      throw new IllegalStateException("disposition: required on an " + phase() + " event");
    }
    if (!legs().isEmpty() && !phase().isFinal()) {
      throw new IllegalStateException("legs: only an ENDED or UPDATED event carries legs");
    }
    if (legs().size() > MAX_LEGS) {
      throw new IllegalStateException("legs: more than " + MAX_LEGS + " (" + legs().size() + ")");
    }
    answeredAt().ifPresent(a -> requireNotBefore("answeredAt", a, startedAt()));
    endedAt().ifPresent(e -> requireNotBefore("endedAt", e, answeredAt().orElse(startedAt())));
  }

  /** Throws when {@code value} is longer than {@code max} characters. */
  static void requireLength(String field, Optional<String> value, int max) {
    if (value.isPresent() && value.get().length() > max) {
      throw new IllegalStateException(
          field + ": longer than " + max + " characters (" + value.get().length() + ")");
    }
  }

  private static void requireNotBefore(String field, Instant value, Instant earlier) {
    if (value.isBefore(earlier)) {
      throw new IllegalStateException(field + ": " + value + " is before " + earlier);
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds {@link CallEvent} values. */
  class Builder extends ImmutableCallEvent.Builder {}
}
