package io.ringostat.amo.okhttp.internal.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An error body: application/problem+json (reference §3.1), or the calls endpoint's envelope
 * ({@code errors[]}, reference §8.3). Every field may be absent.
 */
public record ProblemDto(
    String title,
    String type,
    Integer status,
    String detail,
    String hint,
    @JsonProperty("validation-errors") List<ItemErrors> validationErrors,
    List<EnvelopeError> errors) {

  /** {@code validation-errors[]}: the problems of one batch item. */
  public record ItemErrors(String requestId, List<FieldError> errors) {}

  /** One problem of one item. */
  public record FieldError(String code, String path, String detail) {}

  /** An item of the calls envelope's {@code errors[]}. */
  public record EnvelopeError(String title, String detail, Integer status) {}
}
