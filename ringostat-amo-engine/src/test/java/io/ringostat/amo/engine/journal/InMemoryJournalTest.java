package io.ringostat.amo.engine.journal;

import io.ringostat.amo.engine.testing.JournalContract;

/** {@link InMemoryJournal} against the shared {@link JournalContract}. */
class InMemoryJournalTest implements JournalContract {
  @Override
  public Journal newJournal() {
    return new InMemoryJournal();
  }

  @Override
  public Journal newJournal(DuplicateMemory memory) {
    return new InMemoryJournal(memory);
  }
}
