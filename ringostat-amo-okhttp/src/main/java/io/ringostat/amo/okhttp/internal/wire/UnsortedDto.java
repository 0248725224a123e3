package io.ringostat.amo.okhttp.internal.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An unsorted request as {@code GET /api/v4/leads/unsorted} and {@code POST
 * /api/v4/leads/unsorted/sip} return it (reference §7).
 */
public record UnsortedDto(
    String uid,
    String category,
    Long pipelineId,
    Long createdAt,
    String requestId,
    Metadata metadata,
    @JsonProperty("_embedded") Embedded embedded) {

  /** SIP metadata; {@code call_responsible} may be an id, a phone or a name. */
  public record Metadata(String uniq, String from, String phone, JsonNode callResponsible) {}

  /** The request's lead, contact and company. */
  public record Embedded(List<EmbeddedLead> leads, List<ContactDto> contacts) {}

  /** The embedded lead. */
  public record EmbeddedLead(Long id, String name, Long responsibleUserId) {}

  /** A page (list or create response). */
  public record Page(@JsonProperty("_links") Links links,
      @JsonProperty("_embedded") Items embedded) implements HalPage {
    public List<UnsortedDto> items() {
      return embedded == null ? List.of() : Wire.list(embedded.unsorted());
    }
  }

  /** {@code _embedded} of a page. */
  public record Items(List<UnsortedDto> unsorted) {}

  public Long leadId() {
    return embedded == null ? null
        : Wire.list(embedded.leads()).stream().map(EmbeddedLead::id)
            .filter(java.util.Objects::nonNull).findFirst().orElse(null);
  }

  public Long contactId() {
    return embedded == null ? null
        : Wire.list(embedded.contacts()).stream().map(ContactDto::id)
            .filter(java.util.Objects::nonNull).findFirst().orElse(null);
  }

  /** The lead's responsible user, else a numeric {@code call_responsible}. */
  public Long responsibleUserId() {
    Long lead = embedded == null ? null
        : Wire.list(embedded.leads()).stream().map(EmbeddedLead::responsibleUserId)
            .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    if (lead != null) {
      return lead;
    }
    JsonNode r = metadata == null ? null : metadata.callResponsible();
    return r != null && r.canConvertToLong() && r.isIntegralNumber() ? r.asLong() : null;
  }

  /** Every phone the request names: metadata {@code phone}/{@code from} and contact PHONEs. */
  public List<String> phones() {
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    if (metadata != null) {
      if (metadata.phone() != null) {
        out.add(metadata.phone());
      }
      if (metadata.from() != null) {
        out.add(metadata.from());
      }
    }
    if (embedded != null) {
      Wire.list(embedded.contacts()).forEach(c -> out.addAll(c.phones()));
    }
    return out;
  }
}
