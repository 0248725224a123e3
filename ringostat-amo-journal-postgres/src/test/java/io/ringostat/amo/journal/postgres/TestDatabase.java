package io.ringostat.amo.journal.postgres;

import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real PostgreSQL the tests run against. Its JDBC URL comes from the environment variable
 * {@value #ENV} (as {@code .ci/run} sets it) or the system property {@value #PROPERTY}; without
 * either, the tests run {@code bin/postgres-for-tests} themselves (path in the system property
 * {@code ringostat.pg.script}, set by the module's POM). If that fails too, every test fails with
 * one line saying how to get a database: the contract must really run, so nothing is skipped.
 */
final class TestDatabase {
  static final String ENV = "RINGOSTAT_PG_URL";
  static final String PROPERTY = "ringostat.pg.url";

  private static String url;
  private static HikariDataSource shared;

  private TestDatabase() {}

  static synchronized String url() {
    if (url == null) {
      url = find();
    }
    return url;
  }

  /** One pool for the whole test run, closed at JVM exit. */
  static synchronized HikariDataSource shared() {
    if (shared == null) {
      shared = newPool(16);
      HikariDataSource pool = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(pool::close));
    }
    return shared;
  }

  /** A pool of its own, as another process would have; the caller closes it. */
  static HikariDataSource newPool(int size) {
    return PostgresJournal.pool(url(), null, null, size);
  }

  /** An account id no other test uses. */
  static String freshAccount() {
    return "test-" + UUID.randomUUID();
  }

  /**
   * Options with a schema of this test run: the accounts of one run share it as those of one
   * process would, and runs of other checkouts on the same cluster (with other migrations) never
   * meet in one schema.
   */
  static PostgresJournal.Options runOptions() {
    return RUN_OPTIONS;
  }

  private static final PostgresJournal.Options RUN_OPTIONS =
      PostgresJournal.Options.builder().schema(freshSchema()).build();

  /** A schema name no other test uses. */
  static String freshSchema() {
    return "t_" + UUID.randomUUID().toString().replace("-", "");
  }

  private static String find() {
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return env.trim();
    }
    String property = System.getProperty(PROPERTY);
    if (property != null && !property.isBlank()) {
      return property.trim();
    }
    String script = System.getProperty("ringostat.pg.script");
    if (script != null && Files.isExecutable(Path.of(script))) {
      return runScript(Path.of(script));
    }
    throw new IllegalStateException(howTo("no " + ENV + " and no bin/postgres-for-tests found"));
  }

  private static String runScript(Path script) {
    try {
      Process p = new ProcessBuilder(script.toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      String last = null;
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (!line.isBlank()) {
            last = line.trim();
          }
        }
      }
      if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0 || last == null
          || !last.startsWith("jdbc:postgresql:")) {
        throw new IllegalStateException(howTo(script + " did not print a JDBC URL"));
      }
      return last;
    } catch (IOException e) {
      throw new IllegalStateException(howTo("cannot run " + script + ": " + e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(howTo("interrupted while running " + script), e);
    }
  }

  private static String howTo(String why) {
    return "No PostgreSQL for the tests (" + why + "): run `export " + ENV
        + "=$(bin/postgres-for-tests)` (as root it installs and starts one), or set " + ENV
        + " to jdbc:postgresql://HOST:PORT/DB?user=USER&password=... of a database you may"
        + " create schemas in";
  }
}
