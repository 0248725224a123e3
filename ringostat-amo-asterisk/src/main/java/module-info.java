/** Call events from Asterisk's Manager Interface. */
module io.ringostat.amo.asterisk {
  requires transitive io.ringostat.amo.core;
  requires org.slf4j;

  exports io.ringostat.amo.asterisk;
}
