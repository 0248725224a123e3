package io.ringostat.amo.okhttp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringostat.amo.core.spi.CrmException.Kind;
import io.ringostat.amo.okhttp.AmoAuthenticationException;
import io.ringostat.amo.okhttp.AmoNotFoundException;
import io.ringostat.amo.okhttp.AmoPermissionException;
import io.ringostat.amo.okhttp.AmoRateLimitException;
import io.ringostat.amo.okhttp.AmoServerException;
import io.ringostat.amo.okhttp.AmoServiceException;
import io.ringostat.amo.okhttp.AmoUnexpectedStatusException;
import io.ringostat.amo.okhttp.AmoValidationException;
import io.ringostat.amo.okhttp.AmoValidationException.ValidationError;
import io.ringostat.amo.okhttp.internal.wire.ProblemDto;
import io.ringostat.amo.okhttp.internal.wire.Wire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Headers;

/**
 * Maps an error status and body to the exception hierarchy, in one place. Bodies are parsed
 * defensively: problem+json, the calls endpoint's envelope, an HTML page (amoCRM's block page is
 * served by nginx) or nothing at all.
 */
public final class ErrorMapper {
  private final Json json;

  public ErrorMapper(Json json) {
    this.json = json;
  }

  /**
   * The exception for {@code status} on {@code call}.
   *
   * @param retryAfter the parsed {@code Retry-After} of a 429, or null
   */
  public AmoServiceException map(ApiCall call, int status, Headers headers, byte[] body,
      Duration retryAfter) {
    String endpoint = call.endpoint();
    String requestId = Redact.requestId(headers.get("X-Request-Id"));
    JsonNode tree = json.tryTree(body);
    ProblemDto p = tree != null && tree.isObject() ? json.tryConvert(tree, ProblemDto.class) : null;
    boolean isJson = p != null;
    String title = isJson ? Redact.text(firstNonBlank(p.title(), envelopeTitle(p))) : null;
    String detail = isJson ? Redact.text(firstNonBlank(p.detail(), p.hint())) : nonJsonDetail(body);
    switch (status) {
      case 400:
      case 422:
        return new AmoValidationException(status, endpoint, title, detail, requestId,
            isJson ? errors(p) : List.of());
      case 401:
        return new AmoAuthenticationException(status, endpoint, title, detail, requestId);
      case 402:
      case 403:
        return new AmoPermissionException(status, endpoint, title, detail, requestId, !isJson);
      case 404:
        return new AmoNotFoundException(status, endpoint, title, detail, requestId);
      case 429:
        return new AmoRateLimitException(status, endpoint, title, detail, requestId, retryAfter);
      case 408:
        return new AmoUnexpectedStatusException(Kind.TRANSIENT, status, endpoint, title, detail,
            requestId);
      default:
        if (status >= 500 && status <= 599) {
          Kind kind = call.mode() == ApiCall.Mode.CREATE ? Kind.OUTCOME_UNKNOWN : Kind.TRANSIENT;
          return new AmoServerException(kind, status, endpoint, title, detail, requestId);
        }
        Kind kind = status >= 400 && status < 500 ? Kind.REJECTED : Kind.INVALID_RESPONSE;
        return new AmoUnexpectedStatusException(kind, status, endpoint, title, detail, requestId);
    }
  }

  /** True when {@code body} parses as a JSON object (amoCRM's problem+json). */
  public boolean isJson(byte[] body) {
    JsonNode tree = json.tryTree(body);
    return tree != null && tree.isObject();
  }

  private static List<ValidationError> errors(ProblemDto p) {
    List<ValidationError> out = new ArrayList<>();
    for (ProblemDto.ItemErrors item : Wire.list(p.validationErrors())) {
      for (ProblemDto.FieldError e : Wire.list(item.errors())) {
        out.add(new ValidationError(Redact.text(item.requestId()), Redact.text(e.code()),
            Redact.text(e.path()), Redact.text(e.detail())));
      }
    }
    return out;
  }

  private static String envelopeTitle(ProblemDto p) {
    return Wire.list(p.errors()).stream().map(ProblemDto.EnvelopeError::title)
        .filter(t -> t != null && !t.isBlank()).findFirst().orElse(null);
  }

  private static String nonJsonDetail(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    return "non-JSON body (" + body.length + " bytes)";
  }

  private static String firstNonBlank(String a, String b) {
    return a != null && !a.isBlank() ? a : b;
  }
}
