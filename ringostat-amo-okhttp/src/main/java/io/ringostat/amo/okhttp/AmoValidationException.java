package io.ringostat.amo.okhttp;

import java.util.List;
import java.util.Objects;

/**
 * 400 or 422: amoCRM refused the request as sent, e.g. a responsible user or a custom field the
 * account does not have. Kind {@code REJECTED}. {@link #errors()} lists amoCRM's {@code
 * validation-errors} per batch item; fix the settings they point at (user ids, field ids, pipeline
 * ids) and the next call succeeds. For a batch, {@link #rejectedKeys()} names the refused items
 * by effect key (their {@code request_id}).
 */
public final class AmoValidationException extends AmoServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * One problem with one item of a request.
   *
   * @param requestId the batch item's {@code request_id} (empty if amoCRM gave none)
   * @param code e.g. {@code NotSupportedChoice}
   * @param path e.g. {@code custom_fields_values.0.field_id}
   * @param detail amoCRM's text
   */
  public record ValidationError(String requestId, String code, String path, String detail) {
    public ValidationError {
      requestId = Objects.requireNonNullElse(requestId, "");
      code = Objects.requireNonNullElse(code, "");
      path = Objects.requireNonNullElse(path, "");
      detail = Objects.requireNonNullElse(detail, "");
    }
  }

  private final List<ValidationError> errors;
  private final String baseDetail;

  /**
   * @param rejectedKeys the {@code request_id}s amoCRM named, exactly as sent (our effect keys)
   */
  public AmoValidationException(int statusCode, String endpoint, String title, String detail,
      String requestId, List<ValidationError> errors, java.util.Set<String> rejectedKeys) {
    super(Kind.REJECTED, statusCode, endpoint, title, withFirst(detail, errors), requestId,
        rejectedKeys);
    this.errors = List.copyOf(errors);
    this.baseDetail = detail;
  }

  /**
   * The same refusal narrowed to the batch items whose {@code request_id} is in {@code
   * requestIds}: their errors only, and {@code itemKeys} as the refused keys. A batch that
   * carried several callers' items gives each refused caller its own share of amoCRM's answer.
   *
   * @param itemKeys the effect keys the narrowed items stand for (a {@code leads/complex} item
   *     stands for its contact and its deal)
   */
  public AmoValidationException forItems(java.util.Set<String> requestIds,
      java.util.Set<String> itemKeys) {
    List<ValidationError> mine = errors.stream()
        .filter(e -> requestIds.contains(e.requestId())).toList();
    return new AmoValidationException(statusCode(), endpoint(), title().orElse(null), baseDetail,
        requestId().orElse(null), mine, itemKeys);
  }

  /** The per-item problems; empty when amoCRM listed none. */
  public List<ValidationError> errors() {
    return errors;
  }

  private static String withFirst(String detail, List<ValidationError> errors) {
    if (errors.isEmpty()) {
      return detail;
    }
    ValidationError e = errors.get(0);
    String first = e.code() + (e.path().isEmpty() ? "" : " at " + e.path());
    String more = errors.size() > 1 ? " (+" + (errors.size() - 1) + " more)" : "";
    return (detail == null || detail.isBlank() ? "" : detail + "; ") + first + more;
  }
}
