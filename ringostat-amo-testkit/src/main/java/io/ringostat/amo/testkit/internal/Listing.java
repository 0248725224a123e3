package io.ringostat.amo.testkit.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Common list filters of contacts, leads and companies: ids, responsible users, order. */
final class Listing {
  private Listing() {}

  static <T extends CrmEntity> List<T> filter(ApiRequest r, List<T> all) {
    List<Long> ids = r.longList("filter[id]");
    List<Long> responsible = r.longList("filter[responsible_user_id]");
    String query = r.param("query").orElse(null);
    FuzzyQuery fuzzy = query == null ? null : new FuzzyQuery(query);
    List<T> out = new ArrayList<>();
    for (T e : all) {
      if (!ids.isEmpty() && !ids.contains(e.id)) {
        continue;
      }
      if (!responsible.isEmpty() && !responsible.contains(e.responsibleUserId)) {
        continue;
      }
      if (fuzzy != null && !fuzzy.matches(e)) {
        continue;
      }
      out.add(e);
    }
    Comparator<CrmEntity> order = null;
    if (r.param("order[updated_at]").isPresent()) {
      order = Comparator.comparingLong((CrmEntity e) -> e.updatedAt).thenComparingLong(e -> e.id);
      if (r.param("order[updated_at]").get().equalsIgnoreCase("desc")) {
        order = order.reversed();
      }
    } else if (r.param("order[created_at]").isPresent()) {
      order = Comparator.comparingLong((CrmEntity e) -> e.createdAt).thenComparingLong(e -> e.id);
      if (r.param("order[created_at]").get().equalsIgnoreCase("desc")) {
        order = order.reversed();
      }
    } else if (r.param("order[id]").orElse("asc").equalsIgnoreCase("desc")) {
      order = Comparator.comparingLong((CrmEntity e) -> e.id).reversed();
    }
    if (order != null) {
      out.sort(order);
    }
    return out;
  }
}
