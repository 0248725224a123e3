package io.ringostat.amo.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringostat.amo.testkit.internal.EmulatorConfig.OAuthClientSpec;
import java.util.Optional;

/**
 * {@code POST /oauth2/access_token} (reference §1.2): exchanges an authorization code or a refresh
 * token for a new pair. Errors follow amoCRM's OAuth problem shape: a wrong client (id, secret or
 * redirect URI) is 401 "Client authentication failed"; a bad code is 400; a reused, revoked,
 * unknown or expired refresh token is 401 (e.g. hint "Token has been revoked").
 */
final class OAuthApi {
  private final Env env;
  private final Tokens tokens;

  OAuthApi(Env env, Tokens tokens) {
    this.env = env;
    this.tokens = tokens;
  }

  void register(Router router) {
    router.add("POST", "/oauth2/access_token", (r, m) -> token(r));
    router.add("GET", "/oauth", (r, m) -> consent(r));
  }

  /**
   * amoCRM's consent page, answered at once as if a user of this account clicked "Allow" (or, with
   * the test parameter {@code approve=0}, refused): 302 to the client's redirect URI with the
   * redirect's parameters (reference §1.1).
   */
  ApiResponse consent(ApiRequest r) {
    String clientId = r.param("client_id").orElse(null);
    Optional<String> url = clientId == null ? Optional.empty()
        : redirect(clientId, r.param("state").orElse(""),
            !"0".equals(r.param("approve").orElse("1")));
    if (url.isEmpty()) {
      return invalidRequest("Unknown client_id");
    }
    return new ApiResponse(302, ApiResponse.HTML, "", java.util.Map.of("Location", url.get()));
  }

  /** Where amoCRM sends the browser after the consent page; empty for an unknown client. */
  Optional<String> redirect(String clientId, String state, boolean allow) {
    Optional<OAuthClientSpec> client = tokens.client(clientId);
    if (client.isEmpty()) {
      return Optional.empty();
    }
    String base = client.get().redirectUri();
    StringBuilder url = new StringBuilder(base).append(base.contains("?") ? '&' : '?');
    if (allow) {
      url.append("code=").append(encode(tokens.newCode(env.now())))
          .append("&state=").append(encode(state))
          .append("&referer=").append(encode(env.account.subdomain + ".amocrm.ru"))
          .append("&platform=1");
    } else {
      url.append("error=access_denied&state=").append(encode(state));
    }
    return Optional.of(url.append("&client_id=").append(encode(clientId)).toString());
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  ApiResponse token(ApiRequest r) {
    JsonNode body;
    try {
      body = r.json();
    } catch (ApiException e) {
      return invalidRequest("Request body must be JSON");
    }
    if (!body.isObject()) {
      return invalidRequest("Request body must be a JSON object");
    }
    String clientId = text(body, "client_id");
    String grant = text(body, "grant_type");
    Optional<OAuthClientSpec> client =
        clientId == null ? Optional.empty() : tokens.client(clientId);
    if (client.isEmpty()
        || !client.get().clientSecret().equals(text(body, "client_secret"))
        || !client.get().redirectUri().equals(text(body, "redirect_uri"))) {
      return Problems.oauth(
          401, "Unauthorized", "Client authentication failed", "Client authentication failed");
    }
    long now = env.now();
    Tokens.Issued issued;
    if ("authorization_code".equals(grant)) {
      issued = tokens.redeemCode(text(body, "code"), clientId, now);
      if (!issued.ok()) {
        return invalidRequest(issued.failureHint());
      }
    } else if ("refresh_token".equals(grant)) {
      issued = tokens.redeemRefresh(text(body, "refresh_token"), clientId, now);
      if (!issued.ok()) {
        return Problems.oauth(
            401, "Unauthorized", issued.failureHint(), "The refresh token is invalid.");
      }
    } else {
      return Problems.oauth(
          400,
          "Bad Request",
          "Check the `grant_type` parameter",
          "The authorization grant type is not supported by the authorization server.");
    }
    ObjectNode o = Json.object();
    o.put("token_type", "Bearer");
    o.put("expires_in", issued.expiresIn());
    o.put("server_time", now);
    o.put("access_token", issued.accessToken());
    o.put("refresh_token", issued.refreshToken());
    return ApiResponse.json(200, o);
  }

  private static ApiResponse invalidRequest(String hint) {
    return Problems.oauth(
        400,
        "Bad Request",
        hint,
        "The request is missing a required parameter, includes an invalid parameter value, "
            + "includes a parameter more than once, or is otherwise malformed.");
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }
}
