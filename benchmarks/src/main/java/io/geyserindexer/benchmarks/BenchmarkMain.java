package io.geyserindexer.benchmarks;

import io.geyserindexer.testkit.UniqueNames;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the benchmarks against the built jars and prints Markdown tables. Not part of the test run:
 * build with {@code mvn -q -DskipTests package}, then {@code java -jar
 * benchmarks/target/benchmarks.jar [--quick] [--scenario persister|seed|e2e|backpressure|all]}.
 */
@Command(
    name = "geyser-bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmarks of the built jars; prints Markdown tables. Scenarios:",
      "  persister     persister over pre-filled topics vs PostgreSQL COPY",
      "  seed          PostgreSQL behind a latency proxy: persister vs the old design",
      "  e2e           end to end in real time: child-JVM broker, fresh database,",
      "                simulator, ingestor, persister. Profiles mainnet (400 ms slots,",
      "                1,600 tx + 5,333 account updates per slot) and mainnet-2x",
      "                (3,200 + 10,667). Rates, group lag, created_at->COMMIT",
      "                p50/p99/max, RSS and heap per JVM, verdict vs the goal.",
      "  backpressure  e2e at mainnet with a TCP proxy before PostgreSQL: live, slow",
      "                database (+200 ms RTT), restored until the lag is back near 0.",
      "  all           all of the above",
      "e2e and backpressure write per-second CSV and PNG plots to --plots-dir.",
      "--events applies to persister and seed only; --repeats to every scenario",
      "(default 1 for e2e and backpressure, 3 otherwise, 1 with --quick).",
      ""
    })
public final class BenchmarkMain implements Callable<Integer> {

  @Option(names = "--home", description = "Checkout holding the built jars.")
  Path home = Path.of(".");

  @Option(
      names = "--quick",
      description =
          "Short version: about 3 min per filled-topic scenario; e2e 60 s measured per profile"
              + " (full: 300 s); backpressure 30 s live, 45 s slow (full: 60 s, 120 s).")
  boolean quick;

  @Option(
      names = "--scenario",
      defaultValue = "all",
      description = "persister, seed, e2e, backpressure or all (default ${DEFAULT-VALUE})")
  String scenario;

  @Option(
      names = "--plots-dir",
      description = "Where e2e/backpressure write CSV and PNG files (default <home>/docs/img).")
  Path plotsDir;

  @Option(
      names = "--measure-seconds",
      description = "e2e measured window per profile (default 60 quick, 300 full).")
  Integer measureSeconds;

  @Option(
      names = "--persister-threads",
      defaultValue = "4",
      description = "e2e/backpressure: PERSISTER_THREADS (default ${DEFAULT-VALUE}).")
  int persisterThreads;

  @Option(
      names = "--max-poll-records",
      defaultValue = "500",
      description = "e2e/backpressure: MAX_POLL_RECORDS (default ${DEFAULT-VALUE}).")
  int maxPollRecords;

  // Processed by default: a confirmed (or finalized) Yellowstone subscriber gets only the last
  // write of each account in a slot, which at mainnet-2x is about a third of the writes; the
  // profiles' account-update rates are what reaches the pipeline only at processed.
  @Option(
      names = "--commitment",
      defaultValue = "processed",
      description =
          "e2e/backpressure: the ingestor's GEYSER_COMMITMENT (default ${DEFAULT-VALUE}; at"
              + " confirmed only each account's last write per slot is delivered).")
  String commitment;

  @Option(
      names = "--profiles",
      split = ",",
      defaultValue = "mainnet,mainnet-2x",
      description = "e2e: profiles to run, in order (default ${DEFAULT-VALUE}).")
  List<String> profiles;

  @Option(names = "--events", description = "Events to pre-fill the topics with.")
  Long events;

  @Option(names = "--repeats", description = "Runs per figure (median and range are reported).")
  Integer repeats;

  @Option(
      names = "--rtt-ms",
      split = ",",
      description = "seed: round-trip times in ms (default 1000,100 quick; 1000,100,10 full).")
  List<Integer> roundTripsMs;

