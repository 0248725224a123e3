package io.ringostat.amo.asterisk;

import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.model.Tracking;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns what the tracker knows about a call into a {@link CallEvent}. Pure: no I/O, no clock.
 *
 * <ul>
 *   <li>callId: {@link AmiConfig#callIdPrefix()} + the call's {@code Linkedid};
 *   <li>employeeEndpoint: on RINGING the first employee rung; afterwards the first answerer; for
 *       an outbound call the employee who dialled; absent for a missed inbound call;
 *   <li>disposition (ENDED): ANSWERED when an employee was bridged with the client; VOICEMAIL when
 *       the client reached {@code VoiceMail}; otherwise from the {@code DialStatus}es: any
 *       NOANSWER/CANCEL/ABORT (or none at all) is NO_ANSWER, else any BUSY is BUSY, else
 *       (CONGESTION, CHANUNAVAIL) FAILED;
 *   <li>recordingUrl (ENDED): {@link AmiConfig#recordingUrl()} of MixMonitor's file, when known.
 * </ul>
 */
final class CallEventMapper {
  private final AmiConfig config;

  CallEventMapper(AmiConfig config) {
    this.config = config;
  }

  CallEvent ringing(TrackedCall call) {
    return base(call, CallPhase.RINGING)
        .employeeEndpoint(Optional.ofNullable(
            call.direction == CallDirection.OUTBOUND ? call.caller : call.ringingEndpoint))
        .tracking(tracking(call, false, Optional.empty(), call.startedAt))
        .build();
  }

  CallEvent answered(TrackedCall call) {
    return base(call, CallPhase.ANSWERED)
        .employeeEndpoint(Optional.ofNullable(answerer(call)))
        .answeredAt(call.answeredAt)
        .tracking(tracking(call, false, Optional.empty(), call.answeredAt))
        .build();
  }

  /** The ENDED event; {@code incomplete} names why it was made from partial knowledge. */
  CallEvent ended(TrackedCall call, Instant endedAt, Optional<String> incomplete) {
    Instant end = later(endedAt, call.answered() ? call.answeredAt : call.startedAt);
    CallEvent.Builder b = base(call, CallPhase.ENDED)
        .disposition(disposition(call))
        .endedAt(end)
        .tracking(tracking(call, true, incomplete, end));
    if (call.answered()) {
      b.answeredAt(call.answeredAt);
    }
    Optional.ofNullable(answerer(call)).ifPresent(b::employeeEndpoint);
    Optional.ofNullable(call.recordingFile).map(config.recordingUrl()).ifPresent(b::recordingUrl);
    return b.build();
  }

  private CallEvent.Builder base(TrackedCall call, CallPhase phase) {
    CallEvent.Builder b = CallEvent.builder()
        .callId(config.callIdPrefix() + call.linkedid)
        .phase(phase)
        .direction(call.direction)
        .clientPhone(call.clientPhone == null ? "anonymous" : call.clientPhone)
        .startedAt(call.startedAt);
    Optional.ofNullable(call.trackingPhone).ifPresent(b::trackingPhone);
    return b;
  }

  private static String answerer(TrackedCall call) {
    if (call.direction == CallDirection.OUTBOUND) {
      return call.caller;
    }
    return call.firstAnswerer;
  }

  static Disposition disposition(TrackedCall call) {
    if (call.answered()) {
      return Disposition.ANSWERED;
    }
    if (call.voicemail) {
      return Disposition.VOICEMAIL;
    }
    List<String> statuses = call.dialStatuses;
    boolean busy = false;
    boolean failed = false;
    for (String s : statuses) {
      switch (s.toUpperCase(Locale.ROOT)) {
        case "BUSY":
          busy = true;
          break;
        case "CONGESTION":
        case "CHANUNAVAIL":
          failed = true;
          break;
        case "ANSWER": // answered but never bridged with the client: not an answer for the client
          break;
        default: // NOANSWER, CANCEL, ABORT, CONTINUE, GOTO...
          return Disposition.NO_ANSWER;
      }
    }
    if (busy) {
      return Disposition.BUSY;
    }
    return failed ? Disposition.FAILED : Disposition.NO_ANSWER;
  }

  private static Tracking tracking(TrackedCall call, boolean ended, Optional<String> incomplete,
      Instant now) {
    Tracking.Builder t = Tracking.builder();
    Optional.ofNullable(call.queue).ifPresent(q -> t.putExtra(AmiExtras.QUEUE, q));
    if (ended) {
      Optional.ofNullable(call.transfer).ifPresent(x -> t.putExtra(AmiExtras.TRANSFER, x));
      if (call.legs.size() > 1) {
        t.putExtra(AmiExtras.LEGS, Integer.toString(call.legs.size()));
        int n = 0;
        for (TrackedCall.Leg leg : call.legs) {
          if (++n > AmiExtras.MAX_LISTED_LEGS) {
            break;
          }
          Instant to = leg.open() ? now : leg.to;
          String p = AmiExtras.LEG_PREFIX + n + "_";
          t.putExtra(p + "endpoint", leg.endpoint);
          t.putExtra(p + "from", leg.from.toString());
          t.putExtra(p + "seconds", Long.toString(Duration.between(leg.from, later(to, leg.from))
              .getSeconds()));
        }
      }
      incomplete.ifPresent(r -> t.putExtra(AmiExtras.INCOMPLETE, r));
    }
    return t.build();
  }

  private static Instant later(Instant a, Instant b) {
    return a.isBefore(b) ? b : a;
  }
}
