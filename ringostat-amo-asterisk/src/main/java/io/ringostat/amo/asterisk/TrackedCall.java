package io.ringostat.amo.asterisk;

import io.ringostat.amo.core.model.CallDirection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the tracker knows about one call (one {@code Linkedid}). Mutable; confined to the reader
 * thread.
 */
final class TrackedCall {
  /** One employee's stretch of conversation with the client. */
  static final class Leg {
    final String endpoint;
    final String channelUid;
    final Instant from;
    Instant to;

    Leg(String endpoint, String channelUid, Instant from) {
      this.endpoint = endpoint;
      this.channelUid = channelUid;
      this.from = from;
    }

    boolean open() {
      return to == null;
    }
  }

  final String linkedid;
  final Instant startedAt;
  /** Known once the call is classified; empty for internal calls, which emit nothing. */
  CallDirection direction;
  /** The first channel is an employee's: outbound once it dials a trunk. */
  boolean maybeOutbound;
  String clientChannelUid;
  String clientPhone;
  String trackingPhone;
  /** Outbound: the employee who dials. */
  String caller;
  String ringingEndpoint;
  boolean ringingSent;
  Instant answeredAt;
  String firstAnswerer;
  boolean voicemail;
  String queue;
  String transfer;
  String recordingFile;
  Instant lastSeen;
  final Set<String> liveChannels = new LinkedHashSet<>();
  final List<String> dialStatuses = new ArrayList<>();
  final List<Leg> legs = new ArrayList<>();

  TrackedCall(String linkedid, Instant startedAt) {
    this.linkedid = linkedid;
    this.startedAt = startedAt;
    this.lastSeen = startedAt;
  }

  boolean classified() {
    return direction != null;
  }

  boolean answered() {
    return answeredAt != null;
  }

  Optional<Leg> openLeg(String channelUid) {
    return legs.stream().filter(l -> l.open() && l.channelUid.equals(channelUid)).findFirst();
  }

  void seen(Instant at) {
    if (at.isAfter(lastSeen)) {
      lastSeen = at;
    }
  }
}
