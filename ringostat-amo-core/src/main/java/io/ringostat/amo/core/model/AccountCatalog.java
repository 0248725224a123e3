package io.ringostat.amo.core.model;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Reference data of an amoCRM account that settings are checked against (activation, R-IN-3): its
 * time zone, users, pipelines with statuses, and custom fields; also its country and the user the
 * integration was authorised by, from which the language of CRM texts is chosen (R-LANG). A
 * gateway loads it once and caches it.
 *
 * @param country the account's {@code country} (ISO 3166-1 alpha-2, e.g. {@code "UA"}), if known
 * @param currentUserId the user the credentials belong to ({@code current_user_id}), if known
 */
public record AccountCatalog(
    String subdomain,
    ZoneId timeZone,
    List<User> users,
    List<Pipeline> pipelines,
    List<CustomField> customFields,
    Optional<String> country,
    Optional<Long> currentUserId) {

  public AccountCatalog {
    users = List.copyOf(users);
    pipelines = List.copyOf(pipelines);
    customFields = List.copyOf(customFields);
    java.util.Objects.requireNonNull(country, "country");
    java.util.Objects.requireNonNull(currentUserId, "currentUserId");
  }

  /** A catalogue without country and current user. */
  public AccountCatalog(String subdomain, ZoneId timeZone, List<User> users,
      List<Pipeline> pipelines, List<CustomField> customFields) {
    this(subdomain, timeZone, users, pipelines, customFields, Optional.empty(), Optional.empty());
  }

  /**
   * An amoCRM user; inactive users cannot be responsible.
   *
   * @param admin whether the user is an account administrator
   * @param lang the language of the user's amoCRM interface ({@code ru}, {@code en}, ...), if known
   */
  public record User(long id, String name, boolean active, boolean admin, Optional<String> lang) {
    public User {
      java.util.Objects.requireNonNull(lang, "lang");
    }

    /** A user whose admin flag and language are not known. */
    public User(long id, String name, boolean active) {
      this(id, name, active, false, Optional.empty());
    }
  }

  /**
   * The interface language of the admin who set the integration up: the current user's when the
   * account reports it, else the first active administrator's that has one.
   */
  public Optional<String> adminUserLang() {
    Optional<String> current = currentUserId.flatMap(this::user).flatMap(User::lang);
    if (current.isPresent()) {
      return current;
    }
    return users.stream().filter(u -> u.admin() && u.active() && u.lang().isPresent())
        .map(u -> u.lang().get()).findFirst();
  }

  /** A pipeline and its statuses (including the system statuses 142 and 143). */
  public record Pipeline(long id, String name, boolean main, List<Status> statuses) {
    public Pipeline {
      statuses = List.copyOf(statuses);
    }

    public Optional<Status> status(long statusId) {
      return statuses.stream().filter(s -> s.id() == statusId).findFirst();
    }
  }

  /** A status (stage) of a pipeline. */
  public record Status(long id, String name) {}

  /**
   * A custom field.
   *
   * @param entity "contacts", "leads" or "companies"
   */
  public record CustomField(long id, String entity, String name, Optional<String> code, String type) {}

  public Optional<User> user(long id) {
    return users.stream().filter(u -> u.id() == id).findFirst();
  }

  public Optional<Pipeline> pipeline(long id) {
    return pipelines.stream().filter(p -> p.id() == id).findFirst();
  }

  /** The main pipeline, or the first. */
  public Optional<Pipeline> mainPipeline() {
    return pipelines.stream().filter(Pipeline::main).findFirst()
        .or(() -> pipelines.stream().findFirst());
  }
}