  @Option(
      names = "--threads",
      split = ",",
      description = "seed: persister consumer threads per row (default 1,16 quick; 1,4,16 full).")
  List<Integer> seedThreads;

  @Option(
      names = "--poll-sizes",
      split = ",",
      description = "seed: max.poll.records per row (default ${DEFAULT-VALUE}).",
      defaultValue = "50,2000")
  List<Integer> seedPollSizes;

  /** The pipeline's processes' heap: leaves room under the 512 MB RSS goal for metaspace etc. */
  private static final String PROCESS_HEAP = "256m";

  private static final List<String> SCENARIOS =
      List.of("persister", "seed", "e2e", "backpressure", "all");

  public static void main(String[] args) {
    // Plots are drawn with AWT on machines without a display.
    System.setProperty("java.awt.headless", "true");
    System.exit(new CommandLine(new BenchmarkMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (!SCENARIOS.contains(scenario)) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "unknown scenario '" + scenario + "'; one of " + SCENARIOS);
    }
    requirePositive("--rtt-ms", roundTripsMs);
    requirePositive("--threads", seedThreads);
    requirePositive("--poll-sizes", seedPollSizes);
    requirePositive(
        "--repeats", repeats == null ? null : java.util.Collections.singletonList(repeats));
    List<Profile> endToEndProfiles = endToEndProfiles();
    PrintStream out = System.out;
    long fillEvents = events != null ? events : quick ? 100_000 : 400_000;
    int runs = repeats != null ? repeats : quick ? 1 : 3;
    out.printf(
        Locale.ROOT,
        "## Benchmark run (%s, %d cores, Java %s)%n",
        quick ? "quick" : "full",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    if (runs("persister") || runs("seed")) {
      filledTopicScenarios(out, fillEvents, runs);
    }
    Path absoluteHome = home.toAbsolutePath();
    Path logs = absoluteHome.resolve("benchmarks/target/logs");
    Path plots = plotsDir != null ? plotsDir : absoluteHome.resolve("docs/img");
    if (runs("e2e")) {
      Duration measured =
          Duration.ofSeconds(measureSeconds != null ? measureSeconds : quick ? 60 : 300);
      new EndToEndScenario(
              absoluteHome,
              logs,
              plots,
              out,
              quick ? Duration.ofSeconds(20) : Duration.ofSeconds(30),
              measured)
          .run(
              endToEndProfiles.stream().map(profile -> settings(profile, false)).toList(),
              realTimeRepeats());
    }
    if (runs("backpressure")) {
      new BackpressureScenario(
              absoluteHome,
              logs,
              plots,
              out,
              new BackpressureScenario.Phases(
                  quick ? Duration.ofSeconds(20) : Duration.ofSeconds(30),
                  quick ? Duration.ofSeconds(30) : Duration.ofSeconds(60),
                  quick ? Duration.ofSeconds(45) : Duration.ofSeconds(120),
                  Duration.ofMillis(200),
                  quick ? Duration.ofSeconds(240) : Duration.ofSeconds(600)))
          .run(settings(Profile.MAINNET, true), realTimeRepeats());
    }
    return 0;
  }

  private void requirePositive(String option, List<Integer> values) {
    if (values != null
        && (values.isEmpty() || values.stream().anyMatch(v -> v == null || v <= 0))) {
      throw new CommandLine.ParameterException(
          new CommandLine(this),
          option + " takes positive integers separated by commas, got " + values);
    }
  }

  private List<Profile> endToEndProfiles() {
    List<Profile> known = List.of(Profile.MAINNET, Profile.MAINNET_2X);
    return profiles.stream()
        .map(
            name ->
                known.stream()
                    .filter(profile -> profile.name().equals(name))
                    .findFirst()
                    .orElseThrow(
                        () ->
                            new CommandLine.ParameterException(
                                new CommandLine(this),
                                "unknown profile '"
                                    + name
                                    + "'; one of "
                                    + known.stream().map(Profile::name).toList())))
        .toList();
  }

  /** e2e and backpressure run once unless asked: each run takes minutes of real time. */
  private int realTimeRepeats() {
    return repeats != null ? repeats : 1;
  }

  private boolean runs(String name) {
    return scenario.equals(name) || scenario.equals("all");
  }

  private Pipeline.Settings settings(Profile profile, boolean viaProxy) {
    // The simulator keeps its replay window on the heap: at mainnet 50 slots (20 s) filled most of
    // 1 GB, so it gets 2 GB; its memory is reported but is not a goal (it stands in for a node).
    return new Pipeline.Settings(
        profile,
        commitment,
        persisterThreads,
        maxPollRecords,
        PROCESS_HEAP,
        "2g",
        "512m",
        50,
        viaProxy);
  }

  private void filledTopicScenarios(PrintStream out, long fillEvents, int runs) throws Exception {
    try (Workspace ws = new Workspace(home.toAbsolutePath())) {
      String prefix = UniqueNames.of("bench").replace('-', '_');
      long filled = TopicFill.fill(ws, prefix, fillEvents, 16, Duration.ofMinutes(quick ? 2 : 6));
      out.printf(
          Locale.ROOT,
          "%nTopics filled by simulator -> ingestor: %,d event records under %s.*, 16 partitions%n",
          filled,
          prefix);
      if (runs("persister")) {
        persisterThroughput(
            ws, prefix, out, runs, quick ? Duration.ofSeconds(40) : Duration.ofSeconds(120));
      }
      if (runs("seed")) {
        new SeedScenario(
                ws, prefix, out, quick ? Duration.ofSeconds(20) : Duration.ofSeconds(30), runs)
            .run(seedRoundTrips(), seedThreadCounts(), List.copyOf(seedPollSizes));
      }
    }
  }

  private List<Duration> seedRoundTrips() {
    List<Integer> millis =
        roundTripsMs != null ? roundTripsMs : quick ? List.of(1000, 100) : List.of(1000, 100, 10);
    return millis.stream().map(Duration::ofMillis).toList();
  }

  private List<Integer> seedThreadCounts() {
    return seedThreads != null
        ? List.copyOf(seedThreads)
        : quick ? List.of(1, 16) : List.of(1, 4, 16);
  }

  private static void persisterThroughput(
      Workspace ws, String prefix, PrintStream out, int runs, Duration limit) throws Exception {
    out.println();
    out.println("### Persister throughput, local PostgreSQL (events/s; median [range])");
    out.println();
    out.println(
        "| max.poll.records | threads | persister events/s | COPY ceiling events/s | ratio |");
    out.println("|---|---|---|---|---|");
    for (int pollSize : List.of(50, 500, 5000)) {
      for (int threads : List.of(1, 4)) {
        Samples persister = new Samples();
        Samples ceiling = new Samples();
        for (int i = 0; i < runs; i++) {
          truncate(ws);
          PersisterRun.Result result =
              PersisterRun.run(ws, prefix, ws.database.jdbcUrl(), pollSize, threads, true, limit);
          persister.add(result.perSecond());
          try (Connection connection = ws.database.connection()) {
            CopyCeiling.Result copy = CopyCeiling.measure(connection);
            // The rows of every committed event, put back by COPY: events/s at COPY speed.
            ceiling.add(result.committedTotal() / copy.seconds());
          }
        }
        out.printf(
            Locale.ROOT,
            "| %d | %d | %s | %s | %.2f |%n",
            pollSize,
            threads,
            persister.render(),
            ceiling.render(),
            persister.median() / ceiling.median());
        out.flush();
      }
    }
  }

  private static void truncate(Workspace ws) throws Exception {
    try (Connection connection = ws.database.connection();
        var statement = connection.createStatement()) {
      statement.execute(
          "DO $$ BEGIN IF to_regclass('slots') IS NOT NULL THEN TRUNCATE "
              + String.join(", ", CopyCeiling.TABLES)
              + "; END IF; END $$");
    }
  }
}
