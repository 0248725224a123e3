package io.ringostat.amo.okhttp.internal.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A lead (deal) as {@code GET /api/v4/leads} returns it (reference §6.1). */
public record LeadDto(
    Long id,
    String name,
    Long pipelineId,
    Long statusId,
    Long responsibleUserId,
    Long createdAt,
    Long updatedAt,
    Boolean isDeleted) {

  /** A page of leads. */
  public record Page(@JsonProperty("_links") Links links,
      @JsonProperty("_embedded") Items embedded) implements HalPage {
    public List<LeadDto> items() {
      return embedded == null ? List.of() : Wire.list(embedded.leads());
    }
  }

  /** {@code _embedded} of a page. */
  public record Items(List<LeadDto> leads) {}
}
