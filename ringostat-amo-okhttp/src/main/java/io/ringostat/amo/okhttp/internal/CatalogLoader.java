package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.core.spi.CrmException;
import io.ringostat.amo.okhttp.AmoPermissionException;
import io.ringostat.amo.okhttp.AmoUnexpectedStatusException;
import io.ringostat.amo.okhttp.internal.wire.AccountDto;
import io.ringostat.amo.okhttp.internal.wire.CustomFieldDto;
import io.ringostat.amo.okhttp.internal.wire.PipelineDto;
import io.ringostat.amo.okhttp.internal.wire.UserDto;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the account's reference data (R-IN-3) in five requests for a small account: account with
 * date-time settings, users, pipelines with statuses, lead and contact custom fields (50 per page,
 * so larger accounts take more pages); four when the account answer was just read by a probe.
 */
public final class CatalogLoader {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogLoader.class);
  static final int MAX_PAGES = 20;

  private final Channel http;
  private final Json json;
  private final String subdomain;
  private final Optional<ZoneId> zoneOverride;
  private final Pages pages;

  /**
   * @param subdomain the configured subdomain, used when the account answer lacks one
   * @param zoneOverride {@code AmoAccount.timeZone()}: when set, it wins over the account's
   */
  public CatalogLoader(Channel http, Json json, String subdomain,
      Optional<ZoneId> zoneOverride) {
    this.http = http;
    this.json = json;
    this.subdomain = subdomain;
    this.zoneOverride = zoneOverride;
    this.pages = new Pages(http, json);
  }

  /**
   * A JSON 403 on the users list means the token's user is no administrator (reference §11.1),
   * not that amoCRM blocked the account: a settings problem the user fixes, so it is REJECTED,
   * which keeps the engine INACTIVE with this message instead of BLOCKED.
   */
  private static RuntimeException notAdmin(AmoPermissionException e) {
    if (e.blocked()) {
      return e;
    }
    return new AmoUnexpectedStatusException(CrmException.Kind.REJECTED, e.statusCode(),
        e.endpoint(), e.title().orElse(null), "the token's user is not an administrator of the"
            + " account; reading the users needs admin rights: create the token (or authorize"
            + " the integration) as an administrator", e.requestId().orElse(null));
  }

  /**
   * {@code GET /api/v4/account?with=datetime_settings} as a probe: succeeds on any 2xx answer
   * (like any probe) and returns the account when the answer reads as one, for {@link
   * #load(Optional)} to reuse.
   */
  public Optional<AccountDto> probe() {
    ApiResponse r = http.send(accountCall());
    try {
      return r.isEmpty() ? Optional.empty()
          : Optional.of(json.read(r.body(), AccountDto.class, "GET /api/v4/account"));
    } catch (RuntimeException unreadable) {
      return Optional.empty(); // the catalog reads it again and reports what is wrong
    }
  }

  private static ApiCall accountCall() {
    return ApiCall.get("/api/v4/account").param("with", "datetime_settings").build();
  }

  private AccountDto account() {
    ApiCall call = accountCall();
    return json.read(http.send(call).body(), AccountDto.class, call.endpoint());
  }

  /**
   * Reads the catalog; {@code fresh} is an account answer just read (by the activation's probe),
   * which saves the account request.
   */
  public AccountCatalog load(Optional<AccountDto> fresh) {
    AccountDto account = fresh.isPresent() ? fresh.get() : account();
    List<AccountCatalog.User> users = new ArrayList<>();
    try {
      pages.read(() -> ApiCall.get("/api/v4/users").param("limit", 250).permissionCheck(),
          UserDto.Page.class, MAX_PAGES, p -> {
            p.items().forEach(u -> {
              if (u.id() != null) {
                users.add(new AccountCatalog.User(u.id(), u.name() == null ? "" : u.name(),
                    u.active(), u.admin(), Optional.ofNullable(u.lang()).filter(l -> !l.isBlank())));
              }
            });
            return true;
          });
    } catch (AmoPermissionException e) {
      throw notAdmin(e);
    }
    List<AccountCatalog.Pipeline> pipelines = new ArrayList<>();
    ApiCall pipelinesCall = ApiCall.get("/api/v4/leads/pipelines").build();
    ApiResponse pr = http.send(pipelinesCall);
    if (!pr.isEmpty()) {
      for (PipelineDto p : json.read(pr.body(), PipelineDto.Page.class,
          pipelinesCall.endpoint()).items()) {
        if (p.id() == null) {
          continue;
        }
        List<AccountCatalog.Status> statuses = p.statuses().stream().filter(s -> s.id() != null)
            .map(s -> new AccountCatalog.Status(s.id(), s.name() == null ? "" : s.name()))
            .toList();
        pipelines.add(new AccountCatalog.Pipeline(p.id(), p.name() == null ? "" : p.name(),
            Boolean.TRUE.equals(p.isMain()), statuses));
      }
    }
    List<AccountCatalog.CustomField> fields = new ArrayList<>();
    for (String entity : List.of("leads", "contacts")) {
      String path = "/api/v4/" + entity + "/custom_fields";
      pages.read(() -> ApiCall.get(path).param("limit", 50), CustomFieldDto.Page.class,
          MAX_PAGES, p -> {
            p.items().forEach(f -> {
              if (f.id() != null) {
                fields.add(new AccountCatalog.CustomField(f.id(), entity,
                    f.name() == null ? "" : f.name(), Optional.ofNullable(f.code()),
                    f.type() == null ? "" : f.type()));
              }
            });
            return true;
          });
    }
    String sub = account.subdomain() == null || account.subdomain().isBlank() ? subdomain
        : account.subdomain();
    return new AccountCatalog(sub, timeZone(account), users, pipelines, fields,
        Optional.ofNullable(account.country()).filter(c -> !c.isBlank()),
        Optional.ofNullable(account.currentUserId()));
  }

  /**
   * The override when set; else {@code datetime_settings.timezone} (key name unconfirmed,
   * reference §16.15: we also try {@code time_zone}); else UTC, logged.
   */
  ZoneId timeZone(AccountDto account) {
    if (zoneOverride.isPresent()) {
      return zoneOverride.get();
    }
    String name = account.timezoneName();
    if (name != null) {
      try {
        return ZoneId.of(name);
      } catch (DateTimeException e) {
        LOG.warn("amoCRM account time zone '{}' is not a known zone id; using UTC",
            Redact.text(name));
        return ZoneOffset.UTC;
      }
    }
    LOG.warn("amoCRM did not report the account time zone; using UTC (set AmoAccount.timeZone)");
    return ZoneOffset.UTC;
  }
}
