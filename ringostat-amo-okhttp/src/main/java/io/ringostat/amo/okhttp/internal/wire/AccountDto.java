package io.ringostat.amo.okhttp.internal.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code GET /api/v4/account[?with=datetime_settings]} (reference §11.2). The key names inside
 * {@code datetime_settings} are unconfirmed; {@link #timezoneName()} tries {@code timezone}, then
 * {@code time_zone}.
 */
public record AccountDto(Long id, String name, String subdomain, Long currentUserId, String country,
    @JsonProperty("_embedded") JsonNode embedded, JsonNode datetimeSettings) {

  /** The account's IANA time zone name, if amoCRM sent one where we look for it. */
  public String timezoneName() {
    for (JsonNode holder : new JsonNode[] {datetimeSettings,
        embedded == null ? null : embedded.get("datetime_settings")}) {
      if (holder == null || !holder.isObject()) {
        continue;
      }
      for (String key : new String[] {"timezone", "time_zone"}) {
        JsonNode v = holder.get(key);
        if (v != null && v.isTextual() && !v.asText().isBlank()) {
          return v.asText();
        }
      }
    }
    return null;
  }
}
