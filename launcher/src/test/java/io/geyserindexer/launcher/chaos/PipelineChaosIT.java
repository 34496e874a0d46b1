package io.geyserindexer.launcher.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.geyserindexer.launcher.chaos.PoisonRecords.Letter;
import io.geyserindexer.launcher.chaos.PoisonRecords.Position;
import io.geyserindexer.launcher.e2e.ActualRows;
import io.geyserindexer.launcher.e2e.ExpectedRows;
import io.geyserindexer.simulator.server.MalformedSlotSource;
import io.geyserindexer.simulator.traffic.SlotContent;
import io.geyserindexer.simulator.traffic.TrafficConfig;
import io.geyserindexer.simulator.traffic.TrafficModel;
import io.geyserindexer.testkit.EmbeddedKafkaBroker;
import io.geyserindexer.testkit.FreePorts;
import io.geyserindexer.testkit.SharedPostgres;
import io.geyserindexer.testkit.TcpProxy;
import io.geyserindexer.testkit.TestDatabase;
import io.geyserindexer.testkit.UniqueNames;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 6's chaos suite: simulator, ingestor and persister run from their jars as child JVMs over a
 * deterministic slot range, with Kafka in this JVM and PostgreSQL and the Geyser stream behind TCP
 * proxies. A seeded {@link ChaosPlan} SIGKILLs the persister 10 times and the ingestor 5 times,
 * restarts the broker twice, cuts PostgreSQL twice for 15 s and the stream 20 times, while the
 * simulator sends malformed account writes and poison records sit on every event topic. At the end
 * PostgreSQL must equal what the simulator sent, row by row, in every table.
 *
 * <p>Short form (CI): {@code chaos.events} = 100,000. Full form: {@code mvn -B -pl launcher verify
 * -Dit.test=PipelineChaosIT -Dchaos.events=1000000}. {@code chaos.seed} repeats a run; {@code
 * chaos.overlap} sets GEYSER_RESUME_OVERLAP_SLOTS (default 0, the ingestor's own default: the suite
 * proves the configuration users run).
 */
class PipelineChaosIT {

  private static final long EVENTS = Long.getLong("chaos.events", 100_000);
  private static final long SEED = Long.getLong("chaos.seed", 6);
  private static final long START = 310_000_000L;

  /** Per-slot traffic grows with the run so the slot count (and replay memory) stays moderate. */
  private static final int SCALE = EVENTS > 150_000 ? 4 : 1;

  private static final int TX_PER_SLOT = 40 * SCALE;
  private static final int ACCOUNTS_PER_SLOT = 60 * SCALE;
  private static final long SLOT_INTERVAL_MS = 80;
  private static final int CONFIRM_DEPTH = 1;
  private static final int FINALIZE_DEPTH = 32;

  /** Reaches back past the oldest status a confirmed subscriber can still be owed (see IT docs). */
  private static final int OVERLAP = Integer.getInteger("chaos.overlap", 0);

  /** 60 s of replay at this slot rate, as upstream's default 150 slots of 400 ms. */
  private static final int REPLAY_SLOTS = (int) (60_000 / SLOT_INTERVAL_MS);

  private static final double MALFORMED_SHARE = 0.02;

  /**
   * The replay window plus a blocked session's queue (up to 250,000 updates while Kafka is down)
   * must fit: the first full-form run died of OutOfMemoryError in the simulator at 512m.
   */
  private static final String SIMULATOR_HEAP = SCALE > 1 ? "1536m" : "512m";

  /** Slots that may pass before the ingestor's first subscription (it starts live). */
  private static final int STARTUP_SLACK = 100;

  private static final long POISON_SLOT = START - 1_000;

  /** The ingestor's line for every stream that ended (a cut one, or a failed reconnect). */
  private static final Pattern LIVE_STREAM_END = Pattern.compile("Geyser stream ended after ");

  private static final Pattern MALFORMED_LOG =
      Pattern.compile("Skipped a malformed account update of slot (\\d+)");

