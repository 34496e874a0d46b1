package io.geyserindexer.persister.write;

import java.util.List;

/**
 * One table's share of a poll: one INSERT ... SELECT unnest(arrays) statement for all of its rows,
 * however many. {@link JdbcBatchWriter} sends the statements of every table of a poll together, so
 * a poll costs one round trip plus COMMIT. Measured on this machine (build-facts.md) unnest matches
 * a multi-row INSERT at 50 rows and is simpler to bind at 5000 (no 65535-parameter limit), while
 * COPY into a staging table is half as fast at 50 rows.
 *
 * <p>unnest stands in the select list, not in FROM: a set-returning function in FROM is
 * materialized into a tuplestore first (spilling to disk past work_mem at 5000 records), while the
 * select list produces the rows one by one.
 */
interface EventTable {

  /**
   * A table's statement for one batch and its parameters, one typed column array each, in parameter
   * order. Only String[], Long[], Integer[], Boolean[] and byte[][] columns are allowed: pgjdbc
   * sends those in the binary array format; an Object[] would travel as a text literal that pgjdbc
   * escapes element by element and the server parses again (measured: the largest avoidable CPU
   * cost on both sides for the wide transaction rows).
   */
  record Rows(String sql, List<Object[]> columns) {}

  /** The table name, used as the metrics tag. */
  String name();

  /** The table's statement for {@code batch}; null when the batch has no rows for it. */
  Rows rows(EventBatch batch);

  static String unsigned(long value) {
    return Long.toUnsignedString(value);
  }
}
