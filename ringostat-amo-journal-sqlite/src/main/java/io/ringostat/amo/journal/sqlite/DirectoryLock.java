package io.ringostat.amo.journal.sqlite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * An exclusive OS lock on {@code journal.lock} in the journal directory, held while a journal is
 * open. Two journals on one directory would each resume the same pending events, so the second
 * open fails fast instead (in this process or another). The OS releases the lock when the process
 * dies, so a crash never leaves the directory locked.
 */
final class DirectoryLock implements AutoCloseable {
  static final String FILE_NAME = "journal.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static DirectoryLock acquire(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    FileChannel channel;
    try {
      channel = FileChannel.open(file,
          Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
          OwnerOnly.fileAttributes(file));
    } catch (IOException e) {
      throw new SqliteJournalException("journal: cannot open lock file " + file, e);
    }
    try {
      OwnerOnly.fileIfExists(file); // created by an older version
    } catch (IOException e) {
      closeQuietly(channel);
      throw new SqliteJournalException("journal: cannot restrict " + file + " to its owner", e);
    }
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new JournalLockedException(dir, null);
      }
      return new DirectoryLock(channel, lock);
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw new JournalLockedException(dir, e);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new SqliteJournalException("journal: cannot lock " + file, e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // Closing the channel below releases it too.
    } finally {
      closeQuietly(channel);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Nothing useful to do; the OS releases the lock with the descriptor.
    }
  }
}
