/** JSON codecs for settings files and call events; {@code internal} is not exported. */
module io.ringostat.amo.json {
  requires transitive io.ringostat.amo.core;
  requires com.fasterxml.jackson.databind;

  exports io.ringostat.amo.json;
}
