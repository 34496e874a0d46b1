package io.geyserindexer.benchmarks;

import io.geyserindexer.testkit.FreePorts;
import io.geyserindexer.testkit.SharedPostgres;
import io.geyserindexer.testkit.TcpProxy;
import io.geyserindexer.testkit.TestDatabase;
import io.geyserindexer.testkit.UniqueNames;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole pipeline as production runs it, each part its own JVM: a fresh broker, a fresh
 * database, the simulator in real time at a {@link Profile}, the ingestor and the persister.
 * Optionally the persister reaches PostgreSQL through a {@link TcpProxy} that a scenario can slow.
 */
final class Pipeline implements AutoCloseable {

  /** The topic kinds the persister consumes by default; lag and ingestor rates count these. */
  static final List<String> PERSISTED_KINDS =
      List.of("slots", "blocks", "transactions", "accounts");

  /**
   * How the processes run.
   *
   * @param processHeap -Xmx of the ingestor and the persister (their RSS goal is 512 MB)
   * @param simulatorHeap -Xmx of the simulator (a test tool; its replay window lives on the heap)
   * @param replaySlots slots the simulator keeps for a reconnect's from_slot replay
   */
  record Settings(
      Profile profile,
      String commitment,
      int persisterThreads,
      int maxPollRecords,
      String processHeap,
      String simulatorHeap,
      String brokerHeap,
      int replaySlots,
      boolean viaProxy) {

    String describe() {
      return String.format(
          java.util.Locale.ROOT,
          "ingestor GEYSER_COMMITMENT=%s; ingestor and persister -Xmx%s each; persister"
              + " PERSISTER_THREADS=%d MAX_POLL_RECORDS=%d, everything else default; simulator"
              + " -Xmx%s --replay-slots %d; broker -Xmx%s",
          commitment,
          processHeap,
          persisterThreads,
          maxPollRecords,
          simulatorHeap,
          replaySlots,
          brokerHeap);
    }
  }

  private static final long TOPICS_SECONDS = 120;

  final Settings settings;
  final String prefix = UniqueNames.of("e2e").replace('-', '_');
  final String group = UniqueNames.of("e2e-persister");
  final List<String> topics = PERSISTED_KINDS.stream().map(k -> prefix + "." + k).toList();
  final int ingestorMetricsPort = FreePorts.next();
  final int persisterMetricsPort = FreePorts.next();

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private BrokerProcess broker;
  private TestDatabase database;
  private TcpProxy proxy;
  private JarProcess simulator;
  private JarProcess ingestor;
  private JarProcess persister;

  private Pipeline(Settings settings) {
    this.settings = settings;
  }

  static Pipeline start(Path home, Path logs, Settings settings) throws Exception {
    Pipeline pipeline = new Pipeline(settings);
    try {
      pipeline.startAll(home, logs);
      return pipeline;
    } catch (Exception e) {
      pipeline.close();
      throw e;
    }
  }

  private void startAll(Path home, Path logs) throws Exception {
    broker = track(BrokerProcess.start(logs, settings.brokerHeap()));
    database = track(SharedPostgres.createDatabase("e2e"));
    String jdbcUrl = database.jdbcUrl();
    if (settings.viaProxy()) {
      proxy = track(TcpProxy.start(database.host(), database.port()));
      jdbcUrl = database.jdbcUrlVia(proxy.host(), proxy.port());
    }
    int simulatorPort = FreePorts.next();
    List<String> simulatorArgs =
        new java.util.ArrayList<>(
            List.of(
                "--port",
                Integer.toString(simulatorPort),
                "--replay-slots",
                Integer.toString(settings.replaySlots())));
    simulatorArgs.addAll(settings.profile().simulatorArgs());
    simulator =
        track(
            JarProcess.start(
                home, "simulator", simulatorArgs, Map.of(), logs, settings.simulatorHeap()));
    Map<String, String> ingestorEnv = new LinkedHashMap<>();
    ingestorEnv.put("GEYSER_ENDPOINT", "http://127.0.0.1:" + simulatorPort);
    ingestorEnv.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    ingestorEnv.put("TOPIC_PREFIX", prefix);
    ingestorEnv.put("METRICS_PORT", Integer.toString(ingestorMetricsPort));
    ingestorEnv.put("GEYSER_COMMITMENT", settings.commitment());
    ingestor =
        track(
            JarProcess.start(
                home, "ingestor", List.of(), ingestorEnv, logs, settings.processHeap()));
    awaitTopics();
    Map<String, String> persisterEnv = new LinkedHashMap<>();
    persisterEnv.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    persisterEnv.put("TOPIC_PREFIX", prefix);
    persisterEnv.put("PERSISTER_GROUP_ID", group);
    persisterEnv.put("DATABASE_URL", jdbcUrl);
    persisterEnv.put("DATABASE_USER", database.user());
    persisterEnv.put("MAX_POLL_RECORDS", Integer.toString(settings.maxPollRecords()));
    persisterEnv.put("PERSISTER_THREADS", Integer.toString(settings.persisterThreads()));
    persisterEnv.put("METRICS_PORT", Integer.toString(persisterMetricsPort));
    persister =
        track(
            JarProcess.start(
                home, "persister", List.of(), persisterEnv, logs, settings.processHeap()));
  }

  /**
   * Waits until the ingestor has created its topics. A consumer subscribing first would have the
   * broker auto-create them with one partition each, and the persister's threads would sit idle.
   */
  private void awaitTopics() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TOPICS_SECONDS);
    try (GroupProgress progress = new GroupProgress(broker.bootstrapServers())) {
      while (!progress.topicsWithPrefix(prefix).containsAll(topics)) {
        checkAliveSoFar();
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the ingestor did not create " + topics + " within " + TOPICS_SECONDS + " s");
        }
        TimeUnit.MILLISECONDS.sleep(250);
      }
    }
  }

  private void checkAliveSoFar() {
    for (JarProcess process : List.of(simulator, ingestor)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(process.describeExit());
      }
    }
  }

  private <T extends AutoCloseable> T track(T component) {
    started.push(component);
    return component;
  }

  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** The proxy between the persister and PostgreSQL; only with {@code viaProxy}. */
  TcpProxy proxy() {
    if (proxy == null) {
      throw new IllegalStateException("this pipeline runs without a database proxy");
    }
    return proxy;
  }

  /** The JVMs whose memory and GC are reported, by name, in a stable order. */
  private Map<String, JarProcess> jvms() {
    Map<String, JarProcess> jvms = new LinkedHashMap<>();
    jvms.put("simulator", simulator);
    jvms.put("ingestor", ingestor);
    jvms.put("persister", persister);
    jvms.put("broker", broker.jvm());
    return jvms;
  }

  Map<String, Long> pids() {
    Map<String, Long> pids = new LinkedHashMap<>();
    jvms().forEach((name, jvm) -> pids.put(name, jvm.pid()));
    return pids;
  }

  /** The GC log of every JVM of {@link #pids()}, by the same names. */
  Map<String, Path> gcLogs() {
    Map<String, Path> logs = new LinkedHashMap<>();
    jvms().forEach((name, jvm) -> logs.put(name, jvm.gcLog()));
    return logs;
  }

  /** Fails with the process's last log lines when a part of the pipeline has exited. */
  void checkAlive() {
    if (!broker.isAlive()) {
      throw new IllegalStateException("the broker exited");
    }
    for (JarProcess process : List.of(simulator, ingestor, persister)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(process.describeExit());
      }
    }
  }

  @Override
  public void close() throws Exception {
    Exception first = null;
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
