package io.ringostat.amo.webhooks;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiver's only Jetty handler: {@code POST /calls} and {@code POST /amocrm/webhook[/<token>]};
 * 405 for another method on those paths, 404 for any other path (a wrong or missing token included,
 * so the token is never confirmed). Blocking: each request is handled on a pool thread, whose time
 * is bounded by the body deadline. Thread-safe.
 */
final class Routes extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(Routes.class);
  static final String CALLS = "/calls";
  static final String AMO = "/amocrm/webhook";

  static final String INSTALL = "/amocrm/install";
  static final String DISCONNECT = "/amocrm/disconnect";

  private final Optional<CallsEndpoint> calls;
  private final Optional<OAuthEndpoints> oauth;
  private final Optional<AmoWebhookEndpoint> amo;
  private final Optional<byte[]> amoToken;

  Routes(Optional<CallsEndpoint> calls, Optional<AmoWebhookEndpoint> amo,
      Optional<String> amoToken, Optional<OAuthEndpoints> oauth) {
    this.calls = calls;
    this.oauth = oauth;
    this.amo = amo;
    this.amoToken = amoToken.map(t -> t.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Reply r;
    try {
      r = route(request);
    } catch (RuntimeException e) {
      LOG.error("a request failed unexpectedly", e);
      r = Reply.problem(500, "$", "the receiver failed; the event was not taken, send it again");
    }
    response.setStatus(r.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, r.contentType());
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    if (r.status() == 405) {
      String path = request.getHttpURI().getPath();
      response.getHeaders().put(HttpHeader.ALLOW,
          INSTALL.equals(path) || DISCONNECT.equals(path) ? "GET" : "POST");
    }
    if (r.close()) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    response.write(true, ByteBuffer.wrap(r.bytes()), callback);
    return true;
  }

  private Reply route(Request request) {
    String path = request.getHttpURI().getPath();
    boolean post = "POST".equals(request.getMethod());
    boolean get = "GET".equals(request.getMethod());
    if (oauth.isPresent() && INSTALL.equals(path)) {
      return get ? oauth.get().install(request) : Reply.problem(405, "$", "only GET");
    }
    if (oauth.isPresent() && DISCONNECT.equals(path)) {
      return get ? oauth.get().disconnect(request) : Reply.problem(405, "$", "only GET");
    }
    if (calls.isPresent() && CALLS.equals(path)) {
      return post ? calls.get().handle(request) : notAllowed();
    }
    if (amo.isPresent() && isAmoPath(path)) {
      return post ? amo.get().handle(request) : notAllowed();
    }
    // The body was not read: close, or a client reusing the connection would send into it.
    return Reply.problem(404, "$", calls.isPresent()
        ? "no such endpoint; POST call events to " + CALLS : "no such endpoint").closing();
  }

  private boolean isAmoPath(String path) {
    if (amoToken.isEmpty()) {
      return AMO.equals(path);
    }
    if (!path.startsWith(AMO + "/")) {
      return false;
    }
    byte[] given = path.substring(AMO.length() + 1).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, amoToken.get());
  }

  private static Reply notAllowed() {
    return Reply.problem(405, "$", "only POST is accepted here").closing();
  }
}
