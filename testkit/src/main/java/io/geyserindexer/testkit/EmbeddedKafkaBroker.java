package io.geyserindexer.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker and controller) running in this
 * JVM, from Kafka's own jars. It can be stopped and restarted on the same ports with the same data,
 * which lets a test take Kafka away and give it back.
 *
 * <p>{@link #main} runs one as its own process for the local run and the chaos suite.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

  private final Path dataDir;
  private final boolean ownsDataDir;
  private final Properties properties;
  private final String bootstrapServers;
  private KafkaRaftServer server;

  private EmbeddedKafkaBroker(Path dataDir, boolean ownsDataDir, int port, int controllerPort) {
    this.dataDir = dataDir;
    this.ownsDataDir = ownsDataDir;
    this.bootstrapServers = "127.0.0.1:" + port;
    this.properties = serverProperties(dataDir, port, controllerPort);
  }

  /** Formats a fresh temporary log directory and starts a broker on free ports. */
  public static EmbeddedKafkaBroker start() {
    try {
      Path dir = Files.createTempDirectory("kafka-kraft-");
      EmbeddedKafkaBroker broker =
          new EmbeddedKafkaBroker(dir, true, FreePorts.next(), FreePorts.next());
      broker.format();
      broker.startServer();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a Kafka data directory", e);
    }
  }

  /**
   * Starts a broker on {@code port} keeping its data in {@code dataDir}; formats the directory on
   * first use, so a later start continues with the same topics and offsets.
   */
  public static EmbeddedKafkaBroker start(Path dataDir, int port) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create Kafka data directory " + dataDir, e);
    }
    int controllerPort = port + 1;
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, false, port, controllerPort);
    if (!Files.exists(dataDir.resolve("meta.properties"))) {
      broker.format();
    }
    broker.startServer();
    return broker;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Stops the broker; its ports and data are kept for {@link #restart()}. */
  public synchronized void stop() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
      log.info("Embedded Kafka broker at {} stopped", bootstrapServers);
    }
  }

  /** Starts the broker again on the same ports with the same data. */
  public synchronized void restart() {
    if (server == null) {
      startServer();
    }
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  @Override
  public synchronized void close() {
    stop();
    if (ownsDataDir) {
      deleteRecursively(dataDir);
    }
  }

  private synchronized void startServer() {
    long started = System.nanoTime();
    KafkaRaftServer raftServer =
        new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
    raftServer.startup();
    server = raftServer;
    log.info(
        "Embedded Kafka broker (KRaft, Apache Kafka jars) at {} started in {} ms, data in {}",
        bootstrapServers,
        (System.nanoTime() - started) / 1_000_000,
        dataDir);
  }

  private void format() {
    try {
      Path config = dataDir.resolve("server.properties");
      try (OutputStream out = Files.newOutputStream(config)) {
        properties.store(out, "embedded KRaft broker");
      }
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      String[] args = {
        "format",
        "-t",
        Uuid.randomUuid().toString(),
        "-c",
        config.toString(),
        "--standalone",
        "--ignore-formatted"
      };
      int code = StorageTool.execute(args, new PrintStream(output, true, StandardCharsets.UTF_8));
      if (code != 0) {
        throw new IllegalStateException(
            "formatting the Kafka log directory failed: "
                + output.toString(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the broker's server.properties", e);
    }
  }

  private static Properties serverProperties(Path dataDir, int port, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
    p.put(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    p.put("log.dirs", dataDir.resolve("logs").toString());
    p.put("num.partitions", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "4");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "true");
    // Room for a 10 MiB account update plus batch overhead.
    p.put("message.max.bytes", String.valueOf(16 * 1024 * 1024));
    p.put("replica.fetch.max.bytes", String.valueOf(16 * 1024 * 1024));
    p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
    p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
    return p;
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.warn("Could not delete {}: {}", dir, e.getMessage());
    }
  }

  /**
   * Runs a broker as a process of its own: {@code EmbeddedKafkaBroker <data-dir> <port>}. Prints
   * {@code KAFKA_READY <bootstrap>} once it accepts connections and stops cleanly on SIGTERM.
   */
  public static void main(String[] args) throws InterruptedException {
    if (args.length != 2) {
      System.err.println("usage: EmbeddedKafkaBroker <data-dir> <port>");
      System.exit(2);
    }
    EmbeddedKafkaBroker broker = start(Path.of(args[0]), Integer.parseInt(args[1]));
    Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "kafka-shutdown"));
    System.out.println("KAFKA_READY " + broker.bootstrapServers());
    System.out.flush();
    Thread.currentThread().join();
  }
}
