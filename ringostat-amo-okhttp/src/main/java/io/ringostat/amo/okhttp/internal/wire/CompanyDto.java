package io.ringostat.amo.okhttp.internal.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A company as {@code GET /api/v4/companies} returns it. */
public record CompanyDto(Long id, String name, Long responsibleUserId) {
  /** A page of companies. */
  public record Page(@JsonProperty("_links") Links links,
      @JsonProperty("_embedded") Items embedded) implements HalPage {
    public List<CompanyDto> items() {
      return embedded == null ? List.of() : Wire.list(embedded.companies());
    }
  }

  /** {@code _embedded} of a page. */
  public record Items(List<CompanyDto> companies) {}
}
