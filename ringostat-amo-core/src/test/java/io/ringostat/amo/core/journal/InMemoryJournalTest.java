package io.ringostat.amo.core.journal;

/** {@link InMemoryJournal} against the shared {@link JournalContract}. */
class InMemoryJournalTest implements JournalContract {
  @Override
  public Journal newJournal() {
    return new InMemoryJournal();
  }
}
