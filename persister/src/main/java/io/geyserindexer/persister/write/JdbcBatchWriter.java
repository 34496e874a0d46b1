package io.geyserindexer.persister.write;

import io.geyserindexer.proto.events.EventRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Writes one poll as exactly one PostgreSQL transaction: one statement per table, all sent in one
 * round trip, then COMMIT.
 *
 * <p>When a statement fails with a permanent error (a value the schema rejects), the transaction is
 * rolled back and the poll is written again in a fresh transaction that bisects it with savepoints
 * until each rejected record stands alone; those are handed to {@code beforeCommit} (the
 * dead-letter publisher) and everything else commits. Transient and fatal errors roll back and
 * propagate: nothing of the poll is durable then, so its offsets must not be committed.
 */
public final class JdbcBatchWriter {

  /** A record the database rejects, with the error that proves it. */
  public record Rejected<R>(R record, SQLException error) {}

  /** Runs inside the transaction, after the writes and before COMMIT; a throw rolls back. */
  @FunctionalInterface
  public interface BeforeCommit<R> {
    void accept(List<Rejected<R>> rejected) throws Exception;
  }

  private final DataSource dataSource;
  private final List<EventTable> tables =
      List.of(
          new SlotsTable(),
          new BlocksTable(),
          new TransactionsTable(),
          new TokenBalancesTable(),
          new AccountUpdatesTable(),
          new AccountsTable(),
          new TransactionStatusesTable(),
          new EntriesTable());

  public JdbcBatchWriter(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The table names this writer fills, in write order. */
  public List<String> tableNames() {
    return tables.stream().map(EventTable::name).toList();
  }

  /**
   * Writes {@code records} (in offset order) and commits.
   *
   * @return rows inserted or changed per table
   * @throws SQLException a transient or fatal database error; the transaction was rolled back
   * @throws Exception whatever {@code beforeCommit} threw; the transaction was rolled back
   */
  public <R> Map<String, Integer> write(
      List<R> records, Function<R, EventRecord> eventOf, BeforeCommit<R> beforeCommit)
      throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        Map<String, Integer> rows = new LinkedHashMap<>();
        List<Rejected<R>> rejected = new ArrayList<>();
        try {
          writeAll(connection, records, eventOf, rows);
        } catch (SQLException e) {
          if (SqlStates.classify(e) != SqlStates.Kind.PERMANENT) {
            throw e;
          }
          connection.rollback();
          rows.clear();
          isolate(connection, records, eventOf, rows, rejected);
        }
        beforeCommit.accept(rejected);
        connection.commit();
        return rows;
      } catch (Exception e) {
        rollbackQuietly(connection, e);
        throw e;
      }
    }
  }

  private <R> void isolate(
      Connection connection,
      List<R> records,
      Function<R, EventRecord> eventOf,
      Map<String, Integer> rows,
      List<Rejected<R>> rejected)
      throws SQLException {
    if (records.isEmpty()) {
      return;
    }
    Savepoint savepoint = connection.setSavepoint();
    Map<String, Integer> attempt = new LinkedHashMap<>();
    try {
      writeAll(connection, records, eventOf, attempt);
      connection.releaseSavepoint(savepoint);
      attempt.forEach((table, n) -> rows.merge(table, n, Integer::sum));
    } catch (SQLException e) {
      if (SqlStates.classify(e) != SqlStates.Kind.PERMANENT) {
        throw e;
      }
      connection.rollback(savepoint);
      if (records.size() == 1) {
        rejected.add(new Rejected<>(records.get(0), e));
        return;
      }
      int half = records.size() / 2;
      // Halves in offset order: where a key repeats across them, the later write still wins.
      isolate(connection, records.subList(0, half), eventOf, rows, rejected);
      isolate(connection, records.subList(half, records.size()), eventOf, rows, rejected);
    }
  }

  private <R> void writeAll(
      Connection connection,
      List<R> records,
      Function<R, EventRecord> eventOf,
      Map<String, Integer> rows)
      throws SQLException {
    EventBatch batch = EventBatch.of(records.stream().map(eventOf).toList());
    List<EventTable> written = new ArrayList<>();
    List<EventTable.Rows> statements = new ArrayList<>();
    for (EventTable table : tables) {
      rows.merge(table.name(), 0, Integer::sum);
      EventTable.Rows tableRows = table.rows(batch);
      if (tableRows != null) {
        written.add(table);
        statements.add(tableRows);
      }
    }
    if (statements.isEmpty()) {
      return;
    }
    // One PreparedStatement holding every table's statement: pgjdbc sends them all before one
    // Sync, so the poll's writes cost one round trip instead of one per table. The first error
    // aborts the rest and is thrown, as a single statement's would be.
    String sql = statements.stream().map(EventTable.Rows::sql).collect(Collectors.joining(";\n"));
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int index = 1;
      for (EventTable.Rows tableRows : statements) {
        for (Object[] column : tableRows.columns()) {
          ColumnArrays.bind(statement, index++, column);
        }
      }
      statement.execute();
      for (int i = 0; i < written.size(); i++) {
        if (i > 0) {
          statement.getMoreResults();
        }
        rows.merge(written.get(i).name(), statement.getUpdateCount(), Integer::sum);
      }
    }
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException rollbackError) {
      // Keep the original error; the rollback failure rides along for diagnosis.
      cause.addSuppressed(rollbackError);
    }
  }
}
