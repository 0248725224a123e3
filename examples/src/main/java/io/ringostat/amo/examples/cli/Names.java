package io.ringostat.amo.examples.cli;

import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.settings.IntegrationSettings;
import java.util.Optional;

/**
 * Human names for ids: employees (by amoCRM user id), pipelines and statuses, from the settings
 * and, when known, the account's catalog. Immutable.
 */
final class Names {
  private final IntegrationSettings settings;
  private final Optional<AccountCatalog> catalog;

  Names(IntegrationSettings settings, Optional<AccountCatalog> catalog) {
    this.settings = settings;
    this.catalog = catalog;
  }

  /** "Olena Kovalenko", else the amoCRM user's name, else "user #504141". */
  String user(long amoUserId) {
    return settings.directory().byAmoUser(amoUserId).map(Employee::name)
        .or(() -> catalog.flatMap(c -> c.user(amoUserId)).map(AccountCatalog.User::name))
        .orElse("user #" + amoUserId);
  }

  /** The employee behind an endpoint, as "olena (Olena Kovalenko)", or "unknown endpoint x". */
  String endpoint(String endpoint) {
    return settings.directory().byEndpoint(endpoint)
        .map(e -> endpoint + " (" + e.name() + ")")
        .orElse(endpoint + " (no employee has it)");
  }

  String pipeline(long pipelineId) {
    return findPipeline(pipelineId).map(AccountCatalog.Pipeline::name)
        .orElse("pipeline #" + pipelineId);
  }

  String status(long pipelineId, long statusId) {
    if (statusId == 142) {
      return "Won";
    }
    if (statusId == 143) {
      return "Lost";
    }
    return settingsPipeline(pipelineId).flatMap(p -> p.status(statusId))
        .or(() -> catalog.flatMap(c -> c.pipeline(pipelineId)).flatMap(p -> p.status(statusId)))
        .map(AccountCatalog.Status::name).orElse("status #" + statusId);
  }

  /** The settings' pipeline (the user's names), else the account's. */
  private Optional<AccountCatalog.Pipeline> findPipeline(long id) {
    return settingsPipeline(id).or(() -> catalog.flatMap(c -> c.pipeline(id)));
  }

  private Optional<AccountCatalog.Pipeline> settingsPipeline(long id) {
    return settings.pipelines().stream().filter(p -> p.id() == id).findFirst();
  }
}
