package io.ringostat.amo.journal.sqlite;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on the journal's connection inside one transaction. */
@FunctionalInterface
interface SqlWork<T> {
  T run(Connection c) throws SQLException;
}
