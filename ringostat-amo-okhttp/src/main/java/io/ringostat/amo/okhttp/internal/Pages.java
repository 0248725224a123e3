package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.okhttp.internal.wire.HalPage;
import io.ringostat.amo.okhttp.internal.wire.Links;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Reads a paged HAL list, the one loop every paged read shares: the first request is sent as
 * built, later ones add {@code page=2, 3, …}; reading stops at an empty answer (204), at a page
 * without {@code _links.next}, when the reader returns false, or after {@code maxPages} pages. A
 * 200 page without {@code _embedded} fails with {@code INVALID_RESPONSE} ({@link Json#page}).
 * Thread-safe.
 */
final class Pages {
  private final Channel http;
  private final Json json;

  Pages(Channel http, Json json) {
    this.http = http;
    this.json = json;
  }

  /**
   * @param request builds the request of one page, without {@code page}; called once per page
   * @param type the page's wire type
   * @param reader takes each page in order; false stops reading
   */
  <P extends HalPage> void read(Supplier<ApiCall.Builder> request, Class<P> type, int maxPages,
      Predicate<P> reader) {
    for (int page = 1; page <= maxPages; page++) {
      ApiCall.Builder b = request.get();
      if (page > 1) {
        b.param("page", page);
      }
      ApiCall call = b.build();
      ApiResponse r = http.send(call);
      if (r.isEmpty()) {
        return;
      }
      P p = json.page(r.body(), type, call.endpoint());
      if (!reader.test(p) || !Links.hasNext(p.links())) {
        return;
      }
    }
  }
}
