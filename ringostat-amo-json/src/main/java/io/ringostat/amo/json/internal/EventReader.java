package io.ringostat.amo.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallLeg;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.model.Tracking;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Walks one call-event tree (R-IN-1) into a {@link CallEvent}, reporting every problem with its
 * snake_case path. Phone fields are only checked for type and length: whether "anonymous" is a
 * usable number is the decision's business (R-PHONE), not the codec's. Reasons never quote phone
 * numbers.
 */
public final class EventReader {
  /** Top-level keys, in documentation order. */
  public static final List<String> KEYS = List.of("call_id", "phase", "direction", "disposition",
      "client_phone", "tracking_phone", "employee_endpoint", "started_at", "answered_at",
      "ended_at", "recording_url", "legs", "tracking");

  /** Keys of each item of {@code legs} (R-LIFE). */
  public static final List<String> LEG_KEYS = List.of("endpoint", "started_at", "duration");

  /** Keys of {@code tracking}; only {@code extra} holds free-form keys. */
  public static final List<String> TRACKING_KEYS = List.of("pool", "utm_source", "utm_medium",
      "utm_campaign", "utm_term", "utm_content", "landing_page", "referrer", "ad_source",
      "ga_client_id", "extra");

  /** Longest string value, in characters. */
  public static final int MAX_STRING = io.ringostat.amo.core.model.CallEvent.MAX_TEXT;
  /** Longest URL value (recording_url, landing_page, referrer), in characters. */
  public static final int MAX_URL = io.ringostat.amo.core.model.CallEvent.MAX_URL;
  /** Most entries in {@code tracking.extra}. */
  public static final int MAX_EXTRA = io.ringostat.amo.core.model.Tracking.MAX_EXTRA;
  /** Longest key in {@code tracking.extra}. */
  public static final int MAX_EXTRA_KEY = 128;

  /** Epoch seconds beyond this (year 5138) are almost certainly milliseconds sent by mistake. */
  private static final BigDecimal MAX_EPOCH_SECONDS = BigDecimal.valueOf(100_000_000_000L);
  private static final String INSTANT_EXAMPLE =
      "an ISO-8601 instant such as \"2026-11-25T10:15:30Z\" or epoch seconds such as 1795601730";

  private final Problems problems;

  private EventReader(Problems problems) {
    this.problems = problems;
  }

  /** The event in {@code root}; empty when it has problems (all reported). */
  public static Optional<CallEvent> read(JsonNode root, Problems problems) {
    return new EventReader(problems).event(root);
  }

  private Optional<CallEvent> event(JsonNode root) {
    int before = problems.count();
    Optional<ObjectView> view = ObjectView.of(root, Paths.ROOT, problems, KEYS);
    if (view.isEmpty()) {
      return Optional.empty();
    }
    ObjectView e = view.get();
    Optional<String> callId = e.requiredString("call_id", MAX_STRING, "the host's unique id of"
        + " the call, a string");
    callId.ifPresent(id -> checkCallId(id, e.path("call_id")));
    Optional<CallPhase> phase = required(e, "phase", CallPhase.class);
    Optional<CallDirection> direction = required(e, "direction", CallDirection.class);
    Optional<Disposition> disposition = e.enumValue("disposition", Disposition.class);
    Optional<String> clientPhone = e.has("client_phone")
        ? e.stringOrInteger("client_phone", MAX_STRING)
        : missing(e, "client_phone", "the customer's number as the PBX saw it, any format");
    Optional<String> trackingPhone = e.stringOrInteger("tracking_phone", MAX_STRING);
    Optional<String> endpoint = e.stringOrInteger("employee_endpoint", MAX_STRING);
    Optional<Instant> startedAt = e.has("started_at")
        ? instant(e, "started_at")
        : missing(e, "started_at", INSTANT_EXAMPLE);
    Optional<Instant> answeredAt = instant(e, "answered_at");
    Optional<Instant> endedAt = instant(e, "ended_at");
    Optional<String> recordingUrl = e.string("recording_url", MAX_URL);
    Optional<Tracking> tracking = e.value("tracking").flatMap(t -> tracking(t, e.path("tracking")));
    List<CallLeg> legs = e.value("legs").map(l -> legs(l, e.path("legs"))).orElse(List.of());
    if (phase.isPresent() && phase.get().isFinal() && !e.has("disposition")) {
      problems.add(e.path("disposition"), "required on an " + phase.get() + " event: one of"
          + " ANSWERED, NO_ANSWER, BUSY, FAILED, VOICEMAIL");
    }
    if (phase.isPresent() && !phase.get().isFinal() && e.has("legs")) {
      problems.add(e.path("legs"), "only an ENDED or UPDATED event carries legs");
    }
    checkOrder(startedAt, answeredAt, endedAt, e);
    if (problems.count() != before) {
      return Optional.empty();
    }
    CallEvent.Builder b = CallEvent.builder().callId(callId.get()).phase(phase.get())
        .direction(direction.get()).disposition(disposition).clientPhone(clientPhone.get())
        .trackingPhone(trackingPhone).employeeEndpoint(endpoint).startedAt(startedAt.get())
        .answeredAt(answeredAt).endedAt(endedAt).recordingUrl(recordingUrl).legs(legs);
    tracking.ifPresent(b::tracking);
    try {
      return Optional.of(b.build());
    } catch (IllegalStateException | IllegalArgumentException ex) {
      BuilderFailures.report(ex, Paths.ROOT, EventReader::snakeCase, problems);
      return Optional.empty();
    }
  }

