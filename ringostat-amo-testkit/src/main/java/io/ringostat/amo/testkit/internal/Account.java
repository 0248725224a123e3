package io.ringostat.amo.testkit.internal;

import io.ringostat.amo.core.model.AccountCatalog;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The account's reference data, fixed at start (but for users, who can be deactivated): id, subdomain, time zone, users, pipelines with
 * statuses, and custom fields by entity. Immutable and thread-safe.
 */
final class Account {
  static final long WON = 142;
  static final long LOST = 143;

  final long id;
  final String name;
  /** Changes when the account is renamed (a test hook). */
  volatile String subdomain;
  final ZoneId zone;
  /** The ISO country GET /api/v4/account reports, e.g. "UA" or "RU". */
  final String country;
  final long currentUserId;
  private final Map<Long, UserDef> users;
  private final Map<Long, PipelineDef> pipelines;
  private final Map<String, List<FieldDef>> fields;

  Account(
      long id,
      String name,
      String subdomain,
      ZoneId zone,
      String country,
      long currentUserId,
      Map<Long, UserDef> users,
      Map<Long, PipelineDef> pipelines,
      Map<String, List<FieldDef>> fields) {
    this.id = id;
    this.name = name;
    this.subdomain = subdomain;
    this.zone = zone;
    this.country = country;
    this.currentUserId = currentUserId;
    this.users = new java.util.concurrent.ConcurrentHashMap<>(users);
    this.pipelines = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pipelines));
    Map<String, List<FieldDef>> f = new LinkedHashMap<>();
    fields.forEach((k, v) -> f.put(k, List.copyOf(v)));
    this.fields = java.util.Collections.unmodifiableMap(f);
  }

  /** Users in id order. */
  List<UserDef> users() {
    List<UserDef> list = new ArrayList<>(users.values());
    list.sort(java.util.Comparator.comparingLong(UserDef::id));
    return list;
  }

  Optional<UserDef> user(long id) {
    return Optional.ofNullable(users.get(id));
  }

  /** Deactivates user {@code id} (a manager who left); true when the user exists. */
  boolean deactivate(long id) {
    return users.computeIfPresent(id, (k, u) -> new UserDef(u.id(), u.name(), u.email(), false,
        u.admin())) != null;
  }

  /** True for an existing, active user: the only kind that may be responsible or an author. */
  boolean isActiveUser(long id) {
    UserDef u = users.get(id);
    return u != null && u.active();
  }

  Collection<PipelineDef> pipelines() {
    return pipelines.values();
  }

  Optional<PipelineDef> pipeline(long id) {
    return Optional.ofNullable(pipelines.get(id));
  }

  PipelineDef mainPipeline() {
    return pipelines.values().stream()
        .filter(PipelineDef::main)
        .findFirst()
        .orElseGet(() -> pipelines.values().iterator().next());
  }

  /** True when {@code statusId} is an open (not won, not lost) status. */
  static boolean isOpen(long statusId) {
    return statusId != WON && statusId != LOST;
  }

  /** Custom fields of {@code entity} ("contacts", "leads", "companies"), in sort order. */
  List<FieldDef> fields(String entity) {
    return fields.getOrDefault(entity, List.of());
  }

  Optional<FieldDef> field(String entity, long id) {
    return fields(entity).stream().filter(f -> f.id() == id).findFirst();
  }

  Optional<FieldDef> fieldByCode(String entity, String code) {
    return fields(entity).stream().filter(f -> code.equals(f.code())).findFirst();
  }

  /** The account as the core's catalog value. */
  AccountCatalog toCatalog() {
    List<AccountCatalog.User> u =
        users().stream().map(x -> new AccountCatalog.User(x.id(), x.name(), x.active())).toList();
    List<AccountCatalog.Pipeline> p =
        pipelines.values().stream()
            .map(
                x ->
                    new AccountCatalog.Pipeline(
                        x.id(),
                        x.name(),
                        x.main(),
                        x.statuses().stream()
                            .map(s -> new AccountCatalog.Status(s.id(), s.name()))
                            .toList()))
            .toList();
    List<AccountCatalog.CustomField> f = new ArrayList<>();
    fields.forEach(
        (entity, list) ->
            list.forEach(
                x ->
                    f.add(
                        new AccountCatalog.CustomField(
                            x.id(), entity, x.name(), Optional.ofNullable(x.code()), x.type()))));
    return new AccountCatalog(subdomain, zone, u, p, f);
  }

  /** An amoCRM user. */
  record UserDef(long id, String name, String email, boolean active, boolean admin) {}

  /** A status; {@code type} 1 = Unsorted, 0 = regular (142/143 are regular-typed system stages). */
  record StatusDef(
      long id, String name, int sort, int type, String color, boolean editable, long pipelineId) {}

  /** A pipeline with its statuses in sort order. */
  record PipelineDef(long id, String name, int sort, boolean main, List<StatusDef> statuses) {
    PipelineDef {
      statuses = List.copyOf(statuses);
    }

    Optional<StatusDef> status(long statusId) {
      return statuses.stream().filter(s -> s.id() == statusId).findFirst();
    }

    StatusDef unsorted() {
      return statuses.stream().filter(s -> s.type() == 1).findFirst().orElseThrow();
    }

    /** The first regular stage: where new leads go by default. */
    StatusDef firstRegular() {
      return statuses.stream()
          .filter(s -> s.type() == 0 && isOpen(s.id()))
          .findFirst()
          .orElseGet(() -> status(WON).orElseThrow());
    }
  }

  /** A custom field definition. {@code code} may be null. */
  record FieldDef(
      long id,
      String entity,
      String name,
      String code,
      String type,
      int sort,
      List<EnumDef> enums,
      boolean predefined) {
    FieldDef {
      enums = List.copyOf(enums);
    }

    Optional<EnumDef> enumById(long enumId) {
      return enums.stream().filter(e -> e.id() == enumId).findFirst();
    }

    Optional<EnumDef> enumByValue(String value) {
      return enums.stream().filter(e -> e.value().equals(value)).findFirst();
    }
  }

  /** An enum value of a field, e.g. WORK of PHONE. */
  record EnumDef(long id, String value, int sort) {}
}
