package io.geyserindexer.benchmarks;

import io.geyserindexer.testkit.TcpProxy;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The seed's scenario: PostgreSQL far away. A TCP proxy adds a round-trip time between the
 * persister and PostgreSQL; for each RTT the real persister runs with 1, 4 and 16 consumer threads
 * at {@code max.poll.records} 50 and 2000, beside the old design ({@link LegacyIndexer}) measured
 * through the same proxy in the same run.
 */
final class SeedScenario {

  private final Workspace ws;
  private final String prefix;
  private final PrintStream out;
  private final Duration perRun;
  private final int repeats;

  SeedScenario(Workspace ws, String prefix, PrintStream out, Duration perRun, int repeats) {
    this.ws = ws;
    this.prefix = prefix;
    this.out = out;
    this.perRun = perRun;
    this.repeats = repeats;
  }

  void run(List<Duration> roundTrips, List<Integer> threadCounts, List<Integer> pollSizes)
      throws Exception {
    List<String> topics;
    try (GroupProgress progress = new GroupProgress(ws.kafka.bootstrapServers())) {
      topics = progress.topicsWithPrefix(prefix);
    }
    out.println();
    out.println("### PostgreSQL behind a latency proxy (events/s; median [range] of repeats)");
    out.println();
    out.println(
        "| RTT | design | threads | max.poll.records | events/s | × baseline | records per poll"
            + " | poll transaction (ms) | window opened (s after process start) |");
    out.println("|---|---|---|---|---|---|---|---|---|");
    // Apply the schema once over a direct connection; runs through the proxy skip migrations.
    PersisterRun.run(ws, prefix, ws.database.jdbcUrl(), 500, 1, true, Duration.ofSeconds(1));
    try (TcpProxy proxy = TcpProxy.start(ws.database.host(), ws.database.port())) {
      String viaProxy = ws.database.jdbcUrlVia(proxy.host(), proxy.port());
      for (Duration rtt : roundTrips) {
        proxy.latency(rtt.dividedBy(2));
        Samples baseline = new Samples();
        for (int i = 0; i < repeats; i++) {
          LegacyIndexer.Result result =
              LegacyIndexer.run(
                  ws.kafka.bootstrapServers(), topics, viaProxy, ws.database.user(), perRun);
          baseline.add(result.perSecond());
        }
        out.printf(
            Locale.ROOT,
            "| %d ms | old design (channel 1000, 50/500 ms batches, INSERT per event) | 1 | - | %s | 1"
                + " | - | - | - |%n",
            rtt.toMillis(),
            baseline.render());
        for (int pollSize : pollSizes) {
          for (int threads : threadCounts) {
            Samples persister = new Samples();
            Samples toSteady = new Samples();
            Samples pollRecords = new Samples();
            Samples transactionMillis = new Samples();
            boolean allSteady = true;
            for (int i = 0; i < repeats; i++) {
              truncate();
              PersisterRun.Result result =
                  PersisterRun.run(ws, prefix, viaProxy, pollSize, threads, false, perRun);
              persister.add(result.perSecond());
              toSteady.add(result.toSteadySeconds());
              pollRecords.add(result.meanPollRecords());
              transactionMillis.add(result.meanTransactionSeconds() * 1000);
              allSteady &= result.steady();
            }
            out.printf(
                Locale.ROOT,
                "| %d ms | persister | %d | %d | %s | %s | %s | %s | %s |%n",
                rtt.toMillis(),
                threads,
                pollSize,
                persister.render(),
                Samples.format(persister.median() / Math.max(1e-9, baseline.median())),
                Samples.format(pollRecords.median()),
                Samples.format(transactionMillis.median()),
                toSteady.render()
                    + (allSteady
                        ? ""
                        : " (topics drained before the pool was full: window from the first"
                            + " commit)"));
            out.flush();
          }
        }
      }
    }
  }

  private void truncate() throws Exception {
    try (Connection connection = ws.database.connection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "DO $$ BEGIN IF to_regclass('slots') IS NOT NULL THEN TRUNCATE slots, blocks,"
              + " transactions, token_balances, account_updates, accounts; END IF; END $$");
    }
  }
}
