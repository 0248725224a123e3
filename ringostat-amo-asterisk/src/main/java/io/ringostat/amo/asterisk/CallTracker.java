package io.ringostat.amo.asterisk;

import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows calls on the AMI event stream and emits their {@link CallEvent}s.
 *
 * <p>A call is the group of channels sharing a {@code Linkedid}; it starts with the {@code
 * Newchannel} whose {@code Uniqueid} equals its {@code Linkedid} and ends when the last of its
 * channels hangs up. A channel moves to another call when an event shows it with a new {@code
 * Linkedid} (Asterisk gives bridged channels the oldest one) or when an {@code AttendedTransfer}
 * joins the transfer target to the transferee. The <em>client channel</em> is the trunk side
 * (inbound: the first channel; outbound: the trunk channel it dials). An employee <em>answers</em>
 * when a non-trunk, non-Local channel enters the client channel's bridge; each such stretch is a
 * leg, closed when either leaves the bridge or hangs up.
 *
 * <p>Emits RINGING once (inbound: the first employee dialled; outbound: the first trunk dial),
 * ANSWERED once (the first leg) and ENDED once. Events of channels that began before the adapter was
 * connected are ignored. Not thread-safe: the reader thread owns it. Never throws for odd input; it
 * logs and skips.
 */
final class CallTracker {
  private static final Logger log = LoggerFactory.getLogger(CallTracker.class);
  private static final int ENDED_MEMORY = 4096;

  /** What a channel is, from its context and endpoint. */
  enum Kind { TRUNK, INTERNAL, LOCAL, OTHER }

  private static final class Channel {
    final String uid;
    final String name;
    final String endpoint;
    final Kind kind;
    String linkedid;
    String bridge;

    Channel(String uid, String name, Kind kind, String linkedid) {
      this.uid = uid;
      this.name = name;
      this.endpoint = ChannelNames.endpoint(name);
      this.kind = kind;
      this.linkedid = linkedid;
    }

    boolean employee() {
      return kind == Kind.INTERNAL || kind == Kind.OTHER;
    }
  }

