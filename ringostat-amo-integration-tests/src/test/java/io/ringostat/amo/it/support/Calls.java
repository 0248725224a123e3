package io.ringostat.amo.it.support;

import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.model.Tracking;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One call as a PBX reports it, and its events. Immutable: every "with" returns a copy.
 *
 * <pre>{@code
 * Calls c = Calls.inbound("c-1", "+380 67 123 45 67", t0).by("olena");
 * engine.handle(c.answeredEvent()); engine.handle(c.ended());
 * }</pre>
 */
public record Calls(String callId, CallDirection direction, String phone, Instant startedAt,
    Optional<String> endpoint, boolean answered, Disposition missedAs, Tracking tracking,
    Optional<String> trackingPhone) {

  public static Calls inbound(String callId, String phone, Instant startedAt) {
    return new Calls(callId, CallDirection.INBOUND, phone, startedAt, Optional.empty(), false,
        Disposition.NO_ANSWER, Tracking.EMPTY, Optional.empty());
  }

  public static Calls outbound(String callId, String phone, Instant startedAt) {
    return new Calls(callId, CallDirection.OUTBOUND, phone, startedAt, Optional.empty(), false,
        Disposition.NO_ANSWER, Tracking.EMPTY, Optional.empty());
  }

  /** Answered on (inbound) or dialled from (outbound) {@code endpoint}. */
  public Calls by(String endpointValue) {
    return new Calls(callId, direction, phone, startedAt, Optional.of(endpointValue), true,
        missedAs, tracking, trackingPhone);
  }

  /** Not answered; an outbound call keeps its dialling endpoint. */
  public Calls missed(Disposition how) {
    return new Calls(callId, direction, phone, startedAt, endpoint, false, how, tracking,
        trackingPhone);
  }

  public Calls dialledFrom(String endpointValue) {
    return new Calls(callId, direction, phone, startedAt, Optional.of(endpointValue), answered,
        missedAs, tracking, trackingPhone);
  }

  public Calls tracking(Tracking value) {
    return new Calls(callId, direction, phone, startedAt, endpoint, answered, missedAs, value,
        trackingPhone);
  }

  public Calls trackingPhone(String value) {
    return new Calls(callId, direction, phone, startedAt, endpoint, answered, missedAs, tracking,
        Optional.of(value));
  }

  public Instant answeredAt() {
    return startedAt.plusSeconds(8);
  }

  public Instant endedAt() {
    return answered ? startedAt.plusSeconds(8 + 95) : startedAt.plusSeconds(25);
  }

  private CallEvent.Builder base(CallPhase phase) {
    return CallEvent.builder().callId(callId).phase(phase).direction(direction)
        .clientPhone(phone).startedAt(startedAt).tracking(tracking).trackingPhone(trackingPhone);
  }

  public CallEvent ringing() {
    CallEvent.Builder b = base(CallPhase.RINGING);
    if (direction == CallDirection.OUTBOUND) {
      b.employeeEndpoint(endpoint);
    }
    return b.build();
  }

  public CallEvent answeredEvent() {
    if (!answered) {
      throw new IllegalStateException("a missed call has no ANSWERED event");
    }
    return base(CallPhase.ANSWERED).employeeEndpoint(endpoint).answeredAt(answeredAt()).build();
  }

  public CallEvent ended() {
    CallEvent.Builder b = base(CallPhase.ENDED).endedAt(endedAt());
    if (answered) {
      b.disposition(Disposition.ANSWERED).answeredAt(answeredAt()).employeeEndpoint(endpoint)
          .recordingUrl("https://records.example.com/" + callId + ".mp3");
    } else {
      b.disposition(missedAs);
      if (direction == CallDirection.OUTBOUND) {
        b.employeeEndpoint(endpoint);
      }
    }
    return b.build();
  }

  /** The events of a host that reports every phase: RINGING, ANSWERED (if answered), ENDED. */
  public List<CallEvent> allPhases(boolean withRinging) {
    List<CallEvent> out = new ArrayList<>();
    if (withRinging) {
      out.add(ringing());
    }
    if (answered) {
      out.add(answeredEvent());
    }
    out.add(ended());
    return out;
  }
}
