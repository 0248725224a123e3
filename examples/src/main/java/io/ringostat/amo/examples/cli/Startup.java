package io.ringostat.amo.examples.cli;

import io.ringostat.amo.core.settings.SettingsProblem;
import io.ringostat.amo.engine.ActivationResult;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.engine.journal.Journal;
import io.ringostat.amo.journal.sqlite.JournalLockedException;
import io.ringostat.amo.journal.sqlite.SqliteJournal;
import io.ringostat.amo.journal.sqlite.SqliteJournalException;
import java.nio.file.Path;
import java.util.Optional;

/** What the long-running commands ({@code serve}, {@code ami}) do before they start listening. */
final class Startup {
  private Startup() {}

  /**
   * The SQLite journal in {@code dir}, or one in memory when {@code dir} is null; empty, with the
   * reason on {@code err}, when it cannot be opened.
   */
  static Optional<Journal> journal(Path dir, Out err) {
    try {
      return Optional.of(dir == null ? new InMemoryJournal() : SqliteJournal.open(dir));
    } catch (JournalLockedException e) {
      err.line("error: the journal " + dir + " is locked by another process");
    } catch (SqliteJournalException e) {
      err.line("error: cannot open the journal " + dir + ": " + e.getMessage());
    }
    return Optional.empty();
  }

  /**
   * Activates {@code engine} and prints its settings problems; false, with the reason on {@code
   * err}, when amoCRM did not activate the integration.
   */
  static boolean activate(IntegrationEngine engine, Out err) {
    ActivationResult activation = engine.activate();
    for (SettingsProblem p : activation.problems()) {
      err.line((p.isError() ? "error: " : "warning: ") + p);
    }
    if (!activation.isActive()) {
      err.line("amoCRM did not activate the integration (" + activation.state() + "): "
          + activation.message());
      return false;
    }
    return true;
  }
}
