package io.geyserindexer.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The database's own ceiling for the rows a persister run wrote: the same rows, taken out of the
 * same tables with COPY TO, then put back with COPY FROM into the emptied tables (indexes and
 * constraints in place), timed. COPY is the fastest bulk path PostgreSQL has, on one connection.
 */
final class CopyCeiling {

  static final List<String> TABLES =
      List.of("slots", "blocks", "transactions", "token_balances", "account_updates", "accounts");

  record Result(long rows, double seconds) {}

  private CopyCeiling() {}

  static Result measure(Connection connection) throws Exception {
    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    byte[][] dumps = new byte[TABLES.size()][];
    long rows = 0;
    for (int i = 0; i < TABLES.size(); i++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      rows += copy.copyOut("COPY " + TABLES.get(i) + " TO STDOUT (FORMAT binary)", out);
      dumps[i] = out.toByteArray();
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("TRUNCATE " + String.join(", ", TABLES));
    }
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    long started = System.nanoTime();
    for (int i = 0; i < TABLES.size(); i++) {
      copy.copyIn(
          "COPY " + TABLES.get(i) + " FROM STDIN (FORMAT binary)",
          new ByteArrayInputStream(dumps[i]));
    }
    connection.commit();
    double seconds = (System.nanoTime() - started) / 1e9;
    connection.setAutoCommit(autoCommit);
    return new Result(rows, seconds);
  }
}
