package io.ringostat.amo.core.model;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Reference data of an amoCRM account that settings are checked against (activation, R-IN-3): its
 * time zone, users, pipelines with statuses, and custom fields. A gateway loads it once and caches
 * it.
 */
public record AccountCatalog(
    String subdomain,
    ZoneId timeZone,
    List<User> users,
    List<Pipeline> pipelines,
    List<CustomField> customFields) {

  public AccountCatalog {
    users = List.copyOf(users);
    pipelines = List.copyOf(pipelines);
    customFields = List.copyOf(customFields);
  }

  /** An amoCRM user; inactive users cannot be responsible. */
  public record User(long id, String name, boolean active) {}

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
