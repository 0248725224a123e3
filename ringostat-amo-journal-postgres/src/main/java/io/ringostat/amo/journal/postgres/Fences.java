package io.ringostat.amo.journal.postgres;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.OptionalLong;

/** Binds the {@code fence} column a write records: the lease's fence, or NULL when unfenced. */
final class Fences {
  private Fences() {}

  static void set(PreparedStatement p, int index, OptionalLong fence) throws SQLException {
    if (fence.isPresent()) {
      p.setLong(index, fence.getAsLong());
    } else {
      p.setNull(index, Types.BIGINT);
    }
  }
}
