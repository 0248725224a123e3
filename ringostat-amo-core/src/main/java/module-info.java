/**
 * The pure decision half of ringostat-amo: model, settings, the matrix, plans, routing and the
 * ports the engine drives. {@code io.ringostat.amo.core.internal} is not exported.
 */
module io.ringostat.amo.core {
  requires com.google.i18n.phonenumbers.libphonenumber;
  // compile time only: the annotations and the processor; generated code needs no Immutables
  requires static org.immutables.value;

  exports io.ringostat.amo.core;
  exports io.ringostat.amo.core.matrix;
  exports io.ringostat.amo.core.hours;
  exports io.ringostat.amo.core.model;
  exports io.ringostat.amo.core.plan;
  exports io.ringostat.amo.core.routing;
  exports io.ringostat.amo.core.settings;
  exports io.ringostat.amo.core.spi;
  exports io.ringostat.amo.core.text;
}
