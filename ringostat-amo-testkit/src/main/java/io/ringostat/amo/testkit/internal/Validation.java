package io.ringostat.amo.testkit.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects validation errors of a whole batch, by {@code request_id}, and turns them into amoCRM's
 * 400 body (reference §3.1). A batch with any error is rejected whole: nothing is saved (our
 * choice; whether amoCRM saves the good items is unconfirmed, §16.4).
 */
final class Validation {
  static final String NOT_SUPPORTED_CHOICE = "NotSupportedChoice";
  static final String NOT_BLANK = "NotBlank";
  static final String INVALID_TYPE = "InvalidType";
  static final String COUNT_EXCEEDED = "CountExceeded";
  static final String NOT_UNIQUE = "NotUnique";

  private final Map<String, List<String[]>> errors = new LinkedHashMap<>();

  /** A view that files errors under one batch item. */
  Item item(String requestId) {
    return new Item(requestId);
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  /** Throws the 400 response if any error was filed. */
  void throwIfAny() {
    if (!errors.isEmpty()) {
      throw new ApiException(response());
    }
  }

  ApiResponse response() {
    ObjectNode body = Json.object();
    ArrayNode items = body.putArray("validation-errors");
    errors.forEach(
        (requestId, list) -> {
          ObjectNode item = items.addObject();
          item.put("request_id", requestId);
          ArrayNode errs = item.putArray("errors");
          for (String[] e : list) {
            errs.addObject().put("code", e[0]).put("path", e[1]).put("detail", e[2]);
          }
        });
    body.put("title", "Bad Request");
    body.put("type", "https://httpstatus.es/400");
    body.put("status", 400);
    body.put("detail", "Request validation failed");
    return ApiResponse.of(400, ApiResponse.PROBLEM, body);
  }

  /**
   * Rejects a batch larger than {@code max} items (50: reference §2.2; a hard cap elsewhere is our
   * choice).
   */
  static void checkBatchSize(int size, int max) {
    if (size > max) {
      Validation v = new Validation();
      v.item(Integer.toString(max))
          .error(
              COUNT_EXCEEDED, "", "This collection should contain " + max + " elements or less.");
      v.throwIfAny();
    }
  }

  /**
   * Errors of one batch item; paths are relative to the item (e.g. {@code responsible_user_id}).
   */
  final class Item {
    private final String requestId;

    private Item(String requestId) {
      this.requestId = requestId;
    }

    String requestId() {
      return requestId;
    }

    void error(String code, String path, String detail) {
      errors
          .computeIfAbsent(requestId, k -> new ArrayList<>())
          .add(new String[] {code, path, detail});
    }

    void notSupportedChoice(String path) {
      error(NOT_SUPPORTED_CHOICE, path, "The value you selected is not a valid choice.");
    }

    void notBlank(String path) {
      error(NOT_BLANK, path, "This value should not be blank.");
    }

    void invalidType(String path, String type) {
      error(INVALID_TYPE, path, "This value should be of type " + type + ".");
    }
  }
}
