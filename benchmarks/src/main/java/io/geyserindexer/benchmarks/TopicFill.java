package io.geyserindexer.benchmarks;

import io.geyserindexer.testkit.FreePorts;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Fills a topic prefix with real event records: the simulator, as fast as possible, streams a
 * deterministic slot range into the real ingestor, which produces to the workspace's broker.
 */
final class TopicFill {

  private TopicFill() {}

  /**
   * Produces at least {@code events} records under {@code prefix} and returns how many are there.
   */
  static long fill(Workspace ws, String prefix, long events, int partitions, Duration limit)
      throws Exception {
    int simulatorPort = FreePorts.next();
    try (GroupProgress progress = new GroupProgress(ws.kafka.bootstrapServers());
        JarProcess simulator =
            JarProcess.start(
                ws.home,
                "simulator",
                Map.of(
                    "SIMULATOR_PORT", String.valueOf(simulatorPort),
                    "SIMULATOR_SLOT_INTERVAL_MS", "0",
                    "SIMULATOR_SEED", "7"),
                ws.logs,
                "512m");
        JarProcess ingestor =
            JarProcess.start(
                ws.home,
                "ingestor",
                Map.of(
                    "GEYSER_ENDPOINT", "http://127.0.0.1:" + simulatorPort,
                    "KAFKA_BOOTSTRAP_SERVERS", ws.kafka.bootstrapServers(),
                    "TOPIC_PREFIX", prefix,
                    "TOPIC_PARTITIONS", String.valueOf(partitions),
                    "METRICS_PORT", String.valueOf(FreePorts.next())),
                ws.logs,
                "512m")) {
      long deadline = System.nanoTime() + limit.toNanos();
      long produced = 0;
      while (System.nanoTime() < deadline) {
        TimeUnit.SECONDS.sleep(1);
        if (!ingestor.isAlive()) {
          throw new IllegalStateException(ingestor.describeExit());
        }
        var topics = progress.topicsWithPrefix(prefix);
        produced = topics.isEmpty() ? 0 : progress.endOffsets(topics);
        if (produced >= events) {
          break;
        }
      }
      return produced;
    }
  }
}
