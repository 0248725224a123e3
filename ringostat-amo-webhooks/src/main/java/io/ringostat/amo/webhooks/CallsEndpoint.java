package io.ringostat.amo.webhooks;

import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.json.CallEventJson;
import io.ringostat.amo.json.InvalidEventException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /calls}: authenticates the body's HMAC signature, reads one call event (or, with
 * {@code Content-Type: application/x-ndjson}, a JSON Lines batch) and hands each to {@link
 * IntegrationEngine#handleAsync}, which journals it before it returns; only then is the answer
 * 2xx. Malformed events are journaled as REJECTED ({@link IntegrationEngine#reject}) and answered
 * 400 with their problems. Nothing is journaled for a request that fails authentication, is too
 * large or too slow. Thread-safe.
 */
final class CallsEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(CallsEndpoint.class);

  private final IntegrationEngine engine;
  private final Signature signature;
  private final Clock clock;
  private final Duration tolerance;
  private final boolean requireTimestamp;
  private final int maxBody;
  private final Duration bodyDeadline;

  CallsEndpoint(IntegrationEngine engine, Signature signature, Clock clock, Duration tolerance,
      boolean requireTimestamp, int maxBody, Duration bodyDeadline) {
    this.engine = engine;
    this.signature = signature;
    this.clock = clock;
    this.tolerance = tolerance;
    this.requireTimestamp = requireTimestamp;
    this.maxBody = maxBody;
    this.bodyDeadline = bodyDeadline;
  }

  Reply handle(Request request) {
    String sig = request.getHeaders().get(Signature.HEADER);
    if (sig == null) {
      LOG.warn("refused a post to /calls from {}: no {} header", Request.getRemoteAddr(request),
          Signature.HEADER);
      return Reply.problem(401, Signature.HEADER, "missing: send sha256=<hex HMAC-SHA256 of the"
          + " body with the shared secret> (docs/sources.md)");
    }
    Optional<String> ts = Optional.ofNullable(request.getHeaders().get(Signature.TIMESTAMP_HEADER));
    if (requireTimestamp && ts.isEmpty()) {
      return Reply.problem(401, Signature.TIMESTAMP_HEADER, "missing: this receiver requires the"
          + " sending time in Unix seconds, signed with the body as <timestamp>.<body>");
    }
    BodyReader.Body got = BodyReader.read(request, maxBody, bodyDeadline);
    if (!(got instanceof BodyReader.Body.Read read)) {
      LOG.warn("refused a post from {}: {}", Request.getRemoteAddr(request),
          BodyReader.refusal(got).json());
      return BodyReader.refusal(got);
    }
    byte[] body = read.bytes();
    if (!signature.verify(sig, ts, body)) {
      LOG.warn("refused a post to /calls from {}: the signature does not match the body",
          Request.getRemoteAddr(request));
      return Reply.problem(401, Signature.HEADER, "does not match the body: sign the exact bytes"
          + " sent (with the timestamp as <timestamp>.<body> when one is sent)");
    }
    if (ts.isPresent()) {
      Optional<Reply> stale = checkTime(ts.get());
      if (stale.isPresent()) {
        return stale.get();
      }
    }
    String text = new String(body, StandardCharsets.UTF_8);
    try {
      return isBatch(request) ? batch(text) : single(text);
    } catch (IllegalStateException closed) {
      return Reply.problem(503, "$", "the receiver is shutting down; send the event again later");
    }
  }

  private Optional<Reply> checkTime(String ts) {
    long sent;
    try {
      sent = Long.parseLong(ts.trim());
    } catch (NumberFormatException e) {
      return Optional.of(Reply.problem(401, Signature.TIMESTAMP_HEADER,
          "not a number of Unix seconds"));
    }
    long skew = Math.abs(clock.instant().getEpochSecond() - sent);
    if (skew > tolerance.toSeconds()) {
      return Optional.of(Reply.problem(401, Signature.TIMESTAMP_HEADER, "more than "
          + tolerance.toSeconds() + " s away from the receiver's clock: a replayed request, or a"
          + " clock to set right"));
    }
    return Optional.empty();
  }

  private static boolean isBatch(Request request) {
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (type == null) {
      return false;
    }
    String t = type.toLowerCase(Locale.ROOT);
    return t.startsWith("application/x-ndjson") || t.startsWith("application/jsonl")
        || t.startsWith("application/x-jsonlines");
  }

  private Reply single(String text) {
    CallEvent event;
    try {
      event = CallEventJson.read(text.strip());
    } catch (InvalidEventException e) {
      HandleResult r = engine.reject(text, e.getMessage());
      return Reply.problems(400, problems("", e), "\"journal_seq\":" + r.seq());
    }
    HandleResult done = engine.handleAsync(event).getNow(null);
    if (done != null && done.status() == HandleResult.Status.DUPLICATE) {
      return Reply.of(200, "{\"status\":\"DUPLICATE\",\"call_id\":" + Reply.quote(done.callId())
          + ",\"journal_seq\":" + done.seq() + "}");
    }
    return Reply.of(202, "{\"status\":\"ACCEPTED\",\"call_id\":" + Reply.quote(event.callId())
        + "}");
  }

  private Reply batch(String text) {
    List<Reply.Problem> problems = new ArrayList<>();
    StringBuilder results = new StringBuilder("\"results\":[");
    String[] lines = text.split("\n", -1);
    boolean first = true;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      int n = i + 1;
      String item;
      try {
        CallEvent event = CallEventJson.read(line);
        HandleResult done = engine.handleAsync(event).getNow(null);
        boolean dup = done != null && done.status() == HandleResult.Status.DUPLICATE;
        item = "{\"line\":" + n + ",\"status\":\"" + (dup ? "DUPLICATE" : "ACCEPTED")
            + "\",\"call_id\":" + Reply.quote(event.callId()) + "}";
      } catch (InvalidEventException e) {
        HandleResult r = engine.reject(line, "line " + n + ": " + e.getMessage());
        problems.addAll(problems("line " + n + ": ", e));
        item = "{\"line\":" + n + ",\"status\":\"REJECTED\",\"journal_seq\":" + r.seq() + "}";
      }
      results.append(first ? "" : ",").append(item);
      first = false;
    }
    results.append(']');
    return Reply.problems(problems.isEmpty() ? 200 : 400, problems, results.toString());
  }

  private static List<Reply.Problem> problems(String prefix, InvalidEventException e) {
    return e.problems().stream().map(p -> new Reply.Problem(prefix + p.path(), p.reason()))
        .toList();
  }
}
