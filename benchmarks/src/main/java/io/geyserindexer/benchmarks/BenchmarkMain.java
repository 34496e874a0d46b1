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
 * benchmarks/target/benchmarks.jar [--quick] [--scenario persister|seed|all]}.
 */
@Command(name = "geyser-bench", mixinStandardHelpOptions = true)
public final class BenchmarkMain implements Callable<Integer> {

  @Option(names = "--home", description = "Checkout holding the built jars.")
  Path home = Path.of(".");

  @Option(names = "--quick", description = "Short version (about 3 minutes per scenario).")
  boolean quick;

  @Option(names = "--scenario", defaultValue = "all", description = "persister, seed or all")
  String scenario;

  @Option(names = "--events", description = "Events to pre-fill the topics with.")
  Long events;

  @Option(names = "--repeats", description = "Runs per figure (median and range are reported).")
  Integer repeats;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchmarkMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    long fillEvents = events != null ? events : quick ? 100_000 : 400_000;
    int runs = repeats != null ? repeats : quick ? 1 : 3;
    out.printf(
        Locale.ROOT,
        "## Benchmark run (%s, %d cores, Java %s)%n",
        quick ? "quick" : "full",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    try (Workspace ws = new Workspace(home.toAbsolutePath())) {
      String prefix = UniqueNames.of("bench").replace('-', '_');
      long filled = TopicFill.fill(ws, prefix, fillEvents, 16, Duration.ofMinutes(quick ? 2 : 6));
      out.printf(
          Locale.ROOT,
          "%nTopics filled by simulator -> ingestor: %,d event records under %s.*, 16 partitions%n",
          filled,
          prefix);
      if (scenario.equals("persister") || scenario.equals("all")) {
        persisterThroughput(
            ws, prefix, out, runs, quick ? Duration.ofSeconds(40) : Duration.ofSeconds(120));
      }
      if (scenario.equals("seed") || scenario.equals("all")) {
        new SeedScenario(
                ws, prefix, out, quick ? Duration.ofSeconds(20) : Duration.ofSeconds(60), runs)
            .run(
                quick
                    ? List.of(Duration.ofMillis(1000), Duration.ofMillis(100))
                    : List.of(
                        Duration.ofMillis(1000), Duration.ofMillis(100), Duration.ofMillis(10)),
                quick ? List.of(1, 16) : List.of(1, 4, 16),
                List.of(50, 2000));
      }
    }
    return 0;
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
