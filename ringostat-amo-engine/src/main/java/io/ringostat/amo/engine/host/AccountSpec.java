package io.ringostat.amo.engine.host;

import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.spi.AmoCrm;
import io.ringostat.amo.engine.journal.Journal;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One amoCRM account a host serves: its id, settings, amoCRM port and journal partition. The host
 * builds none of them: the application builds the port (e.g. an {@code AmoOkHttpGateway} with the
 * account's own rate limiter and credentials) and the journal (e.g. a partition of a shared
 * PostgreSQL journal). The host closes the journal when the account is removed or the host
 * closes; the port is left to the application.
 *
 * @param id the account's id in the host: 1 to 64 characters of letters, digits, {@code . _ -};
 *     it is used as a metrics tag and in logs, so it must not be a secret
 */
public record AccountSpec(String id, IntegrationSettings settings, AmoCrm amo, Journal journal) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /**
   * @throws IllegalArgumentException if {@code id} is not 1 to 64 letters, digits, dots,
   *     underscores or dashes
   * @throws NullPointerException if any component is null
   */
  public AccountSpec {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("id: use 1 to 64 letters, digits, '.', '_' or '-'");
    }
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(amo, "amo");
    Objects.requireNonNull(journal, "journal");
  }

  /** This spec with other settings. */
  public AccountSpec withSettings(IntegrationSettings value) {
    return new AccountSpec(id, value, amo, journal);
  }
}
