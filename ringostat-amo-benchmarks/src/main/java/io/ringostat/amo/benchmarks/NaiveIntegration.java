package io.ringostat.amo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.okhttp.AmoRateLimiter;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The baselines the SDK is compared with, one request per step and per call, in two styles:
 *
 * <ul>
 *   <li>{@link Style#OBVIOUS}: written the obvious way — search the contact, create the contact,
 *       create the lead, link the lead to the contact, add the call note, add the call-back task
 *       (six requests for a new client; amoCRM needs no link request, the emulator answers it
 *       404), paced evenly {@code 1/rate} seconds apart across all its threads.
 *   <li>{@link Style#BEST}: the best an integration can do without batching — search, the lead
 *       with its contact in one {@code POST /api/v4/leads/complex}, the call note, the task (four
 *       requests), paced by the SDK's own {@link AmoRateLimiter}, each permit held until its
 *       answer, exactly as the SDK's transport does.
 * </ul>
 *
 * <p>Both share the SDK's OkHttp client; a 429 is counted and the request repeated after one
 * second. Thread-safe. Benchmark code only.
 */
final class NaiveIntegration {
  private static final MediaType JSON = MediaType.get("application/json");

  /** How the baseline spends its requests. */
  enum Style {
    OBVIOUS("naive (6 requests/call)"),
    BEST("best naive (4 requests/call, SDK pacing)");

    final String label;

    Style(String label) {
      this.label = label;
    }
  }

  private final OkHttpClient client;
  private final HttpUrl base;
  private final String authorization;
  private final Style style;
  private final EvenlySpaced evenly;
  private final AmoRateLimiter sdkLimiter;
  private final ObjectMapper json = new ObjectMapper();
  final AtomicLong requests = new AtomicLong();
  final AtomicLong throttled = new AtomicLong();
  final AtomicLong failed = new AtomicLong();

  NaiveIntegration(OkHttpClient client, String baseUrl, String token, double rate, Style style) {
    this.client = client;
    this.base = HttpUrl.get(baseUrl);
    this.authorization = "Bearer " + token;
    this.style = style;
    this.evenly = new EvenlySpaced(rate);
    this.sdkLimiter = AmoRateLimiter.perSecond(rate);
  }

  /** Delivers a missed call from a new client in the style's requests; returns the lead id. */
  long deliverMissedCall(CallEvent e, PhoneNumber phone, long responsibleUserId, long pipelineId)
      throws IOException, InterruptedException {
    return style == Style.BEST
        ? deliverBest(e, phone, responsibleUserId, pipelineId)
        : deliverObvious(e, phone, responsibleUserId, pipelineId);
  }

  /** Search, the lead with its new contact in one request, the note, the task. */
  private long deliverBest(CallEvent e, PhoneNumber phone, long responsibleUserId,
      long pipelineId) throws IOException, InterruptedException {
    JsonNode found = send(get("/api/v4/contacts", "query", phone.digits()));
    ObjectNode lead = json.createObjectNode().put("name", "Missed call " + phone.e164())
        .put("pipeline_id", pipelineId).put("responsible_user_id", responsibleUserId);
    long leadId;
    if (found != null && found.path("_embedded").path("contacts").size() > 0) {
      long contactId = found.path("_embedded").path("contacts").get(0).path("id").asLong();
      lead.putObject("_embedded").putArray("contacts").addObject().put("id", contactId);
    } else {
      lead.putObject("_embedded").putArray("contacts").add(newContact(phone, responsibleUserId));
    }
    JsonNode created = send(post("/api/v4/leads/complex", array(lead)));
    JsonNode id = created == null ? null : created.path(0).path("id");
    if (id == null || !id.canConvertToLong()) {
      throw new IOException("no lead id in the leads/complex answer: " + created);
    }
    leadId = id.asLong();
    send(post("/api/v4/leads/" + leadId + "/notes", array(note(e, phone))));
    send(post("/api/v4/tasks", array(task(e, leadId, responsibleUserId))));
    return leadId;
  }

  private ObjectNode newContact(PhoneNumber phone, long responsibleUserId) {
    ObjectNode contact = json.createObjectNode().put("name", phone.e164())
        .put("responsible_user_id", responsibleUserId);
    ObjectNode phoneField = contact.putArray("custom_fields_values").addObject()
        .put("field_code", "PHONE");
    phoneField.putArray("values").addObject().put("value", phone.e164()).put("enum_code", "WORK");
    return contact;
  }

  private ObjectNode note(CallEvent e, PhoneNumber phone) {
    ObjectNode note = json.createObjectNode().put("note_type", "call_in");
    note.putObject("params").put("uniq", e.callId()).put("duration", 0)
        .put("source", "naive").put("phone", phone.e164()).put("call_status", 6)
        .put("call_result", "Missed");
    return note;
  }

  private ObjectNode task(CallEvent e, long leadId, long responsibleUserId) {
    return json.createObjectNode().put("text", "Call the client back")
        .put("complete_till", e.occurredAt().plus(Duration.ofMinutes(30)).getEpochSecond())
        .put("entity_type", "leads").put("entity_id", leadId)
        .put("responsible_user_id", responsibleUserId).put("task_type_id", 1);
  }

  /** Six requests: search, contact, lead, link, note, task. */
  private long deliverObvious(CallEvent e, PhoneNumber phone, long responsibleUserId,
      long pipelineId) throws IOException, InterruptedException {
    // 1. search
    JsonNode found = send(get("/api/v4/contacts", "query", phone.digits()));
    long contactId;
    if (found != null && found.path("_embedded").path("contacts").size() > 0) {
      contactId = found.path("_embedded").path("contacts").get(0).path("id").asLong();
    } else {
      // 2. create the contact
      contactId = firstId(send(post("/api/v4/contacts", array(newContact(phone,
          responsibleUserId)))), "contacts");
    }
    // 3. create the lead
    ObjectNode lead = json.createObjectNode().put("name", "Missed call " + phone.e164())
        .put("pipeline_id", pipelineId).put("responsible_user_id", responsibleUserId);
    long leadId = firstId(send(post("/api/v4/leads", array(lead))), "leads");
    // 4. link the lead to the contact
    ObjectNode link = json.createObjectNode().put("to_entity_id", contactId)
        .put("to_entity_type", "contacts");
    send(post("/api/v4/leads/" + leadId + "/link", array(link)));
    // 5. the call note
    send(post("/api/v4/leads/" + leadId + "/notes", array(note(e, phone))));
    // 6. the call-back task
    send(post("/api/v4/tasks", array(task(e, leadId, responsibleUserId))));
    return leadId;
  }

  private ArrayNode array(ObjectNode item) {
    ArrayNode a = json.createArrayNode();
    a.add(item);
    return a;
  }

  private Request get(String path, String param, String value) {
    HttpUrl url = base.newBuilder().encodedPath(path).addQueryParameter(param, value).build();
    return new Request.Builder().url(url).header("Authorization", authorization).get().build();
  }

  private Request post(String path, JsonNode body) throws IOException {
    HttpUrl url = base.newBuilder().encodedPath(path).build();
    return new Request.Builder().url(url).header("Authorization", authorization)
        .post(RequestBody.create(json.writeValueAsBytes(body), JSON)).build();
  }

  private static long firstId(JsonNode response, String kind) throws IOException {
    JsonNode id = response == null ? null
        : response.path("_embedded").path(kind).path(0).path("id");
    if (id == null || !id.canConvertToLong()) {
      throw new IOException("no " + kind + " id in the response: " + response);
    }
    return id.asLong();
  }

  /**
   * Sends {@code r} after a permit; repeats it after a 429. Returns the JSON body, or null for 204
   * and for 404 (a step the server does not offer still costs its request).
   */
  private JsonNode send(Request r) throws IOException, InterruptedException {
    while (true) {
      AmoRateLimiter.Permit permit = null;
      if (style == Style.BEST) {
        permit = sdkLimiter.tryAcquire(Duration.ofMinutes(1))
            .orElseThrow(() -> new IOException("no request permit within a minute"));
      } else {
        evenly.acquire();
      }
      requests.incrementAndGet();
      try (AmoRateLimiter.Permit held = permit; Response resp = client.newCall(r).execute()) {
        int code = resp.code();
        if (code == 429) {
          throttled.incrementAndGet();
          TimeUnit.SECONDS.sleep(1);
          continue;
        }
        if (code == 204 || code == 404) {
          if (code == 404) {
            failed.incrementAndGet();
          }
          return null;
        }
        String body = resp.body().string();
        if (code / 100 != 2) {
          throw new IOException(r.method() + " " + r.url().encodedPath() + " -> " + code + ": "
              + body);
        }
        return json.readTree(body);
      }
    }
  }

  /**
   * Grants at least {@code 1/rate} seconds apart, first come first served: the pacing policy of
   * the SDK's own limiter, so both sides spend the same budget the same way.
   */
  static final class EvenlySpaced {
    private final ReentrantLock lock = new ReentrantLock(true);
    private final long intervalNanos;
    private long next = Long.MIN_VALUE;

    EvenlySpaced(double rate) {
      this.intervalNanos = (long) Math.ceil(1_000_000_000d / rate);
    }

    void acquire() throws InterruptedException {
      lock.lockInterruptibly();
      try {
        long now = System.nanoTime();
        if (next != Long.MIN_VALUE && now < next) {
          TimeUnit.NANOSECONDS.sleep(next - now);
          now = System.nanoTime();
        }
        next = now + intervalNanos;
      } finally {
        lock.unlock();
      }
    }
  }
}
