package io.ringostat.amo.okhttp.internal.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A user as {@code GET /api/v4/users} returns it (reference §11.1). */
public record UserDto(Long id, String name, String email, String lang, Rights rights) {
  /** Only {@code is_active} and {@code is_admin} matter here. */
  public record Rights(Boolean isActive, Boolean isAdmin) {}

  /** An administrator when amoCRM says so. */
  public boolean admin() {
    return rights != null && Boolean.TRUE.equals(rights.isAdmin());
  }

  /** Active unless amoCRM says otherwise. */
  public boolean active() {
    return rights == null || rights.isActive() == null || rights.isActive();
  }

  /** A page of users. */
  public record Page(@JsonProperty("_links") Links links,
      @JsonProperty("_embedded") Items embedded) implements HalPage {
    public List<UserDto> items() {
      return embedded == null ? List.of() : Wire.list(embedded.users());
    }
  }

  /** {@code _embedded} of a page. */
  public record Items(List<UserDto> users) {}
}
