package io.ringostat.amo.okhttp.internal.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A contact as {@code GET /api/v4/contacts} returns it (reference §5.1). */
public record ContactDto(
    Long id,
    String name,
    Long responsibleUserId,
    Long createdAt,
    Long updatedAt,
    Boolean isDeleted,
    List<CustomFieldValues> customFieldsValues,
    @JsonProperty("_embedded") Embedded embedded) {

  /** Linked leads and companies (ids only). */
  public record Embedded(List<IdRef> leads, List<IdRef> companies) {}

  /** A page of contacts. */
  public record Page(@JsonProperty("_links") Links links,
      @JsonProperty("_embedded") Items embedded) implements HalPage {
    /** The page's items. */
    public List<ContactDto> items() {
      return embedded == null ? List.of() : Wire.list(embedded.contacts());
    }
  }

  /** {@code _embedded} of a page. */
  public record Items(List<ContactDto> contacts) {}

  public List<Long> leadIds() {
    return embedded == null ? List.of()
        : Wire.list(embedded.leads()).stream().map(IdRef::id)
            .filter(java.util.Objects::nonNull).toList();
  }

  public List<Long> companyIds() {
    return embedded == null ? List.of()
        : Wire.list(embedded.companies()).stream().map(IdRef::id)
            .filter(java.util.Objects::nonNull).toList();
  }

  public List<String> phones() {
    return CustomFieldValues.phones(customFieldsValues);
  }
}
