package io.ringostat.amo.okhttp.internal.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A note as {@code GET /api/v4/{entity}/{id}/notes} returns it (reference §9). */
public record NoteDto(Long id, Long entityId, String noteType, JsonNode params) {
  /** {@code params.uniq} of a call note, or null. */
  public String uniq() {
    JsonNode u = params == null ? null : params.get("uniq");
    return u == null || u.isNull() ? null : u.asText();
  }

  /** A page of notes. */
  public record Page(@JsonProperty("_links") Links links,
      @JsonProperty("_embedded") Items embedded) implements HalPage {
    public List<NoteDto> items() {
      return embedded == null ? List.of() : Wire.list(embedded.notes());
    }
  }

  /** {@code _embedded} of a page. */
  public record Items(List<NoteDto> notes) {}
}
