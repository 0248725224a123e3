package io.ringostat.amo.journal.sqlite;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Owner-only permissions for the journal's directory ({@code 0700}) and files ({@code 0600}):
 * they hold clients' phone numbers. New ones are created with these permissions (the umask can
 * only narrow them); existing files are tightened. SQLite gives the {@code -wal} and {@code -shm}
 * files the permissions of the database file, so they are owner-only too.
 *
 * <p>An existing directory is tightened only when it is empty or already holds a journal: a
 * directory that holds other things (say {@code /tmp} or a home directory) is not the journal's
 * own, and its permissions are not the journal's to change; its files are owner-only anyway. On a
 * file system without POSIX permissions (e.g. Windows) nothing is changed.
 */
final class OwnerOnly {
  static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnly() {}

  /** Creates {@code dir} and its missing parents {@code 0700}, or tightens the journal's own. */
  static void directory(Path dir) throws IOException {
    if (!posix(dir)) {
      Files.createDirectories(dir);
    } else if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
    } else if (ownedByTheJournal(dir)) {
      restrict(dir, DIRECTORY);
    }
  }

  /** Creates {@code file} empty and {@code 0600}, or tightens it when it exists. */
  static void file(Path file) throws IOException {
    if (!posix(file)) {
      return;
    }
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
    } catch (FileAlreadyExistsException e) {
      restrict(file, FILE);
    }
  }

  /** Tightens {@code file} to {@code 0600} if it exists. */
  static void fileIfExists(Path file) throws IOException {
    if (posix(file) && Files.exists(file)) {
      restrict(file, FILE);
    }
  }

  /** The attribute that creates a file {@code 0600}, or none without POSIX permissions. */
  static FileAttribute<?>[] fileAttributes(Path file) {
    return posix(file)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
        : new FileAttribute<?>[0];
  }

  private static boolean ownedByTheJournal(Path dir) throws IOException {
    if (Files.exists(dir.resolve(SqliteJournal.FILE_NAME))
        || Files.exists(dir.resolve(SqliteSecretRecords.FILE_NAME))
        || Files.exists(dir.resolve(DirectoryLock.FILE_NAME))) {
      return true;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void restrict(Path path, Set<PosixFilePermission> wanted) throws IOException {
    if (!Files.getPosixFilePermissions(path).equals(wanted)) {
      Files.setPosixFilePermissions(path, wanted);
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
