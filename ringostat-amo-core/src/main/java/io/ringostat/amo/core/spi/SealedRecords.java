package io.ringostat.amo.core.spi;

import java.util.List;
import java.util.Optional;

/**
 * Durable storage of small opaque records by name: the port under the SDK's encrypted secret
 * store. Records arrive already sealed (encrypted and authenticated), so an implementation never
 * sees a token or a client secret in clear and needs no key. Implementations: the SQLite and
 * PostgreSQL journal modules.
 *
 * <p>Implementations must be thread-safe, make {@link #write} and {@link #delete} durable before
 * they return (a refresh token lost after amoCRM issued it cannot be recovered), keep their files
 * or tables readable by their owner only, and never put a record's bytes in an exception message
 * or a log line. Names are short ASCII ({@code [A-Za-z0-9._:/-]}, at most 200 characters) and may
 * be logged.
 */
public interface SealedRecords {
  /** The record stored under {@code name}, if any. */
  Optional<byte[]> read(String name);

  /** Stores {@code sealed} under {@code name}, replacing any previous record; durable on return. */
  void write(String name, byte[] sealed);

  /** Deletes the record; true if there was one. Durable on return. */
  boolean delete(String name);

  /** The names of every stored record (e.g. to re-seal them all under a new key). */
  List<String> names();
}
