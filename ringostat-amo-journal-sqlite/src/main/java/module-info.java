/** The durable journal on SQLite. */
module io.ringostat.amo.journal.sqlite {
  requires transitive io.ringostat.amo.engine;
  requires io.ringostat.amo.json;
  requires java.sql;
  requires org.xerial.sqlitejdbc;

  exports io.ringostat.amo.journal.sqlite;
}
