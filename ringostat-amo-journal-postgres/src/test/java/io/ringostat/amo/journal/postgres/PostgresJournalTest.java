package io.ringostat.amo.journal.postgres;

import io.ringostat.amo.engine.journal.DuplicateMemory;
import io.ringostat.amo.engine.journal.Journal;
import io.ringostat.amo.engine.testing.JournalContract;

/**
 * {@link PostgresJournal} against the shared {@link JournalContract}: every journal is a fresh
 * account in the shared schema, on one pool, as the accounts of one process would be.
 */
class PostgresJournalTest implements JournalContract {
  @Override
  public Journal newJournal() {
    return PostgresJournal.open(TestDatabase.shared(), TestDatabase.freshAccount(),
        TestDatabase.runOptions());
  }

  /** No duplicate memory yet (issue 12): only {@link DuplicateMemory#NONE} is what it does. */
  @Override
  public Journal newJournal(DuplicateMemory memory) {
    return memory.isNone() ? newJournal() : JournalContract.super.newJournal(memory);
  }
}
