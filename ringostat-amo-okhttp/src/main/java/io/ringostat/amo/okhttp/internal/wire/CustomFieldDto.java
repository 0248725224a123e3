package io.ringostat.amo.okhttp.internal.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A custom field definition (reference §11.4). */
public record CustomFieldDto(Long id, String name, String type, String code) {
  /** A page of fields (at most 50 per page, whatever {@code limit} says). */
  public record Page(@JsonProperty("_links") Links links,
      @JsonProperty("_embedded") Items embedded) implements HalPage {
    public List<CustomFieldDto> items() {
      return embedded == null ? List.of() : Wire.list(embedded.customFields());
    }
  }

  /** {@code _embedded} of a page. */
  public record Items(List<CustomFieldDto> customFields) {}
}
