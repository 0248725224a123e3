package io.ringostat.amo.core.settings;

import java.util.Optional;

/** A pipeline and, optionally, the status new deals start in. */
public record PipelineTarget(long pipelineId, Optional<Long> statusId) {
  public static PipelineTarget of(long pipelineId) {
    return new PipelineTarget(pipelineId, Optional.empty());
  }

  public static PipelineTarget of(long pipelineId, long statusId) {
    return new PipelineTarget(pipelineId, Optional.of(statusId));
  }

  @Override
  public String toString() {
    return statusId.isPresent() ? "pipeline " + pipelineId + " status " + statusId.get()
        : "pipeline " + pipelineId;
  }
}
