package io.ringostat.amo.okhttp.internal.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A pipeline with its statuses (reference §11.3). */
public record PipelineDto(Long id, String name, Boolean isMain, Boolean isArchive,
    @JsonProperty("_embedded") Statuses embedded) {
  /** A status. */
  public record StatusDto(Long id, String name, Long type) {}

  /** {@code _embedded} of a pipeline. */
  public record Statuses(List<StatusDto> statuses) {}

  public List<StatusDto> statuses() {
    return embedded == null ? List.of() : Wire.list(embedded.statuses());
  }

  /** The pipelines list. */
  public record Page(@JsonProperty("_links") Links links,
      @JsonProperty("_embedded") Items embedded) implements HalPage {
    public List<PipelineDto> items() {
      return embedded == null ? List.of() : Wire.list(embedded.pipelines());
    }
  }

  /** {@code _embedded} of the list. */
  public record Items(List<PipelineDto> pipelines) {}
}