  @Test
  void everyRowLandsExactlyOnceThroughKillsRestartsAndCuts() throws Exception {
    long began = System.nanoTime();
    TrafficModel model =
        new TrafficModel(TrafficConfig.defaults(SEED, TX_PER_SLOT, ACCOUNTS_PER_SLOT));
    long end = endSlot(model);
    Duration window = Duration.ofMillis((end - START + 1) * SLOT_INTERVAL_MS);
    ChaosPlan plan = ChaosPlan.of(SEED, window, ChaosPlan.Counts.issueSix());
    Path run = Files.createDirectories(Path.of("target", UniqueNames.of("chaos")).toAbsolutePath());
    Path jars = copyJars(run.resolve("jars"));
    String prefix = UniqueNames.of("chaos");
    String group = UniqueNames.of("chaos-persister");
    System.out.printf(
        "chaos: seed %d, slots %d..%d (%d tx + %d account writes per slot, %d ms each,"
            + " window %d s), overlap %d, logs in %s%n",
        SEED,
        START,
        end,
        TX_PER_SLOT,
        ACCOUNTS_PER_SLOT,
        SLOT_INTERVAL_MS,
        window.toSeconds(),
        OVERLAP,
        run);

    int simulatorPort = FreePorts.next();
    try (EmbeddedKafkaBroker broker =
            EmbeddedKafkaBroker.start(run.resolve("kafka"), freePortPair());
        TestDatabase db = SharedPostgres.createDatabase("chaos");
        TcpProxy dbProxy = TcpProxy.start(db.host(), db.port());
        TcpProxy streamProxy = TcpProxy.start("127.0.0.1", simulatorPort);
        ChaosProcess simulator =
            new ChaosProcess(
                "simulator",
                jars.resolve("simulator.jar"),
                SIMULATOR_HEAP,
                simulatorEnv(simulatorPort, end),
                run);
        ChaosProcess ingestor =
            new ChaosProcess(
                "ingestor",
                jars.resolve("ingestor.jar"),
                "256m",
                ingestorEnv(broker.bootstrapServers(), prefix, streamProxy.port()),
                run);
        ChaosProcess persister =
            new ChaosProcess(
                "persister",
                jars.resolve("persister.jar"),
                "256m",
                persisterEnv(broker.bootstrapServers(), prefix, group, db, dbProxy.port()),
                run)) {
      ingestor.start();
      persister.start();
      await("ingestor metrics")
          .atMost(Duration.ofSeconds(90))
          .until(() -> ingestor.scrape(FaultInjector.PARSE_FAILURES).isPresent());
      simulator.start();
      await("simulator port").atMost(Duration.ofSeconds(60)).until(() -> answers(simulatorPort));
      long trafficStart = System.nanoTime();
      List<Position> poison = PoisonRecords.produce(broker.bootstrapServers(), prefix, POISON_SLOT);

      FaultInjector faults = new FaultInjector(ingestor, persister, broker, dbProxy, streamProxy);
      faults.run(plan, trafficStart);
      await("the last slot finalized in PostgreSQL and every record consumed")
          .atMost(Duration.ofSeconds(120 + window.toSeconds() / 2))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  faults.supervise()
                      && simulator.isAlive()
                      && finalized(db, end)
                      && ConsumerGroupLag.caughtUp(broker.bootstrapServers(), group, prefix));
      double lastParseFailures = ingestor.scrape(FaultInjector.PARSE_FAILURES).orElse(-1);
      assertThat(ingestor.stop(Duration.ofSeconds(30))).as("ingestor exit on SIGTERM").isZero();
      assertThat(persister.stop(Duration.ofSeconds(30))).as("persister exit on SIGTERM").isZero();
      simulator.stop(Duration.ofSeconds(10));

      // Row by row.
      List<TableComparison> tables;
      long from;
      Map<String, Long> poisonRows;
      try (Connection c = db.connection()) {
        from = firstBlockSlot(c);
        tables = TableComparison.all(ExpectedRows.of(model, from, end), ActualRows.read(c, from));
        poisonRows = poisonRows(c);
      }
      long events = events(model, from, end);

      // Malformed upstream writes: every one the ingestor was sent is skipped and logged.
      Set<Long> carrying = malformedSlots(model, START, end);
      Set<Long> owed = malformedSlots(model, from, end);
      Set<Long> logged = new TreeSet<>();
      for (Path log : ingestor.logs()) {
        logged.addAll(malformedLogged(log));
      }
      List<Path> ingestorLogs = ingestor.logs();
      long liveStreamEnds = 0;
      for (Path log : ingestorLogs) {
        liveStreamEnds += LIVE_STREAM_END.matcher(Files.readString(log)).results().count();
      }
      long lastIncarnationLogged = malformedLines(ingestorLogs.get(ingestorLogs.size() - 1));

      List<Letter> letters = PoisonRecords.letters(broker.bootstrapServers(), prefix);
      Set<Position> lettered = new HashSet<>();
      letters.forEach(l -> lettered.add(l.source()));
      Map<Position, String> reasons = new HashMap<>();
      letters.forEach(l -> reasons.put(l.source(), l.reason()));

      double seconds = (System.nanoTime() - began) / 1e9;
      StringBuilder out = new StringBuilder("\n=== chaos run summary ===\n");
      out.append(
          String.format(
              "range: slots %d..%d checked (ingestor's first whole slot %d), %d events sent"
                  + " (transactions + account writes + block metas + slot statuses)%n",
              from, end, from, events));
      out.append("faults done: ").append(faults.done()).append('\n');
      out.append(
          String.format(
              "stream cuts: %d made on a connected stream; ingestor logged %d ended streams"
                  + " (cuts and failed reconnects)%n",
              faults.liveCuts(), liveStreamEnds));
      out.append("unplanned exits (restarted): ingestor ")
          .append(ingestor.unplannedExits())
          .append(", persister ")
          .append(persister.unplannedExits())
          .append('\n');
      out.append(
          String.format(
              "malformed upstream writes: %d owed, %d slots logged as skipped; parse-failure"
                  + " counter: %.0f in killed incarnations, %.0f in the last (its log: %d)%n",
              owed.size(),
              logged.size(),
              faults.parseFailuresBeforeKills(),
              lastParseFailures,
              lastIncarnationLogged));
      out.append(
          String.format(
              "poison records: %d produced, %d dead-lettered (%d letters), rows at the poison"
                  + " slot: %s%n",
              poison.size(),
              lettered.stream().filter(poison::contains).count(),
              letters.size(),
              poisonRows));
      tables.forEach(t -> out.append(t.summary(10)).append('\n'));
      out.append(String.format("duration: %.1f s%n", seconds));
      out.append("timeline:\n  ").append(String.join("\n  ", faults.timeline())).append('\n');
      System.out.println(out);

      assertThat(tables).allSatisfy(t -> assertThat(t.failed()).as(t.summary(20)).isZero());
      assertThat(from - START).as("slots before the first subscription").isLessThan(STARTUP_SLACK);
      assertThat(events).as("events in the checked range").isGreaterThanOrEqualTo(EVENTS);
      assertThat(faults.done()).isEqualTo(plan.countByKind());
      assertThat(liveStreamEnds)
          .as("cuts that ended a live stream")
          .isGreaterThanOrEqualTo(faults.liveCuts());
      assertThat(faults.liveCuts()).as("cuts on a connected stream").isGreaterThanOrEqualTo(15);
      assertThat(owed).as("malformed writes in the range").isNotEmpty();
      assertThat(logged).as("every owed malformed write skipped").containsAll(owed);
      assertThat(carrying).as("nothing else skipped as malformed").containsAll(logged);
      assertThat(lastParseFailures)
          .as("the last ingestor counted what it logged")
          .isEqualTo((double) lastIncarnationLogged);
      assertThat(faults.parseFailuresBeforeKills() + lastParseFailures).isPositive();
      assertThat(lettered).as("every poison record dead-lettered").containsAll(poison);
      assertThat(poison).as("nothing but poison dead-lettered").containsAll(lettered);
      poison.forEach(
          p ->
              assertThat(reasons.get(p))
                  .as("reason of %s", p)
                  .isIn("undecodable", "schema_version"));
      assertThat(poisonRows).allSatisfy((table, n) -> assertThat(n).as(table).isZero());
    }
  }

  /** The last slot such that slots START+STARTUP_SLACK..end carry at least EVENTS events. */
  private static long endSlot(TrafficModel model) {
    long events = 0;
    long slot = START + STARTUP_SLACK - 1;
    while (events < EVENTS) {
      events += events(model.slot(++slot));
    }
    return slot;
  }

  private static long events(TrafficModel model, long from, long to) {
    long events = 0;
    for (long slot = from; slot <= to; slot++) {
      events += events(model.slot(slot));
    }
    return events;
  }

  /** What a confirmed subscriber gets for a live slot: content, block meta, three statuses. */
  private static long events(SlotContent slot) {
    return slot.dead() ? 0 : slot.transactions().size() + slot.collapsedAccounts().size() + 1 + 3;
  }

  private static Set<Long> malformedSlots(TrafficModel model, long from, long to) {
    Set<Long> out = new TreeSet<>();
    for (long slot = from; slot <= to; slot++) {
      if (!model.chain().isDead(slot)
          && MalformedSlotSource.carriesMalformed(SEED, slot, MALFORMED_SHARE)) {
        out.add(slot);
      }
    }
    return out;
  }

  private static Set<Long> malformedLogged(Path log) throws IOException {
    Set<Long> out = new TreeSet<>();
    Matcher m = MALFORMED_LOG.matcher(Files.readString(log));
    while (m.find()) {
      out.add(Long.parseLong(m.group(1)));
    }
    return out;
  }

  private static long malformedLines(Path log) throws IOException {
    return MALFORMED_LOG.matcher(Files.readString(log)).results().count();
  }

  private Map<String, String> simulatorEnv(int port, long end) {
    Map<String, String> env = new HashMap<>();
    env.put("SIMULATOR_PORT", String.valueOf(port));
    env.put("SIMULATOR_SEED", String.valueOf(SEED));
    env.put("SIMULATOR_START_SLOT", String.valueOf(START));
    env.put("SIMULATOR_END_SLOT", String.valueOf(end));
    env.put("SIMULATOR_SLOT_INTERVAL_MS", String.valueOf(SLOT_INTERVAL_MS));
    env.put("SIMULATOR_TX_PER_SLOT", String.valueOf(TX_PER_SLOT));
    env.put("SIMULATOR_ACCOUNTS_PER_SLOT", String.valueOf(ACCOUNTS_PER_SLOT));
    env.put("SIMULATOR_CONFIRM_DEPTH", String.valueOf(CONFIRM_DEPTH));
    env.put("SIMULATOR_FINALIZE_DEPTH", String.valueOf(FINALIZE_DEPTH));
    env.put("SIMULATOR_REPLAY_SLOTS", String.valueOf(REPLAY_SLOTS));
    env.put("SIMULATOR_MALFORMED_SHARE", String.valueOf(MALFORMED_SHARE));
    env.put("SIMULATOR_PING_INTERVAL_MS", "2000");
    return env;
  }

  private static Map<String, String> ingestorEnv(String bootstrap, String prefix, int streamPort) {
    Map<String, String> env = new HashMap<>();
    env.put("GEYSER_ENDPOINT", "http://127.0.0.1:" + streamPort);
    env.put("GEYSER_RESUME_OVERLAP_SLOTS", String.valueOf(OVERLAP));
    env.put("GEYSER_BACKOFF_INITIAL", "200ms");
    env.put("GEYSER_BACKOFF_MAX", "2s");
    env.put("GEYSER_SILENCE_TIMEOUT", "10s");
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
    env.put("TOPIC_PREFIX", prefix);
    return env;
  }

  private static Map<String, String> persisterEnv(
      String bootstrap, String prefix, String group, TestDatabase db, int proxyPort) {
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + proxyPort + "/" + db.name());
    env.put("DATABASE_USER", db.user() == null ? "" : db.user());
    env.put("DATABASE_PASSWORD", db.password() == null ? "" : db.password());
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
    env.put("TOPIC_PREFIX", prefix);
    env.put("PERSISTER_GROUP_ID", group);
    env.put("MAX_POLL_RECORDS", "500");
    env.put("RETRY_MAX_MS", "2000");
    // Static membership: a restarted persister takes its partitions back at once instead of
    // waiting out the killed member's session (README, "Set by the persister").
    env.put("KAFKA_CONSUMER_GROUP_INSTANCE_ID", group);
    env.put("KAFKA_CONSUMER_SESSION_TIMEOUT_MS", "10000");
    return env;
  }

  /** Copies the built jars, so a sibling's rebuild during the run cannot swap them underneath. */
  private static Path copyJars(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path repo = Path.of("..").toAbsolutePath().normalize();
    for (String name : List.of("simulator", "ingestor", "persister")) {
      Path jar = repo.resolve(name + "/target/" + name + ".jar");
      assertThat(jar).as("built before this IT").exists();
      Files.copy(jar, dir.resolve(name + ".jar"), StandardCopyOption.REPLACE_EXISTING);
    }
    return dir;
  }

  private static boolean finalized(TestDatabase db, long slot) {
    try (Connection c = db.connection();
        ResultSet rs =
            c.createStatement().executeQuery("SELECT status FROM slots WHERE slot = " + slot)) {
      return rs.next() && rs.getString(1).equals("finalized");
    } catch (SQLException e) {
      return false; // schema not there yet
    }
  }

  private static long firstBlockSlot(Connection c) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery("SELECT min(slot) FROM blocks")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Map<String, Long> poisonRows(Connection c) throws SQLException {
    Map<String, Long> out = new java.util.TreeMap<>();
    for (String table : List.of("slots", "blocks", "transactions", "account_updates")) {
      out.put(table, count(c, "SELECT count(*) FROM " + table + " WHERE slot = " + POISON_SLOT));
    }
    out.put(
        "accounts",
        count(c, "SELECT count(*) FROM accounts WHERE pubkey = '" + PoisonRecords.PUBKEY + "'"));
    return out;
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * A free port whose successor is free too: the broker's controller takes port + 1, and a taken
   * controller port makes Kafka halt this JVM.
   */
  private static int freePortPair() {
    for (int i = 0; i < 50; i++) {
      int port = FreePorts.next();
      try (java.net.ServerSocket a = new java.net.ServerSocket(port);
          java.net.ServerSocket b = new java.net.ServerSocket(port + 1)) {
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no two adjacent free ports found");
  }

  private static boolean answers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
