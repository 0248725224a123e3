package io.ringostat.amo.json.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.Tracking;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Writes a call event as one compact JSON line, keys in documentation order, absent values left
 * out, instants as ISO-8601 UTC ({@link java.time.Instant#toString()}), so it reads back equal.
 */
public final class EventWriter {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private EventWriter() {}

  public static String write(CallEvent e) {
    ObjectNode out = F.objectNode();
    out.put("call_id", e.callId());
    out.put("phase", e.phase().name());
    out.put("direction", e.direction().name());
    e.disposition().ifPresent(d -> out.put("disposition", d.name()));
    out.put("client_phone", e.clientPhone());
    put(out, "tracking_phone", e.trackingPhone());
    put(out, "employee_endpoint", e.employeeEndpoint());
    out.put("started_at", e.startedAt().toString());
    e.answeredAt().ifPresent(t -> out.put("answered_at", t.toString()));
    e.endedAt().ifPresent(t -> out.put("ended_at", t.toString()));
    put(out, "recording_url", e.recordingUrl());
    if (!e.legs().isEmpty()) {
      com.fasterxml.jackson.databind.node.ArrayNode legs = out.putArray("legs");
      e.legs().forEach(l -> legs.addObject().put("endpoint", l.endpoint())
          .put("started_at", l.startedAt().toString()).put("duration", l.duration().toSeconds()));
    }
    if (!e.tracking().equals(Tracking.EMPTY)) {
      out.set("tracking", tracking(e.tracking()));
    }
    try {
      return JsonInput.EVENTS.mapper().writeValueAsString(out);
    } catch (JsonProcessingException ex) {
      throw new UncheckedIOException("cannot write a JSON tree", ex);
    }
  }

  private static ObjectNode tracking(Tracking t) {
    ObjectNode out = F.objectNode();
    put(out, "pool", t.pool());
    put(out, "utm_source", t.utmSource());
    put(out, "utm_medium", t.utmMedium());
    put(out, "utm_campaign", t.utmCampaign());
    put(out, "utm_term", t.utmTerm());
    put(out, "utm_content", t.utmContent());
    put(out, "landing_page", t.landingPage());
    put(out, "referrer", t.referrer());
    put(out, "ad_source", t.adSource());
    put(out, "ga_client_id", t.gaClientId());
    if (!t.extra().isEmpty()) {
      ObjectNode extra = out.putObject("extra");
      t.extra().forEach(extra::put);
    }
    return out;
  }

  private static void put(ObjectNode out, String key, Optional<String> value) {
    value.ifPresent(v -> out.put(key, v));
  }
}
