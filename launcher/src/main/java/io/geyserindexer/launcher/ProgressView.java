package io.geyserindexer.launcher;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The live terminal line of the local run: events/s per stage, queue depth, consumer lag and rows
 * per table, from the processes' own {@code /metrics} and from PostgreSQL's statistics (cheap
 * estimates, so the view never loads the database it watches).
 */
final class ProgressView {

  /** Prometheus names (after Micrometer's renaming) the view reads. */
  static final String STREAM_RECEIVED = "ingestor_updates_received_total";

  static final String PRODUCED = "ingestor_produce_acknowledged_total";
  static final String QUEUE_DEPTH = "ingestor_queue_depth";
  static final String PERSISTED = "persister_records_total";
  static final String LAG = "persister_lag";

  private static final String ROWS_SQL =
      "SELECT relname, n_live_tup FROM pg_stat_user_tables WHERE relname IN"
          + " ('slots','blocks','transactions','token_balances','account_updates','accounts')";

  private final int ingestorMetricsPort;
  private final int persisterMetricsPort;
  private final LocalDatabase database;
  private final PrintStream out;
  private final long startedNanos = System.nanoTime();
  private Map<String, Double> previous = Map.of();
  private long previousNanos = startedNanos;

  ProgressView(
      int ingestorMetricsPort, int persisterMetricsPort, LocalDatabase database, PrintStream out) {
    this.ingestorMetricsPort = ingestorMetricsPort;
    this.persisterMetricsPort = persisterMetricsPort;
    this.database = database;
    this.out = out;
  }

  void print() {
    Map<String, Double> now = new LinkedHashMap<>(PrometheusScrape.totals(ingestorMetricsPort));
    now.putAll(PrometheusScrape.totals(persisterMetricsPort));
    long nanos = System.nanoTime();
    double seconds = Math.max(1e-3, (nanos - previousNanos) / 1e9);
    out.println(
        String.format(
            Locale.ROOT,
            "[%s] stream %,.0f ev/s | produced %,.0f ev/s | queue %,.0f | persisted %,.0f ev/s"
                + " | lag %,.0f | rows %s",
            elapsed(nanos),
            rate(now, STREAM_RECEIVED, seconds),
            rate(now, PRODUCED, seconds),
            now.getOrDefault(QUEUE_DEPTH, 0.0),
            rate(now, PERSISTED, seconds),
            now.getOrDefault(LAG, 0.0),
            rows()));
    previous = now;
    previousNanos = nanos;
  }

  private double rate(Map<String, Double> now, String metric, double seconds) {
    double delta = now.getOrDefault(metric, 0.0) - previous.getOrDefault(metric, 0.0);
    return Math.max(0, delta / seconds);
  }

  private String rows() {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(ROWS_SQL)) {
      while (rows.next()) {
        counts.put(rows.getString(1), rows.getLong(2));
      }
    } catch (SQLException e) {
      return "(database: " + e.getMessage() + ")";
    }
    StringBuilder text = new StringBuilder();
    for (String table :
        new String[] {"slots", "blocks", "transactions", "token_balances", "accounts"}) {
      text.append(table)
          .append(' ')
          .append(String.format(Locale.ROOT, "%,d", counts.getOrDefault(table, 0L)))
          .append(' ');
    }
    return text.toString().trim();
  }

  private String elapsed(long nanos) {
    Duration elapsed = Duration.ofNanos(nanos - startedNanos);
    return String.format(
        Locale.ROOT,
        "%02d:%02d:%02d",
        elapsed.toHours(),
        elapsed.toMinutesPart(),
        elapsed.toSecondsPart());
  }
}