  private final AmiConfig config;
  private final CallEventMapper mapper;
  private final Consumer<CallEvent> out;
  private final Map<String, Channel> channels = new HashMap<>();
  private final Map<String, TrackedCall> calls = new LinkedHashMap<>();
  private final Map<String, Set<String>> bridges = new HashMap<>();
  private final Map<String, Boolean> recentlyEnded = new LinkedHashMap<>(64, 0.75f, false) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > ENDED_MEMORY;
    }
  };

  CallTracker(AmiConfig config, CallEventMapper mapper, Consumer<CallEvent> out) {
    this.config = config;
    this.mapper = mapper;
    this.out = out;
  }

  /** Calls being followed (for tests and diagnostics). */
  int callsInProgress() {
    return calls.size();
  }

  /** Feeds one AMI message observed at {@code at}. Responses and unknown events are ignored. */
  void accept(AmiMessage m, Instant at) {
    String event = m.event();
    if (event.isEmpty()) {
      return;
    }
    relinkIfMoved(m, at);
    switch (event) {
      case "Newchannel" -> onNewchannel(m, at);
      case "DialBegin" -> onDialBegin(m, at);
      case "DialEnd" -> onDialEnd(m, at);
      case "BridgeEnter" -> onBridgeEnter(m, at);
      case "BridgeLeave" -> onBridgeLeave(m, at);
      case "Hangup" -> onHangup(m, at);
      case "BlindTransfer" -> onTransfer(m, "blind", "Transferee", at);
      case "AttendedTransfer" -> onTransfer(m, "attended", "Transferee", at);
      case "VarSet" -> onVarSet(m, at);
      case "Newexten" -> onNewexten(m, at);
      case "QueueCallerJoin" -> callOf(m.value("Uniqueid")).ifPresent(c -> c.queue = m.value("Queue"));
      case "MixMonitorStop" -> log.debug("MixMonitor stopped on {}", m.value("Channel"));
      default -> { }
    }
  }

  /** Finishes every call in progress from what is known, marking it {@code incomplete}. */
  void abandonAll(String reason, Instant at) {
    for (TrackedCall call : new ArrayList<>(calls.values())) {
      end(call, at.isBefore(call.lastSeen) ? call.lastSeen : at, Optional.of(reason));
    }
    channels.clear();
    bridges.clear();
  }

  // --- events ------------------------------------------------------------------------------

  private void onNewchannel(AmiMessage m, Instant at) {
    String uid = m.value("Uniqueid");
    String lid = m.get("Linkedid").filter(s -> !s.isEmpty()).orElse(uid);
    if (uid.isEmpty() || channels.containsKey(uid)) {
      return;
    }
    Channel ch = new Channel(uid, m.value("Channel"), kind(m, ""), lid);
    if (uid.equals(lid)) {
      if (calls.size() >= config.maxCalls()) {
        TrackedCall oldest = calls.values().iterator().next();
        log.warn("More than {} calls in progress; finishing call {} as incomplete",
            config.maxCalls(), oldest.linkedid);
        end(oldest, at, Optional.of(AmiExtras.TOO_MANY_CALLS));
      }
      TrackedCall call = new TrackedCall(lid, at);
      classifyFirst(call, ch, m);
      calls.put(lid, call);
    } else if (!calls.containsKey(lid)) {
      return; // part of a call that began before we connected
    }
    channels.put(uid, ch);
    calls.get(lid).liveChannels.add(uid);
    calls.get(lid).seen(at);
  }

  private void classifyFirst(TrackedCall call, Channel first, AmiMessage m) {
    switch (first.kind) {
      case TRUNK -> {
        call.direction = CallDirection.INBOUND;
        call.clientChannelUid = first.uid;
        call.clientPhone = number(m.value("CallerIDNum"));
        call.trackingPhone = number(m.value("Exten"));
      }
      case INTERNAL, OTHER -> {
        call.maybeOutbound = true;
        call.caller = first.endpoint;
        call.clientPhone = number(m.value("Exten"));
      }
      default -> { } // Local channels (Originate): not covered yet
    }
  }

  private void onDialBegin(AmiMessage m, Instant at) {
    Optional<TrackedCall> found = callOf(m.value("Uniqueid"));
    if (found.isEmpty()) {
      return;
    }
    TrackedCall call = found.get();
    call.seen(at);
    Channel dest = ensureDest(m, call);
    if (dest == null) {
      return;
    }
    if (!call.classified() && call.maybeOutbound && dest.kind == Kind.TRUNK) {
      call.direction = CallDirection.OUTBOUND;
      call.clientChannelUid = dest.uid;
    }
    if (!call.classified() || call.ringingSent) {
      return;
    }
    if (call.direction == CallDirection.OUTBOUND) {
      emitRinging(call);
    } else if (dest.employee()) {
      call.ringingEndpoint = dest.endpoint;
      emitRinging(call);
    }
  }

  private Channel ensureDest(AmiMessage m, TrackedCall call) {
    String destUid = m.value("DestUniqueid");
    if (destUid.isEmpty()) {
      return null;
    }
    Channel dest = channels.get(destUid);
    if (dest == null) { // Newchannel missed: learn it from the Dest* snapshot
      dest = new Channel(destUid, m.value("DestChannel"), kind(m, "Dest"), call.linkedid);
      channels.put(destUid, dest);
      call.liveChannels.add(destUid);
    }
    return dest;
  }

  private void onDialEnd(AmiMessage m, Instant at) {
    callOf(m.value("Uniqueid")).ifPresent(call -> {
      call.seen(at);
      String status = m.value("DialStatus");
      if (!status.isEmpty()) {
        call.dialStatuses.add(status);
      }
    });
  }

  private void onBridgeEnter(AmiMessage m, Instant at) {
    Channel ch = channels.get(m.value("Uniqueid"));
    if (ch == null) {
      return;
    }
    String bridge = m.value("BridgeUniqueid");
    leaveBridge(ch);
    ch.bridge = bridge;
    bridges.computeIfAbsent(bridge, b -> new LinkedHashSet<>()).add(ch.uid);
    m.get("SwapUniqueid").filter(s -> !s.isEmpty()).map(channels::get).ifPresent(swapped -> {
      leaveBridge(swapped);
    });
    reviewAround(ch, at);
  }

  private void onBridgeLeave(AmiMessage m, Instant at) {
    Channel ch = channels.get(m.value("Uniqueid"));
    if (ch == null) {
      return;
    }
    leaveBridge(ch);
    reviewAround(ch, at);
  }

  private void onHangup(AmiMessage m, Instant at) {
    Channel ch = channels.remove(m.value("Uniqueid"));
    if (ch == null) {
      return;
    }
    leaveBridge(ch);
    reviewAround(ch, at);
    TrackedCall call = calls.get(ch.linkedid);
    if (call != null) {
      call.seen(at);
      call.liveChannels.remove(ch.uid);
      if (call.liveChannels.isEmpty()) {
        end(call, at, Optional.empty());
      }
    }
  }

  private void onTransfer(AmiMessage m, String kind, String transfereePrefix, Instant at) {
    if (!m.value("Result").equalsIgnoreCase("Success")) {
      return;
    }
    Optional<TrackedCall> found = callOf(m.value(transfereePrefix + "Uniqueid"))
        .or(() -> callOf(m.value("TransfererUniqueid")))
        .or(() -> callOf(m.value("OrigTransfererUniqueid")));
    found.ifPresent(call -> {
      call.transfer = kind;
      call.seen(at);
      Channel target = channels.get(m.value("TransferTargetUniqueid"));
      if (target != null && !call.linkedid.equals(target.linkedid)) {
        moveTo(target, call.linkedid, at);
      }
    });
  }

  private void onVarSet(AmiMessage m, Instant at) {
    if (!m.value("Variable").equalsIgnoreCase("MIXMONITOR_FILENAME")) {
      return;
    }
    String file = m.value("Value");
    Optional<TrackedCall> call = callOf(m.value("Uniqueid"));
    if (call.isPresent()) {
      call.get().recordingFile = file;
      call.get().seen(at);
    } else if (recentlyEnded.containsKey(m.value("Linkedid"))) {
      // call updates after ENDED are issue 12's; until then the recording is only logged
      log.warn("Recording of call {} reported after it ended; not sent", m.value("Linkedid"));
    }
  }

  private void onNewexten(AmiMessage m, Instant at) {
    if (!m.value("Application").equalsIgnoreCase("VoiceMail")) {
      return;
    }
    callOf(m.value("Uniqueid"))
        .filter(c -> m.value("Uniqueid").equals(c.clientChannelUid))
        .ifPresent(c -> c.voicemail = true);
  }

  // --- bridges, legs, linkedids ------------------------------------------------------------

  private void leaveBridge(Channel ch) {
    if (ch.bridge == null) {
      return;
    }
    Set<String> members = bridges.get(ch.bridge);
    if (members != null) {
      members.remove(ch.uid);
      if (members.isEmpty()) {
        bridges.remove(ch.bridge);
      }
    }
    ch.bridge = null;
  }

  /** Reviews the legs of the channel's call and of every call with an open leg on it. */
  private void reviewAround(Channel ch, Instant at) {
    Set<TrackedCall> affected = new LinkedHashSet<>();
    Optional.ofNullable(calls.get(ch.linkedid)).ifPresent(affected::add);
    for (TrackedCall c : calls.values()) {
      if (c.openLeg(ch.uid).isPresent()) {
        affected.add(c);
      }
    }
    if (ch.bridge != null) {
      for (String uid : bridges.getOrDefault(ch.bridge, Set.of())) {
        Channel other = channels.get(uid);
        if (other != null) {
          Optional.ofNullable(calls.get(other.linkedid)).ifPresent(affected::add);
        }
      }
    }
    affected.forEach(c -> reviewLegs(c, at));
  }

  private void reviewLegs(TrackedCall call, Instant at) {
    if (!call.classified()) {
      return;
    }
    Channel client = call.clientChannelUid == null ? null : channels.get(call.clientChannelUid);
    String clientBridge = client == null ? null : client.bridge;
    for (TrackedCall.Leg leg : call.legs) {
      if (!leg.open()) {
        continue;
      }
      Channel ch = channels.get(leg.channelUid);
      if (clientBridge == null || ch == null || !clientBridge.equals(ch.bridge)) {
        leg.to = at;
      }
    }
    if (clientBridge == null) {
      return;
    }
    for (String uid : bridges.getOrDefault(clientBridge, Set.of())) {
      Channel ch = channels.get(uid);
      if (ch == null || !ch.employee() || uid.equals(client.uid) || call.openLeg(uid).isPresent()) {
        continue;
      }
      call.legs.add(new TrackedCall.Leg(ch.endpoint, uid, at));
      call.seen(at);
      if (!call.answered()) {
        call.answeredAt = at.isBefore(call.startedAt) ? call.startedAt : at;
        call.firstAnswerer = ch.endpoint;
        if (!call.ringingSent) {
          emitRinging(call); // hosts get the phases in order even if no dial was seen
        }
        emit(call, mapper::answered);
      }
    }
  }

  private void relinkIfMoved(AmiMessage m, Instant at) {
    Channel ch = channels.get(m.value("Uniqueid"));
    String lid = m.value("Linkedid");
    if (ch != null && !lid.isEmpty() && !lid.equals(ch.linkedid)) {
      moveTo(ch, lid, at);
    }
  }

  private void moveTo(Channel ch, String newLinkedid, Instant at) {
    TrackedCall from = calls.get(ch.linkedid);
    TrackedCall to = calls.get(newLinkedid);
    log.debug("Channel {} moves from call {} to call {}", ch.name, ch.linkedid, newLinkedid);
    ch.linkedid = newLinkedid;
    if (to != null) {
      to.liveChannels.add(ch.uid);
      to.seen(at);
    } else {
      channels.remove(ch.uid); // joined a call we do not follow
      leaveBridge(ch);
    }
    if (from != null) {
      from.liveChannels.remove(ch.uid);
      if (from.liveChannels.isEmpty()) {
        end(from, at, Optional.empty());
      }
    }
  }

  // --- emission ----------------------------------------------------------------------------

  private void end(TrackedCall call, Instant at, Optional<String> incomplete) {
    calls.remove(call.linkedid);
    recentlyEnded.put(call.linkedid, Boolean.TRUE);
    for (TrackedCall.Leg leg : call.legs) {
      if (leg.open()) {
        leg.to = at.isBefore(leg.from) ? leg.from : at;
      }
    }
    if (!call.classified()) {
      log.debug("Call {} ended without reaching a trunk; internal, not reported", call.linkedid);
      return;
    }
    emit(call, c -> mapper.ended(c, at, incomplete));
  }

  private void emitRinging(TrackedCall call) {
    call.ringingSent = true;
    emit(call, mapper::ringing);
  }

  private void emit(TrackedCall call, java.util.function.Function<TrackedCall, CallEvent> make) {
    CallEvent event;
    try {
      event = make.apply(call);
    } catch (RuntimeException e) { // an invalid event (e.g. a huge field): skip it, keep going
      log.error("Cannot build an event for call {}: {}", call.linkedid, e.getMessage());
      return;
    }
    out.accept(event);
  }

  // --- helpers -----------------------------------------------------------------------------

  private Optional<TrackedCall> callOf(String uid) {
    Channel ch = channels.get(uid);
    return ch == null ? Optional.empty() : Optional.ofNullable(calls.get(ch.linkedid));
  }

  private Kind kind(AmiMessage m, String prefix) {
    String name = m.value(prefix + "Channel");
    String context = m.value(prefix + "Context").toLowerCase(Locale.ROOT);
    if (ChannelNames.tech(name).equals("local")) {
      return Kind.LOCAL;
    }
    if (config.trunkContexts().contains(context)
        || config.trunkEndpoints().contains(ChannelNames.endpoint(name).toLowerCase(Locale.ROOT))) {
      return Kind.TRUNK;
    }
    return config.internalContexts().contains(context) ? Kind.INTERNAL : Kind.OTHER;
  }

  /** A number as Asterisk reported it; {@code <unknown>} and blanks mean "anonymous". */
  private static String number(String value) {
    String v = value.trim();
    return v.isEmpty() || v.equals("<unknown>") ? null : v;
  }
}
