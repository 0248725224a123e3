package io.ringostat.amo.journal.sqlite;

import io.ringostat.amo.engine.journal.DuplicateMemory;
import io.ringostat.amo.engine.journal.Journal;
import io.ringostat.amo.engine.testing.JournalContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link SqliteJournal} against the shared {@link JournalContract}. */
class SqliteJournalTest implements JournalContract {
  @TempDir Path dir;
  private int opened;

  @Override
  public Journal newJournal() {
    return SqliteJournal.open(dir.resolve("journal-" + opened++));
  }

  @Override
  public Journal newJournal(DuplicateMemory memory) {
    return SqliteJournal.open(dir.resolve("journal-" + opened++),
        SqliteJournal.Options.builder().duplicateMemory(memory).build());
  }
}
