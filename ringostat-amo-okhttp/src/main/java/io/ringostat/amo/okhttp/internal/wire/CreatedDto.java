package io.ringostat.amo.okhttp.internal.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The answer to a batch create ({@code POST /api/v4/contacts}, {@code leads}, {@code notes},
 * {@code tasks}): {@code _embedded.{entity}[{id, request_id}]}.
 */
public record CreatedDto(Long id, String requestId, Long entityId) {
  /** The whole answer; {@code _embedded} has one list, named after the entity. */
  public record Page(@JsonProperty("_embedded") Map<String, List<CreatedDto>> embedded) {
    /** The created items under {@code key} (e.g. "contacts"). */
    public List<CreatedDto> items(String key) {
      return embedded == null ? List.of() : Wire.list(embedded.get(key));
    }
  }
}
