package io.geyserindexer.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.geyserindexer.ingestor.testing.IngestorHarness;
import io.geyserindexer.ingestor.testing.ScriptedGeyserServer;
import io.geyserindexer.ingestor.testing.ScriptedUpdates;
import io.geyserindexer.ingestor.testing.TopicRecords;
import io.geyserindexer.proto.events.EventRecord;
import io.geyserindexer.testkit.SharedKafka;
import io.geyserindexer.testkit.UniqueNames;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Stream cuts, a silent stream, restart and an unreplayable slot: no slot goes missing unnoticed.
 */
class ReconnectIT {

  private final String bootstrap = SharedKafka.bootstrapServers();

  /** Distinct (topic, key, event) values: replays after a reconnect add duplicates, never holes. */
  private static Set<String> distinct(String bootstrap, String prefix) {
    Set<String> out = new HashSet<>();
    for (ConsumerRecord<String, byte[]> r :
        TopicRecords.readAll(bootstrap, IngestorHarness.topics(prefix))) {
      try {
        out.add(
            r.topic()
                + "|"
                + r.key()
                + "|"
                + StreamToKafkaIT.withoutIngestedAt(EventRecord.parseFrom(r.value())));
      } catch (com.google.protobuf.InvalidProtocolBufferException e) {
        throw new AssertionError(e);
      }
    }
    return out;
  }

  private static Set<Long> confirmedSlots(String bootstrap, String prefix) throws Exception {
    Set<Long> slots = new TreeSet<>();
    for (ConsumerRecord<String, byte[]> r :
        TopicRecords.readAll(bootstrap, List.of(prefix + ".slots"))) {
      slots.add(EventRecord.parseFrom(r.value()).getSlotStatus().getSlot());
    }
    return slots;
  }

  @Test
  void streamCutFiveTimesMidFlowResumesWithFromSlotAndLosesNothing() throws Exception {
    List<ScriptedUpdates.Item> script = ScriptedUpdates.slots(10_000, 60, 20);
    String prefix = UniqueNames.of("cut");
    try (ScriptedGeyserServer server = new ScriptedGeyserServer(script, null, 1000)) {
      server.cutAtPositions(150, 400, 650, 900, 1150);
      try (IngestorPipeline pipeline =
          IngestorHarness.start(IngestorHarness.config(server.endpoint(), bootstrap, prefix))) {
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> distinct(bootstrap, prefix).size() == script.size());
        assertThat(pipeline.stop()).isTrue();
        assertThat(server.streamsOpened()).isEqualTo(6);
        List<Long> from = server.fromSlots();
        List<Long> cuts = server.cutSlots();
        assertThat(from).hasSize(6);
        assertThat(cuts).hasSize(5);
        assertThat(from.get(0)).isEqualTo(-1L);
        for (int k = 0; k < 5; k++) {
          // No gap: each stream resumes at or before the first slot the cut one did not finish.
          assertThat(from.get(k + 1)).isBetween(10_000L, cuts.get(k));
        }
        assertThat(confirmedSlots(bootstrap, prefix)).hasSize(60).first().isEqualTo(10_000L);
        assertThat(pipeline.metrics().total("ingestor.stream.reconnects")).isEqualTo(5);
        assertThat(pipeline.metrics().total("ingestor.gap.slots")).isZero();
      }
    }
  }

  @Test
  void aSilentStreamIsDetectedAndReconnected() throws Exception {
    List<ScriptedUpdates.Item> script = ScriptedUpdates.slots(20_000, 10, 10);
    String prefix = UniqueNames.of("silent");
    try (ScriptedGeyserServer server = new ScriptedGeyserServer(script, null, 200)) {
      server.silenceNextStreamAfter(40);
      try (IngestorPipeline pipeline =
          IngestorHarness.start(
              IngestorHarness.config(
                  server.endpoint(), bootstrap, prefix, "--geyser-silence-timeout", "1s"))) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> distinct(bootstrap, prefix).size() == script.size());
        assertThat(server.streamsOpened()).isEqualTo(2);
        assertThat(server.fromSlots().get(1)).isBetween(20_000L, 20_004L);
        assertThat(pipeline.metrics().total("ingestor.stream.reconnects")).isEqualTo(1);
        assertThat(pipeline.stop()).isTrue();
      }
    }
  }

  @Test
  void restartResumesFromTheSlotsTopicAndAnUnreplayableSlotIsReportedAsAGap() throws Exception {
    String prefix = UniqueNames.of("restart");
    List<ScriptedUpdates.Item> first = ScriptedUpdates.slots(30_000, 20, 5);
    try (ScriptedGeyserServer server = new ScriptedGeyserServer(first, null, 1000);
        IngestorPipeline pipeline =
            IngestorHarness.start(IngestorHarness.config(server.endpoint(), bootstrap, prefix))) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> TopicRecords.count(bootstrap, IngestorHarness.topics(prefix)) == first.size());
      assertThat(pipeline.stop()).isTrue();
    }

    // Restart: the last slot in <prefix>.slots is 30019, so the new run asks for it.
    try (ScriptedGeyserServer server =
            new ScriptedGeyserServer(ScriptedUpdates.slots(30_000, 25, 5), null, 1000);
        IngestorPipeline pipeline =
            IngestorHarness.start(IngestorHarness.config(server.endpoint(), bootstrap, prefix))) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> confirmedSlots(bootstrap, prefix).contains(30_024L));
      assertThat(server.fromSlots()).containsExactly(30_019L);
      assertThat(pipeline.stop()).isTrue();
    }

    // The server now only keeps slots from 30030: OUT_OF_RANGE, replay info, continue there, gap 6.
    try (ScriptedGeyserServer server =
        new ScriptedGeyserServer(ScriptedUpdates.slots(30_000, 40, 5), null, 1000)) {
      server.firstAvailable(30_030);
      try (IngestorPipeline pipeline =
          IngestorHarness.start(IngestorHarness.config(server.endpoint(), bootstrap, prefix))) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> confirmedSlots(bootstrap, prefix).contains(30_039L));
        assertThat(server.fromSlots()).containsExactly(30_024L, 30_030L);
        assertThat(pipeline.metrics().total("ingestor.gap.slots")).isEqualTo(6);
        Set<Long> slots = confirmedSlots(bootstrap, prefix);
        assertThat(slots).doesNotContain(30_025L, 30_029L).contains(30_030L);
        assertThat(pipeline.stop()).isTrue();
      }
    }
  }
}
