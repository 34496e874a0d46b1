package io.geyserindexer.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.geyserindexer.simulator.traffic.TrafficConfig;
import io.geyserindexer.simulator.traffic.TrafficModel;
import io.geyserindexer.testkit.FreePorts;
import io.geyserindexer.testkit.SharedPostgres;
import io.geyserindexer.testkit.TestDatabase;
import io.geyserindexer.testkit.UniqueNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end check: the same launcher jar the README's command runs indexes a fixed
 * slot range from the simulator into a fresh database, and PostgreSQL is compared row by row with
 * what the simulator's TrafficModel says it sent. Then SIGTERM (what Ctrl-C sends) must stop every
 * child process.
 */
class LocalPipelineIT {

  private static final long SEED = 11;
  private static final int TX_PER_SLOT = 20;
  private static final int ACCOUNTS_PER_SLOT = 30;
  private static final long START = 300_000_000L;
  private static final long END = START + 249;
  private static final Duration WAIT = Duration.ofSeconds(150);

  @Test
  void indexesTheSimulatedRangeRowByRowAndStopsEveryChildOnSigterm() throws Exception {
    Path repo = Path.of("..").toAbsolutePath().normalize();
    Path jar = repo.resolve("launcher/target/launcher.jar");
    assertThat(jar).as("built in package, before this IT").exists();
    Path dataDir = Files.createDirectories(Path.of("target", UniqueNames.of("e2e-local")));
    Path output = dataDir.resolve("launcher.out");
    try (TestDatabase db = SharedPostgres.createDatabase("localpipeline")) {
      ProcessBuilder builder =
          new ProcessBuilder(
                  javaExecutable(), "-Xmx256m", "-jar", jar.toString(), "--home", repo.toString())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      Map<String, String> env = builder.environment();
      env.put("DATABASE_URL", db.jdbcUrl());
      env.put("DATABASE_USER", db.user() == null ? "" : db.user());
      env.put("DATABASE_PASSWORD", db.password() == null ? "" : db.password());
      env.put("LOCAL_DATA_DIR", dataDir.toAbsolutePath().toString());
      env.put("LOCAL_KAFKA_PORT", String.valueOf(FreePorts.next()));
      env.put("LOCAL_PROGRESS_INTERVAL", "PT1S");
      env.put("LOCAL_PROCESS_HEAP", "256m");
      env.put("TOPIC_PREFIX", UniqueNames.of("local"));
      env.put("SIMULATOR_SEED", String.valueOf(SEED));
      env.put("SIMULATOR_START_SLOT", String.valueOf(START));
      env.put("SIMULATOR_END_SLOT", String.valueOf(END));
      env.put("SIMULATOR_SLOT_INTERVAL_MS", "40");
      env.put("SIMULATOR_TX_PER_SLOT", String.valueOf(TX_PER_SLOT));
      env.put("SIMULATOR_ACCOUNTS_PER_SLOT", String.valueOf(ACCOUNTS_PER_SLOT));
      env.put("SIMULATOR_FINALIZE_DEPTH", "4");
      Process launcher = builder.start();
      try {
        await()
            .atMost(WAIT)
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> !launcher.isAlive() || lastSlotFinalized(db));
        assertThat(launcher.isAlive()).as("launcher output:\n%s", tail(output)).isTrue();
        List<ProcessHandle> children = launcher.descendants().toList();
        assertThat(children)
            .as("kafka, persister, simulator, ingestor")
            .hasSizeGreaterThanOrEqualTo(4);

        long from = firstCompleteSlot(db);
        TrafficModel model =
            new TrafficModel(TrafficConfig.defaults(SEED, TX_PER_SLOT, ACCOUNTS_PER_SLOT));
        Map<String, Set<String>> expected = ExpectedRows.of(model, from, END);
        // Rows settle once the last slot is finalized: every earlier event was produced before
        // that status (the ingestor publishes statuses after their slot's content).
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(actualRows(db, from)).isEqualTo(expected));
        assertThat(END - from).as("slots indexed in full").isGreaterThan(100);
        assertThat(expected.get("token_balances")).isNotEmpty();
        assertThat(hasDeadSlot(model, from)).as("a dead slot inside the checked range").isTrue();
        assertThat(olderSlotRows(db, from))
            .as("slots before the first complete one only got later statuses")
            .allMatch(status -> status.equals("finalized") || status.equals("confirmed"));
        assertThat(Files.readString(output)).contains("stream ").contains("rows slots");

        launcher.destroy();
        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).as(tail(output)).isTrue();
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(children).noneMatch(ProcessHandle::isAlive));
      } finally {
        launcher.descendants().forEach(ProcessHandle::destroyForcibly);
        launcher.destroyForcibly();
      }
    }
  }

  private static boolean hasDeadSlot(TrafficModel model, long from) {
    for (long slot = from; slot <= END; slot++) {
      if (model.chain().isDead(slot)) {
        return true;
      }
    }
    return false;
  }

  private static boolean lastSlotFinalized(TestDatabase db) {
    try (Connection c = db.connection();
        PreparedStatement s = c.prepareStatement("SELECT status FROM slots WHERE slot = ?")) {
      s.setLong(1, END);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() && rs.getString(1).equals("finalized");
      }
    } catch (SQLException e) {
      return false; // the persister has not created the schema yet
    }
  }

  /**
   * The launcher starts the simulator before the ingestor (the ingestor needs its port), so slots
   * pass before the ingestor subscribes live; the first block row is the first slot whose confirmed
   * burst the ingestor received whole.
   */
  private static long firstCompleteSlot(TestDatabase db) throws SQLException {
    try (Connection c = db.connection();
        ResultSet rs = c.createStatement().executeQuery("SELECT min(slot) FROM blocks")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> olderSlotRows(TestDatabase db, long from) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connection();
        PreparedStatement s = c.prepareStatement("SELECT status FROM slots WHERE slot < ?")) {
      s.setLong(1, from);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private static Map<String, Set<String>> actualRows(TestDatabase db, long from)
      throws SQLException {
    Map<String, Set<String>> out = new java.util.TreeMap<>();
    try (Connection c = db.connection()) {
      ActualRows.read(c, from).forEach((table, rows) -> out.put(table, new HashSet<>(rows)));
    }
    return out;
  }

  private static String tail(Path output) {
    try {
      List<String> lines = Files.readAllLines(output);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (java.io.IOException e) {
      return "(no output: " + e + ")";
    }
  }

  private static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
