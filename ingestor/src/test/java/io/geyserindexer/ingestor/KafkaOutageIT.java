package io.geyserindexer.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.geyserindexer.ingestor.testing.IngestorHarness;
import io.geyserindexer.ingestor.testing.ScriptedGeyserServer;
import io.geyserindexer.ingestor.testing.ScriptedUpdates;
import io.geyserindexer.ingestor.testing.TopicRecords;
import io.geyserindexer.testkit.EmbeddedKafkaBroker;
import io.geyserindexer.testkit.UniqueNames;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka stopped for 10 s under load: backpressure holds the stream (block) or drops are counted
 * exactly (drop).
 */
class KafkaOutageIT {

  private static final int CAPACITY = 200;
  private static final int SLACK = 10;
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private static ScriptedGeyserServer holding(List<ScriptedUpdates.Item> script, int after)
      throws Exception {
    ScriptedGeyserServer server = new ScriptedGeyserServer(script, null, 200);
    server.holdNextStreamAfter(after);
    return server;
  }

  private static double heldSeconds(IngestorPipeline pipeline) {
    return pipeline
        .metrics()
        .registry()
        .get("ingestor.queue.full.seconds")
        .functionCounter()
        .count();
  }

  @Test
  void blockPolicyHoldsTheStreamAndLosesNothing() throws Exception {
    List<ScriptedUpdates.Item> script = ScriptedUpdates.slots(40_000, 40, 500);
    String prefix = UniqueNames.of("block");
    List<String> topics = IngestorHarness.topics(prefix);
    try (ScriptedGeyserServer server = holding(script, 1000);
        IngestorPipeline pipeline =
            IngestorHarness.start(
                IngestorHarness.config(
                    server.endpoint(),
                    broker.bootstrapServers(),
                    prefix,
                    "--queue-capacity",
                    String.valueOf(CAPACITY),
                    "--kafka-max-in-flight",
                    "500",
                    "--geyser-silence-timeout",
                    "3s"))) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> pipeline.metrics().total("ingestor.produce.acknowledged") >= 1000);
      broker.stop();
      // The stream was held (still pinging) at 1000 messages so the load meets a stopped broker.
      server.resumeSilentStreams();
      // Full, as the design defines it: credits go out only in whole batches, so the queue is full
      // once less than a batch of space is left (queued + requested > capacity - batch); the
      // reader never asks beyond the capacity; a few requested messages can sit behind a
      // partially used HTTP/2 window.
      int full = CAPACITY - pipeline.queue().creditBatch() + 1;
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                assertThat(pipeline.fatal().reason()).isNull();
                assertThat(pipeline.queue().size() + pipeline.queue().outstanding())
                    .isBetween(full, CAPACITY);
                assertThat(pipeline.queue().size())
                    .as("queue depth (server sent %d)", server.sent())
                    .isGreaterThanOrEqualTo(full - SLACK);
              });
      long[] last = {-1};
      await()
          .pollInterval(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                long now = server.sent();
                boolean stable = now == last[0];
                last[0] = now;
                return stable;
              });
      long plateau = server.sent();
      assertThat(plateau).isLessThan(script.size());
      double heldBefore = heldSeconds(pipeline);
      long holdStarted = System.nanoTime();
      // The rest of the 10 s outage: the stream stays held, the queue stays full, no reconnect.
      await()
          .during(Duration.ofSeconds(7))
          .atMost(Duration.ofSeconds(9))
          .until(
              () ->
                  server.sent() == plateau
                      && pipeline.queue().size() >= full - SLACK
                      && pipeline.queue().size() + pipeline.queue().outstanding() <= CAPACITY);
      double heldFor = (System.nanoTime() - holdStarted) / 1e9;
      assertThat(server.heldByFlowControl()).isPositive();
      // Backpressure was engaged for the whole hold, even with the queue a few short of full.
      assertThat(heldSeconds(pipeline) - heldBefore)
          .as(
              "backpressure time (queue %d, owed %d, batch %d)",
              pipeline.queue().size(),
              pipeline.queue().outstanding(),
              pipeline.queue().creditBatch())
          .isGreaterThanOrEqualTo(heldFor - 0.5);
      broker.restart();

      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> TopicRecords.count(broker.bootstrapServers(), topics) >= script.size());
      assertThat(pipeline.stop()).isTrue();
      assertThat(TopicRecords.count(broker.bootstrapServers(), topics)).isEqualTo(script.size());
      assertThat(pipeline.metrics().total("ingestor.events.dropped")).isZero();
      assertThat(server.streamsOpened()).isEqualTo(1);
    }
  }

  @Test
  void dropPolicyCountsEveryDrop() throws Exception {
    List<ScriptedUpdates.Item> script = ScriptedUpdates.slots(50_000, 20, 500);
    String prefix = UniqueNames.of("drop");
    List<String> topics = IngestorHarness.topics(prefix);
    try (ScriptedGeyserServer server = new ScriptedGeyserServer(script, null, 200)) {
      // Hold the stream until Kafka is down, so every event must either queue or drop.
      server.silenceNextStreamAfter(0);
      try (IngestorPipeline pipeline =
          IngestorHarness.start(
              IngestorHarness.config(
                  server.endpoint(),
                  broker.bootstrapServers(),
                  prefix,
                  "--queue-policy",
                  "drop",
                  "--queue-capacity",
                  String.valueOf(CAPACITY),
                  "--kafka-max-in-flight",
                  "500",
                  "--geyser-silence-timeout",
                  "60s"))) {
        await().atMost(Duration.ofSeconds(10)).until(() -> server.streamsOpened() == 1);
        broker.stop();
        server.resumeSilentStreams();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> pipeline.metrics().total("ingestor.updates.received") >= script.size());
        assertThat(server.sent()).isEqualTo(script.size());
        double dropped = pipeline.metrics().total("ingestor.events.dropped");
        assertThat(dropped).isPositive();
        broker.restart();
        long kept = script.size() - (long) dropped;
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> TopicRecords.count(broker.bootstrapServers(), topics) >= kept);
        assertThat(pipeline.stop()).isTrue();
        // Exactly: every event either reached Kafka once or was counted as dropped.
        assertThat(TopicRecords.count(broker.bootstrapServers(), topics)).isEqualTo(kept);
        assertThat(pipeline.metrics().total("ingestor.parse.failures")).isZero();
        assertThat(server.streamsOpened()).isEqualTo(1);
      }
    }
  }
}
