/**
 * The engine: {@code IntegrationEngine}, the journal port and the in-memory journal. The engine's
 * {@code internal} package (dispatcher, delivery, exactly-once executor, routing service) is not
 * exported.
 */
module io.ringostat.amo.engine {
  requires transitive io.ringostat.amo.core;
  requires org.slf4j;
  requires static org.immutables.value;

  exports io.ringostat.amo.engine;
  exports io.ringostat.amo.engine.host;
  exports io.ringostat.amo.engine.journal;
}
