package io.ringostat.amo.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringostat.amo.testkit.internal.Account.FieldDef;
import io.ringostat.amo.testkit.internal.Account.PipelineDef;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Reference data: {@code GET /api/v4/account}, users, pipelines with statuses and custom fields
 * (reference §11).
 */
final class AccountApi {
  private final Env env;
  private final Render render;

  AccountApi(Env env, Render render) {
    this.env = env;
    this.render = render;
  }

  void register(Router router) {
    router.add("GET", "/api/v4/account", (r, m) -> account(r, m.actor()));
    router.add("GET", "/api/v4/users", (r, m) -> users(r));
    router.add("GET", "/api/v4/users/(\\d+)", (r, m) -> user(m.id(1)));
    router.add("GET", "/api/v4/leads/pipelines", (r, m) -> pipelines());
    router.add("GET", "/api/v4/leads/pipelines/(\\d+)", (r, m) -> pipeline(m.id(1)));
    router.add("GET", "/api/v4/leads/pipelines/(\\d+)/statuses", (r, m) -> statuses(m.id(1)));
    router.add(
        "GET",
        "/api/v4/(leads|contacts|companies)/custom_fields",
        (r, m) -> customFields(r, m.group(1)));
  }

  ApiResponse account(ApiRequest r, long actor) {
    ObjectNode o = Json.object();
    o.put("id", env.account.id);
    o.put("name", env.account.name);
    o.put("subdomain", env.account.subdomain);
    o.put("current_user_id", actor);
    o.put("country", env.account.country);
    o.put("currency", "UAH");
    o.put("currency_symbol", "₴");
    o.put("customers_mode", "disabled");
    o.put("is_unsorted_on", true);
    o.put("is_loss_reason_enabled", false);
    o.put("is_helpbot_enabled", false);
    o.put("is_technical_account", false);
    o.put("contact_name_display_order", 1);
    o.set("_links", env.selfLink("/api/v4/account"));
    if (r.with().contains("task_types")) {
      com.fasterxml.jackson.databind.node.ArrayNode types =
          ((ObjectNode) (o.has("_embedded") ? o.get("_embedded") : o.putObject("_embedded")))
              .putArray("task_types");
      env.taskTypes.forEach((id, name) -> types.addObject().put("id", id).put("name", name)
          .putNull("color").putNull("icon_id").put("code", id == 1 ? "FOLLOW_UP"
              : id == 2 ? "MEETING" : null));
    }
    if (r.with().contains("datetime_settings")) {
      ZoneOffset offset = env.account.zone.getRules().getOffset(env.clock.instant());
      ObjectNode dt = o.putObject("datetime_settings");
      dt.put("date_pattern", "d.m.Y H:i");
      dt.put("short_date_pattern", "d.m.Y");
      dt.put("short_time_pattern", "H:i");
      dt.put("date_format", "d.m.Y");
      dt.put("time_format", "H:i:s");
      // The key names of the account's time zone are unconfirmed (reference §11.2, §16.15):
      // "timezone" (an IANA id) and "timezone_offset" are our fixed choice.
      dt.put("timezone", env.account.zone.getId());
      dt.put("timezone_offset", offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId());
    }
    return ApiResponse.hal(o);
  }

  ApiResponse users(ApiRequest r) {
    return Paging.of(r, env.account.users(), 250).reply(env, r, "users", render::user, true);
  }

  ApiResponse user(long id) {
    return env.account
        .user(id)
        .map(u -> ApiResponse.hal(render.user(u)))
        .orElseGet(ApiResponse::noContent);
  }

  ApiResponse pipelines() {
    ObjectNode o = Json.object();
    o.put("_total_items", env.account.pipelines().size());
    o.set("_links", env.selfLink("/api/v4/leads/pipelines"));
    var arr = o.putObject("_embedded").putArray("pipelines");
    env.account.pipelines().forEach(p -> arr.add(render.pipeline(p)));
    return ApiResponse.hal(o);
  }

  ApiResponse pipeline(long id) {
    return env.account
        .pipeline(id)
        .map(p -> ApiResponse.hal(render.pipeline(p)))
        .orElseGet(() -> Problems.notFound("Pipeline not found"));
  }

  ApiResponse statuses(long id) {
    PipelineDef p = env.account.pipeline(id).orElse(null);
    if (p == null) {
      return Problems.notFound("Pipeline not found");
    }
    ObjectNode o = Json.object();
    o.put("_total_items", p.statuses().size());
    o.set("_links", env.selfLink("/api/v4/leads/pipelines/" + id + "/statuses"));
    var arr = o.putObject("_embedded").putArray("statuses");
    p.statuses().forEach(s -> arr.add(render.status(s)));
    return ApiResponse.hal(o);
  }

  /** Custom fields, at most 50 per page even if {@code limit} asks for more (reference §11.4). */
  ApiResponse customFields(ApiRequest r, String entity) {
    List<String> types = r.paramList("filter[type]");
    List<FieldDef> all =
        env.account.fields(entity).stream()
            .filter(f -> types.isEmpty() || types.contains(f.type()))
            .toList();
    return Paging.of(r, all, 50).reply(env, r, "custom_fields", render::field, true);
  }
}
