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
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.Headers;

/**
 * Maps an error status and body to the exception hierarchy, in one place. Bodies are parsed
 * defensively: problem+json, the calls endpoint's envelope, an HTML page (amoCRM's block page is
 * served by nginx) or nothing at all.
 */
public final class ErrorMapper {
  private final Json json;
  private final Supplier<? extends Collection<String>> secrets;

  /** @param secrets the current tokens and client secret, replaced in any text from the wire */
  public ErrorMapper(Json json, Supplier<? extends Collection<String>> secrets) {
    this.json = json;
    this.secrets = secrets;
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
    Collection<String> hidden = secrets.get();
    String title = isJson ? Redact.text(firstNonBlank(p.title(), envelopeTitle(p)), hidden) : null;
    String detail = isJson ? Redact.text(firstNonBlank(p.detail(), p.hint()), hidden)
        : nonJsonDetail(body);
    switch (status) {
      case 400:
      case 422:
        return new AmoValidationException(status, endpoint, title, detail, requestId,
            isJson ? errors(p, hidden) : List.of(), isJson ? rejectedKeys(p) : Set.of());
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

  private static List<ValidationError> errors(ProblemDto p, Collection<String> hidden) {
    List<ValidationError> out = new ArrayList<>();
    for (ProblemDto.ItemErrors item : Wire.list(p.validationErrors())) {
      for (ProblemDto.FieldError e : Wire.list(item.errors())) {
        out.add(new ValidationError(Redact.text(item.requestId(), hidden),
            Redact.text(e.code(), hidden), Redact.text(e.path(), hidden),
            Redact.text(e.detail(), hidden)));
      }
    }
    return out;
  }

  /**
   * The {@code request_id}s of the refused items, as sent: they are our effect keys, so they are
   * kept only when they look like one (visible ASCII, no spaces).
   */
  private static Set<String> rejectedKeys(ProblemDto p) {
    Set<String> out = new java.util.LinkedHashSet<>();
    for (ProblemDto.ItemErrors item : Wire.list(p.validationErrors())) {
      String id = item.requestId();
      if (id != null && !id.isEmpty() && id.length() <= 300 && id.chars().allMatch(
          c -> c > 0x20 && c < 0x7f)) {
        out.add(id);
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
