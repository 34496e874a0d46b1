package io.geyserindexer.persister.write;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One table's share of a poll: one INSERT ... SELECT FROM unnest(arrays) statement for all of its
 * rows, however many, so the cost per poll is one round trip per table. Measured on this machine
 * (build-facts.md) unnest matches a multi-row INSERT at 50 rows and is simpler to bind at 5000 (no
 * 65535-parameter limit), while COPY into a staging table is half as fast at 50 rows.
 */
interface EventTable {

  /** The table name, used as the metrics tag. */
  String name();

  /** Writes the table's rows of {@code batch}; returns the rows inserted or changed. */
  int write(Connection connection, EventBatch batch) throws SQLException;

  // Typed Java arrays only: pgjdbc sends String[], Long[], Integer[], Boolean[] and byte[][] in
  // the binary array format, which the server reads without parsing. An Object[] would go as a
  // text literal that pgjdbc escapes element by element and the server parses again with array_in
  // (measured: the largest avoidable CPU cost on both sides for the wide transaction rows).

  static void bind(PreparedStatement statement, int index, String[] values) throws SQLException {
    bindArray(statement, index, "text", values);
  }

  static void bind(PreparedStatement statement, int index, Long[] values) throws SQLException {
    bindArray(statement, index, "int8", values);
  }

  static void bind(PreparedStatement statement, int index, Integer[] values) throws SQLException {
    bindArray(statement, index, "int4", values);
  }

  static void bind(PreparedStatement statement, int index, Boolean[] values) throws SQLException {
    bindArray(statement, index, "bool", values);
  }

  static void bind(PreparedStatement statement, int index, byte[][] values) throws SQLException {
    bindArray(statement, index, "bytea", values);
  }

  private static void bindArray(
      PreparedStatement statement, int index, String type, Object[] values) throws SQLException {
    Array array = statement.getConnection().createArrayOf(type, values);
    statement.setArray(index, array);
  }

  static String unsigned(long value) {
    return Long.toUnsignedString(value);
  }
}
