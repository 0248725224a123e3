package io.ringostat.amo.okhttp.internal.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A task as {@code GET /api/v4/tasks} returns it (reference §10). */
public record TaskDto(Long id, String text, Long completeTill, Long entityId, String entityType,
    Long responsibleUserId, Long taskTypeId, Boolean isCompleted) {
  /** A page of tasks. */
  public record Page(@JsonProperty("_links") Links links,
      @JsonProperty("_embedded") Items embedded) implements HalPage {
    public List<TaskDto> items() {
      return embedded == null ? List.of() : Wire.list(embedded.tasks());
    }
  }

  /** {@code _embedded} of a page. */
  public record Items(List<TaskDto> tasks) {}
}
