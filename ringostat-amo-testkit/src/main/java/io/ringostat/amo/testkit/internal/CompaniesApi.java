package io.ringostat.amo.testkit.internal;

import java.util.List;

/** Companies, read-only: {@code GET /api/v4/companies} (filters, query) and by id. */
final class CompaniesApi {
  private final Env env;
  private final Render render;

  CompaniesApi(Env env, Render render) {
    this.env = env;
    this.render = render;
  }

  void register(Router router) {
    router.add("GET", "/api/v4/companies", (r, m) -> list(r));
    router.add(
        "GET",
        "/api/v4/companies/(\\d+)",
        (r, m) ->
            env.store
                .company(m.id(1))
                .map(c -> ApiResponse.hal(render.company(c)))
                .orElseGet(ApiResponse::noContent));
  }

  ApiResponse list(ApiRequest r) {
    List<CompanyEntity> live =
        env.store.companies.values().stream().filter(c -> !c.deleted && !c.unsorted).toList();
    return Paging.of(r, Listing.filter(r, live), 250)
        .reply(env, r, "companies", render::company, false);
  }
}
