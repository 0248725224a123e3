package io.ringostat.amo.journal.sqlite;

/**
 * Thrown when the SQLite journal cannot be opened or a statement fails: the directory is not
 * writable, the disk is full, another {@link SqliteJournal} holds the directory ({@link
 * JournalLockedException}), the database was written by a newer version of this library, or
 * SQLite reported an I/O error or corruption.
 *
 * <p>When it is thrown from a method, the transaction of that method was rolled back: nothing it
 * meant to write is in the journal. The cause, when there is one, is the underlying {@link
 * java.sql.SQLException} or {@link java.io.IOException}. Fix the environment (space, permissions,
 * the other process) and retry, or open the directory with the newer library version that wrote it.
 */
public sealed class SqliteJournalException extends RuntimeException
    permits JournalLockedException {
  SqliteJournalException(String message, Throwable cause) {
    super(message, cause);
  }

  SqliteJournalException(String message) {
    super(message);
  }
}