  private void checkCallId(String id, String path) {
    if (id.isBlank()) {
      problems.add(path, "must not be blank: send the host's unique id of the call");
    } else if (id.length() > CallEvent.MAX_CALL_ID_LENGTH) {
      problems.add(path, "too long: " + id.length() + " characters, at most "
          + CallEvent.MAX_CALL_ID_LENGTH + " (it becomes the call record's uniq)");
    }
  }

  private void checkOrder(Optional<Instant> started, Optional<Instant> answered,
      Optional<Instant> ended, ObjectView e) {
    if (started.isPresent() && answered.isPresent() && answered.get().isBefore(started.get())) {
      problems.add(e.path("answered_at"), answered.get() + " is before started_at "
          + started.get() + ": check the host's clock or field mapping");
    }
    Optional<Instant> earlier = answered.isPresent() ? answered : started;
    if (earlier.isPresent() && ended.isPresent() && ended.get().isBefore(earlier.get())) {
      problems.add(e.path("ended_at"), ended.get() + " is before "
          + (answered.isPresent() ? "answered_at " : "started_at ") + earlier.get()
          + ": check the host's clock or field mapping");
    }
  }

  /** The legs of a transferred call (R-LIFE): each {@code endpoint}, {@code started_at} and
   * {@code duration} in whole seconds. */
  private List<CallLeg> legs(JsonNode node, String path) {
    if (!node.isArray()) {
      problems.add(path, "expected an array of legs such as [{\"endpoint\": \"sip:101\","
          + " \"started_at\": \"2026-11-25T10:15:30Z\", \"duration\": 40}], got "
          + ObjectView.describe(node));
      return List.of();
    }
    if (node.size() > CallEvent.MAX_LEGS) {
      problems.add(path, "more than " + CallEvent.MAX_LEGS + " legs (" + node.size() + ")");
      return List.of();
    }
    List<CallLeg> out = new java.util.ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String at = path + "[" + i + "]";
      Optional<ObjectView> view = ObjectView.of(node.get(i), at, problems, LEG_KEYS);
      if (view.isEmpty()) {
        continue;
      }
      ObjectView l = view.get();
      Optional<String> endpoint = l.has("endpoint") ? l.stringOrInteger("endpoint", MAX_STRING)
          : missing(l, "endpoint", "the SIP login or number of the employee on this leg");
      Optional<Instant> started = l.has("started_at") ? instant(l, "started_at")
          : missing(l, "started_at", INSTANT_EXAMPLE);
      Optional<java.time.Duration> duration = Optional.empty();
      Optional<JsonNode> d = l.value("duration");
      if (d.isEmpty()) {
        missing(l, "duration", "how long this employee talked, in whole seconds");
      } else if (!d.get().canConvertToLong() || !d.get().isIntegralNumber()
          || d.get().longValue() < 0) {
        problems.add(l.path("duration"), "expected whole seconds (0 or more), got "
            + ObjectView.describe(d.get()));
      } else {
        duration = Optional.of(java.time.Duration.ofSeconds(d.get().longValue()));
      }
      if (endpoint.isPresent() && endpoint.get().isBlank()) {
        problems.add(l.path("endpoint"), "must not be blank");
        continue;
      }
      if (endpoint.isPresent() && started.isPresent() && duration.isPresent()) {
        out.add(new CallLeg(endpoint.get(), started.get(), duration.get()));
      }
    }
    return out;
  }

  private Optional<Instant> instant(ObjectView e, String key) {
    Optional<JsonNode> v = e.value(key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    JsonNode n = v.get();
    String path = e.path(key);
    if (n.isNumber()) {
      return epochSeconds(n.decimalValue(), path);
    }
    if (!n.isTextual()) {
      problems.add(path, "expected " + INSTANT_EXAMPLE + ", got " + ObjectView.describe(n));
      return Optional.empty();
    }
    String text = n.textValue().trim();
    if (text.length() > 64) {
      problems.add(path, "too long for an instant; send " + INSTANT_EXAMPLE);
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeException notOffset) {
      try {
        LocalDateTime.parse(text);
        problems.add(path, Redaction.quote(text) + " has no UTC offset: add \"Z\" for UTC or an"
            + " offset such as \"+02:00\"");
      } catch (DateTimeException notLocal) {
        problems.add(path, Redaction.quote(text) + " is not an instant; send " + INSTANT_EXAMPLE);
      }
      return Optional.empty();
    }
  }

  private Optional<Instant> epochSeconds(BigDecimal seconds, String path) {
    if (seconds.signum() < 0) {
      problems.add(path, "must not be negative; send " + INSTANT_EXAMPLE);
      return Optional.empty();
    }
    if (seconds.compareTo(MAX_EPOCH_SECONDS) > 0) {
      problems.add(path, "too large for epoch seconds (milliseconds?): send seconds, e.g."
          + " 1795601730, or an ISO-8601 instant");
      return Optional.empty();
    }
    BigDecimal nanos = seconds.remainder(BigDecimal.ONE).movePointRight(9);
    if (nanos.stripTrailingZeros().scale() > 0) {
      problems.add(path, "more than 9 decimal places; send at most nanosecond precision");
      return Optional.empty();
    }
    return Optional.of(Instant.ofEpochSecond(seconds.longValue(), nanos.longValue()));
  }

  private Optional<Tracking> tracking(JsonNode node, String path) {
    Optional<ObjectView> view = ObjectView.of(node, path, problems, TRACKING_KEYS,
        " (free-form parameters such as roistat_visit_id go in tracking.extra)");
    if (view.isEmpty()) {
      return Optional.empty();
    }
    ObjectView t = view.get();
    Tracking.Builder b = Tracking.builder();
    set(t, "pool", MAX_STRING, b::pool);
    set(t, "utm_source", MAX_STRING, b::utmSource);
    set(t, "utm_medium", MAX_STRING, b::utmMedium);
    set(t, "utm_campaign", MAX_STRING, b::utmCampaign);
    set(t, "utm_term", MAX_STRING, b::utmTerm);
    set(t, "utm_content", MAX_STRING, b::utmContent);
    set(t, "landing_page", MAX_URL, b::landingPage);
    set(t, "referrer", MAX_URL, b::referrer);
    set(t, "ad_source", MAX_STRING, b::adSource);
    set(t, "ga_client_id", MAX_STRING, b::gaClientId);
    t.value("extra").flatMap(x -> ObjectView.map(x, t.path("extra"), problems))
        .ifPresent(x -> extra(x, b));
    return Optional.of(b.build());
  }

  private void extra(ObjectView x, Tracking.Builder b) {
    List<Map.Entry<String, JsonNode>> entries = x.entries();
    if (entries.size() > MAX_EXTRA) {
      problems.add(x.path(), entries.size() + " entries; at most " + MAX_EXTRA
          + ": send only the parameters the CRM needs");
      return;
    }
    for (Map.Entry<String, JsonNode> entry : entries) {
      String key = entry.getKey();
      if (key.isBlank() || key.length() > MAX_EXTRA_KEY) {
        problems.add(x.path(), "a key is " + (key.isBlank() ? "blank" : key.length()
            + " characters long") + "; keys are 1 to " + MAX_EXTRA_KEY + " characters");
        continue;
      }
      JsonNode v = entry.getValue();
      String path = Paths.inputKey(x.path(), key);
      if (v.isIntegralNumber()) {
        b.putExtra(key, v.bigIntegerValue().toString());
      } else if (v.isTextual()) {
        ObjectView.string(v, path, MAX_STRING, problems).ifPresent(s -> b.putExtra(key, s));
      } else {
        problems.add(path, "expected a string, got " + ObjectView.describe(v)
            + " (extra parameters are flat name → string pairs)");
      }
    }
  }

  private static void set(ObjectView t, String key, int max, Consumer<String> setter) {
    t.string(key, max).ifPresent(setter);
  }

  private <E extends Enum<E>> Optional<E> required(ObjectView e, String key, Class<E> type) {
    if (!e.has(key)) {
      return missing(e, key, "one of " + String.join(", ",
          java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
    }
    return e.enumValue(key, type);
  }

  private static <T> Optional<T> missing(ObjectView e, String key, String what) {
    e.missing(key, what);
    return Optional.empty();
  }

  /** "answeredAt" → "answered_at", for the core's field names in builder failures. */
  static String snakeCase(String camel) {
    StringBuilder out = new StringBuilder();
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
