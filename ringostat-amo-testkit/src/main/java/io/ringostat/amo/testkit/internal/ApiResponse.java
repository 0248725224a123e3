package io.ringostat.amo.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What the emulator answers to one request, before fault injection decides how it travels.
 *
 * @param status the HTTP status
 * @param contentType the Content-Type, or null for an empty body
 * @param body the body text; empty for 204
 * @param headers extra headers (e.g. Retry-After)
 */
public record ApiResponse(
    int status, String contentType, String body, Map<String, String> headers) {
  static final String HAL = "application/hal+json";
  static final String JSON = "application/json";
  static final String PROBLEM = "application/problem+json";
  static final String HTML = "text/html";

  public ApiResponse {
    headers = Map.copyOf(headers);
  }

  static ApiResponse hal(JsonNode node) {
    return new ApiResponse(200, HAL, Json.write(node), Map.of());
  }

  static ApiResponse json(int status, JsonNode node) {
    return new ApiResponse(status, JSON, Json.write(node), Map.of());
  }

  static ApiResponse of(int status, String contentType, JsonNode node) {
    return new ApiResponse(status, contentType, Json.write(node), Map.of());
  }

  static ApiResponse noContent() {
    return new ApiResponse(204, null, "", Map.of());
  }
}
