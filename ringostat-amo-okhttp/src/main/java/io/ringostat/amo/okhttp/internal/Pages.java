package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.okhttp.internal.wire.Links;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Reads a paged HAL list, the one loop every paged read shares: the first request is sent as
 * built, later ones add {@code page=2, 3, …}; reading stops at an empty answer (204), at a page
 * without {@code _links.next}, when the reader returns false, or after {@code maxPages} pages.
 * Thread-safe.
 */
final class Pages {
  private final AmoTransport http;
  private final Json json;

  Pages(AmoTransport http, Json json) {
    this.http = http;
    this.json = json;
  }

  /**
   * @param request builds the request of one page, without {@code page}; called once per page
   * @param type the page's wire type
   * @param links the page's {@code _links}
   * @param reader takes each page in order; false stops reading
   */
  <P> void read(Supplier<ApiCall.Builder> request, Class<P> type, Function<P, Links> links,
      int maxPages, Tally tally, Predicate<P> reader) {
    for (int page = 1; page <= maxPages; page++) {
      ApiCall.Builder b = request.get();
      if (page > 1) {
        b.param("page", page);
      }
      ApiCall call = b.build();
      ApiResponse r = http.send(call, tally);
      if (r.isEmpty()) {
        return;
      }
      P p = json.read(r.body(), type, call.endpoint());
      if (!reader.test(p) || !Links.hasNext(links.apply(p))) {
        return;
      }
    }
  }
}
