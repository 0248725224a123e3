package io.ringostat.amo.webhooks;

import io.ringostat.amo.engine.IntegrationEngine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /amocrm/webhook[/<token>]}: reads an amoCRM webhook delivery, checks that it names the
 * configured account ({@code account[subdomain]}, and {@code account[id]} when configured; else
 * 403, ignored), and forgets the cached routing lookups of every contact, company and deal it
 * mentions, by phone and by entity id, so that the next {@code route} asks amoCRM again. Only
 * caches are touched, never amoCRM or the journal, so a forged delivery can at worst cost a lookup.
 * Answers at once (amoCRM wants an answer within 2 s). Thread-safe.
 */
final class AmoWebhookEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(AmoWebhookEndpoint.class);

  private final IntegrationEngine engine;
  private final String subdomain;
  private final Optional<Long> accountId;
  private final int maxBody;
  private final Duration bodyDeadline;

  AmoWebhookEndpoint(IntegrationEngine engine, String subdomain, Optional<Long> accountId,
      int maxBody, Duration bodyDeadline) {
    this.engine = engine;
    this.subdomain = subdomain;
    this.accountId = accountId;
    this.maxBody = maxBody;
    this.bodyDeadline = bodyDeadline;
  }

  Reply handle(Request request) {
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (type == null
        || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      return Reply.problem(415, "Content-Type", "amoCRM webhooks are"
          + " application/x-www-form-urlencoded");
    }
    BodyReader.Body got = BodyReader.read(request, maxBody, bodyDeadline);
    if (!(got instanceof BodyReader.Body.Read read)) {
      LOG.warn("refused a post from {}: {}", Request.getRemoteAddr(request),
          BodyReader.refusal(got).json());
      return BodyReader.refusal(got);
    }
    byte[] body = read.bytes();
    AmoWebhook hook;
    try {
      hook = AmoWebhookForm.parse(new String(body, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      return Reply.problem(400, "$", "not an amoCRM webhook form: " + e.getMessage());
    }
    if (!subdomain.equalsIgnoreCase(hook.subdomain())
        || accountId.isPresent() && !accountId.equals(hook.accountId())) {
      LOG.warn("ignored an amoCRM webhook from {} for another account", Request.getRemoteAddr(
          request));
      return Reply.problem(403, "account", "this receiver serves another amoCRM account;"
          + " nothing was done");
    }
    int phones = 0;
    for (AmoWebhook.Change c : hook.changes()) {
      engine.invalidateRouting(null, c.type(), c.id());
      for (String p : c.phones()) {
        engine.invalidateRouting(p, null, 0);
        phones++;
      }
    }
    LOG.debug("amoCRM webhook: routing forgotten for {} entit(ies), {} phone(s)",
        hook.changes().size(), phones);
    return Reply.of(200, "{\"status\":\"OK\",\"entities\":" + hook.changes().size()
        + ",\"phones\":" + phones + "}");
  }
}
