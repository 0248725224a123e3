package io.ringostat.amo.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a collection: {@code page} is 1-based; {@code limit} defaults to 50 and is clamped to
 * the endpoint's maximum (250 for most lists, 50 for custom fields; reference §2.2–2.3). A larger
 * {@code limit} is silently reduced (our choice; amoCRM's behaviour is unconfirmed).
 */
record Paging<T>(List<T> items, int page, int limit, int total) {
  static <T> Paging<T> of(ApiRequest r, List<T> all, int maxLimit) {
    int page = Math.max(1, r.intParam("page", 1));
    int limit = Math.min(maxLimit, Math.max(1, r.intParam("limit", Math.min(50, maxLimit))));
    int from = (int) Math.min((long) (page - 1) * limit, all.size());
    int to = Math.min(from + limit, all.size());
    return new Paging<>(all.subList(from, to), page, limit, all.size());
  }

  boolean hasNext() {
    return (long) page * limit < total;
  }

  int pageCount() {
    return Math.max(1, (total + limit - 1) / limit);
  }

  /** {@code _links} with {@code self}, and {@code next} when there is a next page. */
  ObjectNode links(Env env, ApiRequest r) {
    ObjectNode links = Json.object();
    links.putObject("self").put("href", env.href(r.pathWithPage(page, limit)));
    if (hasNext()) {
      links.putObject("next").put("href", env.href(r.pathWithPage(page + 1, limit)));
    }
    return links;
  }

  /**
   * A HAL page: {@code _page}, optionally {@code _total_items}/{@code _page_count}, links, items.
   */
  ObjectNode hal(Env env, ApiRequest r, String key, List<ObjectNode> rendered, boolean totals) {
    ObjectNode o = Json.object();
    if (totals) {
      o.put("_total_items", total);
    }
    o.put("_page", page);
    if (totals) {
      o.put("_page_count", pageCount());
    }
    o.set("_links", links(env, r));
    o.putObject("_embedded").putArray(key).addAll(rendered);
    return o;
  }

  /**
   * The answer to a list request: this page as {@link #hal}, each item drawn by {@code render}; 204
   * when the page is empty (reference §2.4).
   */
  ApiResponse reply(
      Env env, ApiRequest r, String key, Function<T, ObjectNode> render, boolean totals) {
    if (items.isEmpty()) {
      return ApiResponse.noContent();
    }
    return ApiResponse.hal(hal(env, r, key, items.stream().map(render).toList(), totals));
  }
}
