package io.geyserindexer.persister.write;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Binds an {@link EventTable.Rows} column array as a PostgreSQL array of the matching type. */
final class ColumnArrays {

  private ColumnArrays() {}

  static void bind(PreparedStatement statement, int index, Object[] column) throws SQLException {
    statement.setArray(index, statement.getConnection().createArrayOf(typeOf(column), column));
  }

  static String typeOf(Object[] column) {
    if (column instanceof String[]) {
      return "text";
    }
    if (column instanceof Long[]) {
      return "int8";
    }
    if (column instanceof Integer[]) {
      return "int4";
    }
    if (column instanceof Boolean[]) {
      return "bool";
    }
    if (column instanceof byte[][]) {
      return "bytea";
    }
    // An Object[] would bind as an escaped text literal, the slow path this class exists to avoid.
    throw new IllegalArgumentException(
        "column arrays must be String[], Long[], Integer[], Boolean[] or byte[][], not "
            + column.getClass().getSimpleName());
  }
}
