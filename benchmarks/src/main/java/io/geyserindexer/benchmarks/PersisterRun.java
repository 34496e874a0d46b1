package io.geyserindexer.benchmarks;

import static java.lang.Double.NaN;

import io.geyserindexer.testkit.FreePorts;
import io.geyserindexer.testkit.UniqueNames;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One measured run of the real persister jar over a filled topic prefix: records/s from the group's
 * committed offsets over a window that opens in steady state (a commit seen once the persister's
 * connection pool holds one connection per consumer thread, so JVM start, migrations and the pool's
 * fill are not measured) and closes when everything is committed or the time limit ends the run.
 */
final class PersisterRun {

  /**
   * @param records records committed inside the measured window
   * @param seconds the window
   * @param committedTotal everything the group committed by the end (whose rows are in the tables)
   * @param toSteadySeconds from the process start to the window's opening
   * @param steady false when the topics were drained before the pool was full; the window then
   *     opened at the first commit
   * @param meanPollRecords records per written poll inside the window (NaN when not scraped)
   * @param meanTransactionSeconds a poll's transaction, connection to COMMIT, inside the window
   */
  record Result(
      long records,
      double seconds,
      long committedTotal,
      double toSteadySeconds,
      boolean steady,
      double meanPollRecords,
      double meanTransactionSeconds) {
    double perSecond() {
      return seconds <= 0 ? 0 : records / seconds;
    }
  }

  /** Running totals of the persister's poll-size and transaction-time meters. */
  private record Totals(double polls, double records, double transactions, double seconds) {
    static final Totals NONE = new Totals(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    static Totals of(Optional<PrometheusText> scrape) {
      return scrape
          .map(
              m ->
                  new Totals(
                      m.sum("persister_batch_size_records_count"),
                      m.sum("persister_batch_size_records_sum"),
                      m.sum("persister_tx_duration_seconds_count"),
                      m.sum("persister_tx_duration_seconds_sum")))
          .orElse(NONE);
    }

    double meanPollSince(Totals start) {
      return (records - start.records) / (polls - start.polls);
    }

    double meanTransactionSince(Totals start) {
      return (seconds - start.seconds) / (transactions - start.transactions);
    }
  }

  /** How long reaching steady state may take (a 1 s round trip makes the pool's fill slow). */
  private static final Duration STARTUP_LIMIT = Duration.ofMinutes(3);

  private PersisterRun() {}

  static Result run(
      Workspace ws,
      String prefix,
      String jdbcUrl,
      int maxPollRecords,
      int threads,
      boolean migrate,
      Duration window)
      throws Exception {
    String group = UniqueNames.of("bench-persister");
    int metricsPort = FreePorts.next();
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", ws.kafka.bootstrapServers());
    env.put("TOPIC_PREFIX", prefix);
    env.put("PERSISTER_GROUP_ID", group);
    env.put("DATABASE_URL", jdbcUrl);
    env.put("DATABASE_USER", ws.database.user());
    env.put("MAX_POLL_RECORDS", String.valueOf(maxPollRecords));
    env.put("PERSISTER_THREADS", String.valueOf(threads));
    env.put("METRICS_PORT", String.valueOf(metricsPort));
    env.put("RUN_MIGRATIONS", String.valueOf(migrate));
    MetricsScrape metrics = new MetricsScrape(metricsPort);
    long started = System.nanoTime();
    try (GroupProgress progress = new GroupProgress(ws.kafka.bootstrapServers());
        JarProcess persister = JarProcess.start(ws.home, "persister", env, ws.logs, "512m")) {
      List<String> topics = progress.topicsWithPrefix(prefix);
      long total = progress.endOffsets(topics);
      long firstCommitted = -1;
      long firstNanos = 0;
      long openCommitted = -1;
      long openNanos = 0;
      long lastCommitted = 0;
      long lastNanos = 0;
      Totals atOpen = Totals.NONE;
      long deadline = started + STARTUP_LIMIT.toNanos();
      while (System.nanoTime() < deadline && lastCommitted < total) {
        TimeUnit.MILLISECONDS.sleep(250);
        if (!persister.isAlive()) {
          throw new IllegalStateException(persister.describeExit());
        }
        long committed = progress.committed(group, topics);
        long now = System.nanoTime();
        if (committed > 0 && firstCommitted < 0) {
          firstCommitted = committed;
          firstNanos = now;
        }
        if (committed > 0 && openCommitted < 0) {
          Optional<PrometheusText> scrape = metrics.scrape();
          if (poolFull(scrape, threads)) {
            openCommitted = committed;
            openNanos = now;
            atOpen = Totals.of(scrape);
            deadline = now + window.toNanos();
          }
        }
        if (committed > lastCommitted) {
          lastCommitted = committed;
          lastNanos = now;
        }
      }
      Totals atEnd = Totals.of(metrics.scrape());
      boolean steady = openCommitted >= 0;
      long fromCommitted = steady ? openCommitted : firstCommitted;
      long fromNanos = steady ? openNanos : firstNanos;
      double toSteady = (fromNanos - started) / 1e9;
      if (fromCommitted < 0 || lastNanos <= fromNanos) {
        return new Result(
            0, window.toSeconds(), Math.max(0, lastCommitted), toSteady, steady, NaN, NaN);
      }
      return new Result(
          lastCommitted - fromCommitted,
          (lastNanos - fromNanos) / 1e9,
          lastCommitted,
          toSteady,
          steady,
          atEnd.meanPollSince(atOpen),
          atEnd.meanTransactionSince(atOpen));
    }
  }

  /** The persister's pool holds a connection for every consumer thread. */
  private static boolean poolFull(Optional<PrometheusText> scrape, int threads) {
    return scrape.isPresent()
        && scrape
                .get()
                .sum("hikaricp_connections", labels -> "persister".equals(labels.get("pool")))
            >= threads;
  }
}
