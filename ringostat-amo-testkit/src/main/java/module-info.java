/** The amoCRM emulator for tests and demos; {@code internal} is not exported. */
module io.ringostat.amo.testkit {
  requires transitive io.ringostat.amo.core;
  requires transitive mockwebserver3;
  requires okhttp3;
  requires com.fasterxml.jackson.databind;
  requires static org.immutables.value;
  // only for AmoEmulatorExtension; hosts using it have JUnit 5 already
  requires static org.junit.jupiter.api;

  exports io.ringostat.amo.testkit;
}
