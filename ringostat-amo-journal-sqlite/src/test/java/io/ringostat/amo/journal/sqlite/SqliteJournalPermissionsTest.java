package io.ringostat.amo.journal.sqlite;

import static io.ringostat.amo.engine.testing.JournalContract.at;
import static io.ringostat.amo.engine.testing.JournalContract.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ringostat.amo.core.model.CallPhase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's directory and files are owner-only: they hold clients' phone numbers. */
class SqliteJournalPermissionsTest {
  private static final String[] FILES = {"journal.db", "journal.db-wal", "journal.db-shm",
      "journal.lock"};

  @TempDir Path tmp;

  @BeforeEach
  void posixOnly() {
    assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"),
        "the file system has POSIX permissions");
  }

  @Test
  void aNewJournalIsCreatedOwnerOnly() throws IOException {
    Path dir = tmp.resolve("new/journal");
    try (SqliteJournal j = SqliteJournal.open(dir)) {
      j.append(event("c-1", CallPhase.ENDED), "k", at(1));

      assertThat(permissions(dir)).isEqualTo("rwx------");
      assertThat(permissions(dir.getParent())).as("a parent it created").isEqualTo("rwx------");
      for (String f : FILES) {
        assertThat(permissions(dir.resolve(f))).as(f).isEqualTo("rw-------");
      }
    }
  }

  @Test
  void anOlderWorldReadableJournalIsTightenedOnOpen() throws IOException {
    Path dir = tmp.resolve("journal");
    try (SqliteJournal j = SqliteJournal.open(dir)) {
      j.append(event("c-1", CallPhase.ENDED), "k", at(1));
      // What an older version left: 0755 / 0644 under the usual umask, WAL still on disk.
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      for (String f : FILES) {
        Files.setPosixFilePermissions(dir.resolve(f), PosixFilePermissions.fromString("rw-r--r--"));
      }
    }
    Files.deleteIfExists(dir.resolve("journal.db-shm"));
    Files.writeString(dir.resolve("journal.db-shm"), "");
    Files.setPosixFilePermissions(dir.resolve("journal.db-shm"),
        PosixFilePermissions.fromString("rw-r--r--"));

    try (SqliteJournal j = SqliteJournal.open(dir)) {
      assertThat(j.counts().pending()).isEqualTo(1);
      assertThat(permissions(dir)).isEqualTo("rwx------");
      for (String f : FILES) {
        assertThat(permissions(dir.resolve(f))).as(f).isEqualTo("rw-------");
      }
    }
  }

  @Test
  void aSharedDirectoryKeepsItsPermissionsButTheJournalFilesAreOwnerOnly() throws IOException {
    Path shared = Files.createDirectory(tmp.resolve("shared"));
    Files.writeString(shared.resolve("someone-elses.txt"), "x");
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));

    try (SqliteJournal j = SqliteJournal.open(shared)) {
      j.append(event("c-1", CallPhase.ENDED), "k", at(1));

      assertThat(permissions(shared)).isEqualTo("rwxr-xr-x");
      for (String f : FILES) {
        assertThat(permissions(shared.resolve(f))).as(f).isEqualTo("rw-------");
      }
    }
  }

  private static String permissions(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
