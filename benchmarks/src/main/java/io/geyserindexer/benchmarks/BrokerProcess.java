package io.geyserindexer.benchmarks;

import io.geyserindexer.testkit.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The testkit's KRaft broker in a JVM of its own, so the end-to-end figures can tell its memory
 * apart from the harness's. A fresh data directory per start; removed on close.
 */
final class BrokerProcess implements AutoCloseable {

  private static final long READY_SECONDS = 90;

  private final JarProcess process;
  private final Path dataDir;
  private final String bootstrapServers;

  private BrokerProcess(JarProcess process, Path dataDir, int port) {
    this.process = process;
    this.dataDir = dataDir;
    this.bootstrapServers = "127.0.0.1:" + port;
  }

  static BrokerProcess start(Path logDir, String heap) throws Exception {
    Path dataDir = Files.createTempDirectory("bench-kafka-");
    int port = freePortPair();
    JarProcess process =
        JarProcess.startMain(
            "kafka",
            "io.geyserindexer.testkit.EmbeddedKafkaBroker",
            List.of(dataDir.toString(), Integer.toString(port)),
            logDir,
            heap);
    BrokerProcess broker = new BrokerProcess(process, dataDir, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
    while (!process.logContains("KAFKA_READY")) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        String why = process.isAlive() ? "not ready in " + READY_SECONDS + " s" : "";
        broker.close();
        throw new IllegalStateException("broker " + why + " " + process.describeExit());
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    return broker;
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  /** The broker's JVM, for what the pipeline reports of every JVM alike (pid, GC log). */
  JarProcess jvm() {
    return process;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws Exception {
    process.close();
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  /**
   * The broker listens on {@code port} and its controller on {@code port + 1}: both must be free.
   */
  private static int freePortPair() throws IOException {
    for (int i = 0; i < 50; i++) {
      int port = FreePorts.next();
      try (ServerSocket next = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no two adjacent free ports");
  }
}
