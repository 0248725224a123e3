package io.ringostat.amo.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;

/** The error responses amoCRM sends, shaped as in the reference (§1.7, §2.1, §3). */
public final class Problems {
  /** The nginx page a blocked account gets for every request (reference §2.1, §15). */
  static final String BLOCKED_HTML =
      "<html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1>"
          + "</center><hr><center>nginx</center></body></html>";

  private Problems() {}

  /** A problem+json body: {@code {"title","type","status","detail"}}. */
  static ObjectNode problemBody(int status, String title, String detail) {
    ObjectNode n = Json.object();
    n.put("title", title);
    n.put("type", "https://httpstatus.es/" + status);
    n.put("status", status);
    n.put("detail", detail);
    return n;
  }

  static ApiResponse problem(int status, String title, String detail) {
    return ApiResponse.of(status, ApiResponse.PROBLEM, problemBody(status, title, detail));
  }

  /**
   * 401 for a missing, unknown, expired or revoked token. The {@code detail} text is Kommo's
   * (reference §1.7; the exact text is unconfirmed and localized on amocrm.ru).
   */
  static ApiResponse unauthorized() {
    return problem(401, "Unauthorized", "Invalid user name or password");
  }

  static ApiResponse badRequest(String detail) {
    return problem(400, "Bad Request", detail);
  }

  static ApiResponse notFound(String detail) {
    return problem(404, "Not Found", detail);
  }

  static ApiResponse methodNotAllowed() {
    return problem(405, "Method Not Allowed", "Method Not Allowed");
  }

  /** 429 over the rate limit; Retry-After only when configured (its presence is unconfirmed). */
  public static ApiResponse tooManyRequests(Duration retryAfter) {
    ObjectNode body = problemBody(429, "Too Many Requests", "Too many requests");
    Map<String, String> headers =
        retryAfter == null
            ? Map.of()
            : Map.of("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
    return new ApiResponse(429, ApiResponse.PROBLEM, Json.write(body), headers);
  }

  /** 403 with nginx's HTML page: what every request of a blocked account gets. */
  public static ApiResponse blocked() {
    return new ApiResponse(403, ApiResponse.HTML, BLOCKED_HTML, Map.of());
  }

  /** An injected 500: problem+json, as the API itself would answer. */
  public static ApiResponse internalError() {
    return problem(500, "Internal Server Error", "Internal Server Error");
  }

  /** An injected 502 or 503: an nginx HTML page, as a proxy in front of the API would answer. */
  public static ApiResponse gatewayPage(int status) {
    String reason = status == 502 ? "Bad Gateway" : "Service Temporarily Unavailable";
    String html =
        "<html><head><title>"
            + status
            + " "
            + reason
            + "</title></head><body><center><h1>"
            + status
            + " "
            + reason
            + "</h1></center><hr><center>nginx</center></body></html>";
    return new ApiResponse(status, ApiResponse.HTML, html, Map.of());
  }

  /**
   * An OAuth error as amoCRM's OAuth server sends it (reference §1.3): {@code
   * {"hint","title","type":".../OAuthProblemJson","status","detail"}}.
   */
  static ApiResponse oauth(int status, String title, String hint, String detail) {
    ObjectNode n = Json.object();
    n.put("hint", hint);
    n.put("title", title);
    n.put("type", "https://developers.amocrm.ru/v3/errors/OAuthProblemJson");
    n.put("status", status);
    n.put("detail", detail);
    return ApiResponse.of(status, ApiResponse.PROBLEM, n);
  }
}
