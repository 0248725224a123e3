package io.ringostat.amo.webhooks;

import io.ringostat.amo.okhttp.AmoReferer;
import io.ringostat.amo.okhttp.InstallException;
import io.ringostat.amo.okhttp.Installation;
import io.ringostat.amo.webhooks.InstallPages.Page;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /amocrm/install} (amoCRM's OAuth redirect) and {@code GET /amocrm/disconnect} (its
 * disconnect hook); see {@link OAuthInstall}. Each failure gives the user a page and the operator
 * one log line; neither ever carries the code, a token, the state or a secret. Thread-safe.
 */
final class OAuthEndpoints {
  private static final Logger LOG = LoggerFactory.getLogger(OAuthEndpoints.class);

  private final OAuthInstall config;
  private final DisconnectSignature signature;

  OAuthEndpoints(OAuthInstall config) {
    this.config = config;
    this.signature = new DisconnectSignature(config.clientId(), config.clientSecret());
  }

  Reply install(Request request) {
    Fields q = Request.extractQueryParameters(request);
    String lang = InstallPages.language(request.getHeaders().get(HttpHeader.ACCEPT_LANGUAGE));
    String clientId = q.getValue("client_id");
    if (clientId != null && !signature.isOurs(clientId)) {
      LOG.warn("install: refused a redirect for another integration (client_id is not ours)");
      return page(400, Page.BAD_LINK, lang, null);
    }
    if (!config.states().consume(q.getValue("state"))) {
      LOG.warn("install: refused a redirect whose state was not begun here, has expired or was"
          + " used already (forged or replayed link)");
      return page(400, Page.BAD_LINK, lang, null);
    }
    String error = q.getValue("error");
    if (error != null) {
      LOG.info("install: the user refused access in amoCRM (error={})", printable(error));
      return page(200, Page.REFUSED, lang, null);
    }
    AmoReferer referer;
    try {
      referer = AmoReferer.parse(q.getValue("referer"), q.getValue("platform"));
    } catch (IllegalArgumentException e) {
      LOG.warn("install: refused a redirect: {}", e.getMessage());
      return page(400, Page.NOT_AMO, lang, null);
    }
    Installation installation;
    try {
      installation = config.exchange().exchange(referer, q.getValue("code"));
    } catch (InstallException e) {
      switch (e.reason()) {
        case CODE_REFUSED -> {
          LOG.warn("install: {}: {}", referer.host(), e.getMessage());
          return page(400, Page.CODE_REFUSED, lang, null);
        }
        case AMO_UNAVAILABLE -> {
          LOG.warn("install: {}: {}", referer.host(), e.getMessage());
          return page(502, Page.TRY_LATER, lang, null);
        }
        default -> {
          LOG.error("install: {}: {}", referer.host(), e.getMessage());
          return page(500, Page.BROKEN_SETUP, lang, null);
        }
      }
    }
    try {
      String id = config.installations().installed(installation);
      LOG.info("install: account {} ({}) installed as {}", installation.accountId(),
          installation.account().host(), id);
      return page(200, Page.INSTALLED, lang, installation.account().host());
    } catch (RuntimeException e) {
      LOG.error("install: account {} ({}): registering it failed ({}: {})",
          installation.accountId(), installation.account().host(), e.getClass().getSimpleName(),
          e.getMessage());
      return page(500, Page.BROKEN_SETUP, lang, null);
    }
  }

  Reply disconnect(Request request) {
    Fields q = Request.extractQueryParameters(request);
    String accountId = q.getValue("account_id");
    String clientUuid = q.getValue("client_uuid");
    if (accountId == null || !accountId.matches("[0-9]{1,19}") || clientUuid == null
        || q.getValue("signature") == null) {
      LOG.warn("disconnect hook: refused a call without account_id, client_uuid or signature");
      return Reply.problem(400, "$", "account_id, client_uuid and signature are required");
    }
    if (!signature.isOurs(clientUuid)
        || !signature.verify(clientUuid, accountId, q.getValue("signature"))) {
      LOG.warn("disconnect hook: refused a call for account {} with a wrong client_uuid or"
          + " signature (forged?)", accountId);
      return Reply.problem(401, "$", "the signature does not match");
    }
    long id;
    try {
      id = Long.parseLong(accountId);
    } catch (NumberFormatException e) {
      return Reply.problem(400, "account_id", "not a number");
    }
    boolean known = config.installations().uninstalled(id);
    return Reply.of(200, "{\"ok\":true,\"known\":" + known + "}");
  }

  private static Reply page(int status, Page page, String lang, String host) {
    return Reply.html(status, InstallPages.html(page, lang, host));
  }

  private static String printable(String s) {
    String cut = s.length() > 40 ? s.substring(0, 40) : s;
    return cut.replaceAll("[^A-Za-z0-9_.-]", "?");
  }
}
