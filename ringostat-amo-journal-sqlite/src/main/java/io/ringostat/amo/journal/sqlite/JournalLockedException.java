package io.ringostat.amo.journal.sqlite;

import java.nio.file.Path;

/**
 * Thrown by {@link SqliteJournal#open} when another journal holds the directory's lock: one
 * open in this process, or in another process (a second instance of the application, a command
 * line run on the same directory). Two journals on one directory would each resume the same
 * pending events, so the second open fails fast. Close the other journal (or stop its process)
 * and open again, or give each engine its own directory. The lock goes away with its process, so
 * a crashed process never leaves the directory locked.
 */
public final class JournalLockedException extends SqliteJournalException {
  private final transient Path directory;

  JournalLockedException(Path directory, Throwable cause) {
    super("journal: " + directory + " is already open (by this process or another); close the"
        + " other journal first, or give each engine its own directory", cause);
    this.directory = directory;
  }

  /**
   * The journal directory that is locked.
   *
   * @return the directory as given to {@link SqliteJournal#open}; null after deserialization
   */
  public Path directory() {
    return directory;
  }
}
